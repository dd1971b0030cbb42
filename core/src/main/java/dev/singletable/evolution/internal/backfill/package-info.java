/**
 * Internal: the backfill engine (segments read a page at a time, claimed through leases with their checkpoints, the
 * capacity limit, progress). Used by {@code dev.singletable.evolution}; free to change.
 */
@NullMarked
package dev.singletable.evolution.internal.backfill;

import org.jspecify.annotations.NullMarked;
