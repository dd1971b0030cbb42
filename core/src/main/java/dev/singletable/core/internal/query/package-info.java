/**
 * Reads: the query model (the immutable {@code QuerySpec}, built by the builder methods of both fluent queries in
 * {@code AbstractQueryBuilder} or bound from a repository method's plan; {@code QueryExecutor} runs
 * it with {@code ResolvedQuery}, {@code QueryReads}, {@code QueryCounts}, {@code FilterMatcher}; {@code
 * MergedPartitions} and {@code PartitionSource} for several partitions), every cursor rule ({@code CursorCodec}),
 * reads by id ({@code ResourceReads}) and read transactions ({@code TransactionReader}).
 * <p>
 * Internal: public only for the other layers of singletable; not API, may change in any release. Applications use
 * {@code dev.singletable.core} and its API packages.
 */
@NullMarked
package dev.singletable.core.internal.query;

import org.jspecify.annotations.NullMarked;
