/**
 * A customer, its orders and its invoices sharing a partition of {@code gsi1}: repositories with
 * {@code @CollectionQuery} methods.
 */
@NullMarked
package dev.singletable.repository.collections;

import org.jspecify.annotations.NullMarked;
