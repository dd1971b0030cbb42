/**
 * Issue 35's benchmark of item collections: a page of a collection against the same items through
 * {@code queryAny} and through one query per type.
 */
@NullMarked
package dev.singletable.benchmarks.collections;

import org.jspecify.annotations.NullMarked;
