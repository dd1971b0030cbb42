/**
 * Factory and base implementation of single-table repositories.
 */
@NullMarked
package dev.singletable.repository.support;

import org.jspecify.annotations.NullMarked;
