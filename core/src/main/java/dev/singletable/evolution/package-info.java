/**
 * Tables that change: backfills that rewrite every stored item of a type ({@link SingleTableBackfills}), recorded
 * migrations applied once and in order ({@link SingleTableMigration}, {@link SingleTableMigrations}), and the
 * detection of definitions that changed while items exist ({@link SingleTableDefinitions}). A layer above
 * {@code dev.singletable.core}: it uses the template's API and the internal packages below it
 * ({@code internal.backfill}, {@code internal.rewrite}, {@code internal.migration}, {@code internal.drift});
 * {@code core} never uses it, and reaches it at run time only through
 * {@code dev.singletable.core.schema.IndexDriftGuard}, which {@link SingleTableDefinitions} implements.
 */
@NullMarked
package dev.singletable.evolution;

import org.jspecify.annotations.NullMarked;
