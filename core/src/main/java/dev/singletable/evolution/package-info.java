/**
 * Tables that change: backfills that rewrite every stored item of a type ({@link SingleTableBackfills}), recorded
 * migrations applied once and in order ({@link SingleTableMigration}, {@link SingleTableMigrations}), and the
 * detection of definitions that changed while items exist. A layer above {@code dev.singletable.core}: it uses the
 * template's API and the engine in {@code dev.singletable.core.internal.evolution}; {@code core} never uses it.
 */
@NullMarked
package dev.singletable.evolution;

import org.jspecify.annotations.NullMarked;
