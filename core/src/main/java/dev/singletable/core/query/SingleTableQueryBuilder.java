package dev.singletable.core.query;

import java.util.Collection;
import java.util.function.Predicate;

import org.springframework.data.domain.Sort;

/**
 * What a query reads, built fluently: the builder methods the blocking {@link SingleTableQuery} and the reactive
 * {@code ReactiveSingleTableQuery} share, with the same meaning, each returning the query it is called on. Each of
 * the two adds its own terminal methods (a {@link QueryPage}, a {@code Stream} or {@code List}; or their
 * {@code Mono} and {@code Flux}); both read the same query the same way and their cursors pass between them.
 * <pre class="code">
 * template.query(Task.class).index("gsi3").partition("owner#ann").sortBetween(from, to).limit(20).page(cursor);
 * reactiveTemplate.query(Task.class).index("gsi3").partition("owner#ann").sortBetween(from, to).limit(20).all();
 * </pre>
 *
 * @param <T> the result type
 * @param <Q> the type of the query, which every builder method returns
 * @see SingleTableQuery
 */
public interface SingleTableQueryBuilder<T, Q extends SingleTableQueryBuilder<T, Q>> {

	/** The most partitions {@link #partitionIn(Collection)} reads: one {@code Query} each. */
	int MAX_PARTITIONS = 25;

	/**
	 * Queries the named index ({@code gsitype}, {@code gsi1}, {@code gsi-1}, ...).
	 * @param index the index name
	 * @return this query
	 */
	Q index(String index);

	/**
	 * Queries the table itself on {@code pk}/{@code sk}.
	 * @return this query
	 */
	Q table();

	/**
	 * Reads the resource with this id, as a query of the table: its partition {@code <prefix>#<id>} and the sort
	 * key of its latest item ({@code v0} for a versioned type, the partition key for a plain one). Replaces the
	 * index, partition and sort key condition; for a query of one type.
	 * @param id the id
	 * @return this query
	 */
	Q id(String id);

	/**
	 * Sets the partition key value (required except for type listings). A value that is not a String is rendered
	 * as a partition template renders it by default (integers as plain decimal, enums as stored); pass the key
	 * as a String to match another form.
	 * @param value the value
	 * @return this query
	 */
	Q partition(Object value);

	/**
	 * Reads several partitions of the index as one query, as a derived {@code In} on a partition property does:
	 * one {@code Query} per distinct value (rendered as {@link #partition(Object)} renders it), the first requests
	 * of all partitions sent side by side, and the results merged in the order of the index's sort key (equal sort
	 * keys in the order of the values; an index without a sort key returns the partitions one after another).
	 * Sort key conditions, filters, limits, pages, cursors, streams and counts apply to the merged results: a
	 * cursor holds where each partition continues, and a partition read to its end is not read again by later
	 * pages. {@link #maxRequests(int)} applies to each partition. Replaces a {@link #partition(Object) partition}
	 * set before.
	 * @param values the partition values, at least one and at most {@value #MAX_PARTITIONS} distinct ones
	 * @return this query
	 * @throws IllegalArgumentException when there are no values, a value is {@literal null} or empty, or there are
	 * more than {@value #MAX_PARTITIONS} distinct ones
	 */
	Q partitionIn(Collection<?> values);

	/**
	 * Sort key equal to the value. Values that are not Strings are rendered as a sort template renders them by
	 * default (integers in the order-preserving fixed-width form); pass the key as a String to match another
	 * form, such as {@code :05d}.
	 * @param value the value
	 * @return this query
	 */
	Q sortEquals(Object value);

	/**
	 * Sort key less than the value.
	 * @param value the value
	 * @return this query
	 */
	Q sortLessThan(Object value);

	/**
	 * Sort key less than or equal to the value.
	 * @param value the value
	 * @return this query
	 */
	Q sortLessThanOrEqual(Object value);

	/**
	 * Sort key greater than the value.
	 * @param value the value
	 * @return this query
	 */
	Q sortGreaterThan(Object value);

	/**
	 * Sort key greater than or equal to the value.
	 * @param value the value
	 * @return this query
	 */
	Q sortGreaterThanOrEqual(Object value);

	/**
	 * Sort key between the values, inclusive.
	 * @param low the lower bound
	 * @param high the upper bound
	 * @return this query
	 */
	Q sortBetween(Object low, Object high);

	/**
	 * Sort key starting with the prefix; an empty prefix matches every sort key (no condition).
	 * @param prefix the prefix
	 * @return this query
	 */
	Q sortBeginsWith(String prefix);

	/**
	 * Returns results in ascending sort key order (the default).
	 * @return this query
	 */
	Q ascending();

	/**
	 * Returns results in descending sort key order.
	 * @return this query
	 */
	Q descending();

	/**
	 * Orders the results as a Spring Data {@link Sort} says, which must be the order the index returns: ascending or
	 * descending by the property its sort key follows — on the type index the {@code @LastModifiedDate} property (or
	 * {@code updated_at}) or the leading property of its sort template, on an index sorted by the table's
	 * {@code pk} ({@code gsi1}, {@code gsi2}) the id, on an index with a sort template that template's leading
	 * property. {@link Sort#unsorted()} is the index order (ascending). Any other sort (another property, several,
	 * ignoring case) fails the read (for a reactive query, is its error signal) with an
	 * {@link InvalidSortException} naming the property, the index and the orders it supports; nothing is sorted in
	 * memory. The last of {@code orderBy}, {@link #ascending()} and
	 * {@link #descending()} applies.
	 * @param sort the sort
	 * @return this query
	 */
	Q orderBy(Sort sort);

	/**
	 * Reads with strong consistency; only possible on the table, not on a global secondary index.
	 * @return this query
	 */
	Q consistentRead();

	/**
	 * Adds a filter expression DynamoDB evaluates (combined with earlier ones by AND). Only for properties
	 * stored as attributes: those of uncompressed types, and the
	 * {@link dev.singletable.core.mapping.FilterMetadata @FilterMetadata} properties of compressed ones (filtered in
	 * the {@code metadata} map of the latest items); other properties of compressed types are refused with a
	 * message pointing to {@link #where(Predicate)}.
	 * @param filter the filter
	 * @return this query
	 */
	Q filter(Filter filter);

	/**
	 * Adds a predicate evaluated on each result after it is read (combined with earlier ones by AND). Works for
	 * every type, compressed or not; items it rejects still cost read capacity. A reactive query runs it on the
	 * thread that delivers the page: keep it quick and never blocking.
	 * @param predicate the predicate
	 * @return this query
	 */
	Q where(Predicate<? super T> predicate);

	/**
	 * Adds a filter evaluated on each result after it is read (combined with earlier conditions by AND), with the
	 * meaning DynamoDB gives it: for compressed types, whose properties DynamoDB cannot filter on. Only top-level
	 * properties of a single-type query; items it rejects still cost read capacity.
	 * @param filter the filter
	 * @return this query
	 */
	Q where(Filter filter);

	/**
	 * Reads only these properties (Java names, top level) where the type is stored uncompressed: the requests
	 * carry a {@code ProjectionExpression} with their stored names, the keys and the id, version, timestamps and
	 * TTL attribute reads need; the other properties of the results are left empty ({@literal null}, or the
	 * default of a primitive). Compressed types keep every property in {@code data} and are read whole. Counts
	 * ignore it.
	 * @param properties the properties to read; none reads whole items
	 * @return this query
	 */
	Q select(String... properties);

	/**
	 * Sets how many results a page holds (default 100); the query reads on until it has that many or the
	 * results end, and looks for one more to tell whether another page follows (an unfiltered query asks
	 * DynamoDB for one item more). For the reads of every result ({@link SingleTableQuery#stream()},
	 * {@link SingleTableQuery#all()}, the reactive {@code all()}) it caps the total when set.
	 * @param limit the number of results, at least 1
	 * @return this query
	 */
	Q limit(int limit);

	/**
	 * Skips the first results of the reads of every result ({@link SingleTableQuery#stream()},
	 * {@link SingleTableQuery#all()}, the reactive {@code all()}), as a {@code Pageable} offset does. Without a
	 * condition evaluated after reading ({@link #where(Predicate)}, {@link #where(Filter)}) the blocking query reads
	 * the skipped results with requests that return only their keys (and TTL attribute), so they are neither
	 * transferred whole nor converted; the reactive query reads them whole and drops them. DynamoDB still charges
	 * reading them, so cost grows with the offset. A {@link #limit(int) limit} counts the results after the skipped
	 * ones. Pages, counts and the first result do not use it.
	 * @param offset the number of results to skip, at least 0
	 * @return this query
	 */
	Q offset(long offset);

	/**
	 * Sets how many {@code Query} requests one page may make (default 10). A page that stops there carries a
	 * cursor to continue.
	 * @param maxRequests the request cap, at least 1
	 * @return this query
	 */
	Q maxRequests(int maxRequests);

}
