/**
 * Running the query plans of {@code core.internal.query} on the template's drivers: {@code QueryExecutor} on the
 * blocking driver (pages, counts, first items, and streams pulling the plans' {@code ResultBatches}, those of one
 * partition with one page read ahead) behind the blocking fluent query
 * {@code DefaultSingleTableQuery}, and {@code ReactiveQueryExecutor} on the reactive driver (the same plans and batches
 * as a {@code Flux} read by demand). Both read a stream as its {@code StreamReading} says and count as the plans'
 * {@code countBySelect} does, and a page's plan makes its cursor keys known first (reading or creating the table's
 * cursor secret on the driver that runs it, so a reactive read never blocks on it): they only adapt the plans to
 * their runtime. The plans stay in {@code core.internal.query}; this package only sends what they ask.
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.query.run;

import org.jspecify.annotations.NullMarked;
