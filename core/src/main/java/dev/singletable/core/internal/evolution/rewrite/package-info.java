/**
 * Internal: what a backfill does with each item it reads ({@code ItemProcessor}s of the engine in
 * {@code core.internal.evolution}): re-indexing, rewriting in place, recompressing, moving, each write conditioned on
 * the state read ({@code ReadState}) and items rebuilt through {@code ItemLayout} ({@code StoredResource}). Free to
 * change.
 */
@NullMarked
package dev.singletable.core.internal.evolution.rewrite;

import org.jspecify.annotations.NullMarked;
