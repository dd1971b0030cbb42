/**
 * Internal: the engine of backfills and migrations (segments read a page at a time, segment and migration leases
 * with their checkpoints, the capacity limit, progress) and the record of each type's stored definitions. Used by
 * {@code dev.singletable.evolution}; free to change.
 */
@NullMarked
package dev.singletable.core.internal.evolution;

import org.jspecify.annotations.NullMarked;
