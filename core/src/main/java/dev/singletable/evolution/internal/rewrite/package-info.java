/**
 * Internal: what a backfill does with each item it reads ({@code ItemProcessor}s of the engine in
 * {@code evolution.internal.backfill}): re-indexing, rewriting in place, recompressing, moving, each write conditioned
 * on the state read ({@code ReadState}) and items rebuilt through {@code ItemLayout} ({@code StoredResource}). Free
 * to change.
 */
@NullMarked
package dev.singletable.evolution.internal.rewrite;

import org.jspecify.annotations.NullMarked;
