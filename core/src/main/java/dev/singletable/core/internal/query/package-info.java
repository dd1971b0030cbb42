/**
 * Reads, as plans only (nothing here sends a request): the query model (the immutable {@code QuerySpec}, built by
 * the builder methods of both fluent queries in {@code AbstractQueryBuilder} or bound from a repository method's
 * plan; {@code QueryPlans} plans its reads with {@code ResolvedQuery}, {@code QueryReads}, {@code QueryCounts},
 * {@code FilterMatcher}, {@code PartitionMerge} and {@code PartitionSource} for several partitions;
 * {@code QueryExecutor} and {@code ReactiveQueryExecutor} in {@code core.internal.query.run} run them on their
 * drivers), every cursor rule ({@code CursorCodec}, the table's secret {@code StoredCursorSecret}), reads by id and
 * by batch ({@code ResourceReads}), the audit log's plan ({@code AuditLogPlan}) and reads ({@code AuditLogReads})
 * and read transactions ({@code TransactionReader}).
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.query;

import org.jspecify.annotations.NullMarked;
