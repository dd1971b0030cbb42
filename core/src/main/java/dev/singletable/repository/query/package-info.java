/**
 * Query methods derived from method names or declared on indexes.
 */
@NullMarked
package dev.singletable.repository.query;

import org.jspecify.annotations.NullMarked;
