/**
 * Repository interfaces and annotations for single-table entities.
 */
@NullMarked
package dev.singletable.repository;

import org.jspecify.annotations.NullMarked;
