/**
 * The entity types, repository and generated documents every contender of the benchmarks stores.
 */
@NullMarked
package dev.singletable.benchmarks.model;

import org.jspecify.annotations.NullMarked;
