package dev.singletable.core.query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

/**
 * A query on the table or one of its indexes, built fluently and ended by a terminal call. Without
 * {@link #index(String)} a typed query lists the type through the {@code gsitype} index, sorted by
 * {@code updated_at}. Key values are rendered like index key templates (timestamps, dates, fixed-width
 * integers), so a query can pass the same Java values the entity's properties hold.
 * <pre class="code">
 * QueryPage&lt;Task&gt; page = template.query(Task.class)
 *     .index("gsi3").partition("owner#ann").sortBetween(from, to)
 *     .filter(Filter.property("priority").ge(3))
 *     .limit(20)
 *     .page(cursor);
 * </pre>
 * Instances are not thread-safe; build one per query.
 *
 * @param <T> the result type
 */
public interface SingleTableQuery<T> {

	/** The most partitions {@link #partitionIn(Collection)} reads: one {@code Query} each. */
	int MAX_PARTITIONS = 25;

	/**
	 * Queries the named index ({@code gsitype}, {@code gsi1}, {@code gsi-1}, ...).
	 * @param index the index name
	 * @return this query
	 */
	SingleTableQuery<T> index(String index);

	/**
	 * Queries the table itself on {@code pk}/{@code sk}.
	 * @return this query
	 */
	SingleTableQuery<T> table();

	/**
	 * Reads the resource with this id, as a query of the table: its partition {@code <prefix>#<id>} and the sort
	 * key of its latest item ({@code v0} for a versioned type, the partition key for a plain one). Replaces the
	 * index, partition and sort key condition; for a query of one type.
	 * @param id the id
	 * @return this query
	 */
	SingleTableQuery<T> id(String id);

	/**
	 * Sets the partition key value (required except for type listings). A value that is not a String is rendered
	 * as a partition template renders it by default (integers as plain decimal, enums as stored); pass the key
	 * as a String to match another form.
	 * @param value the value
	 * @return this query
	 */
	SingleTableQuery<T> partition(Object value);

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
	SingleTableQuery<T> partitionIn(Collection<?> values);

	/**
	 * Sort key equal to the value. Values that are not Strings are rendered as a sort template renders them by
	 * default (integers in the order-preserving fixed-width form); pass the key as a String to match another
	 * form, such as {@code :05d}.
	 * @param value the value
	 * @return this query
	 */
	SingleTableQuery<T> sortEquals(Object value);

	/**
	 * Sort key less than the value.
	 * @param value the value
	 * @return this query
	 */
	SingleTableQuery<T> sortLessThan(Object value);

	/**
	 * Sort key less than or equal to the value.
	 * @param value the value
	 * @return this query
	 */
	SingleTableQuery<T> sortLessThanOrEqual(Object value);

	/**
	 * Sort key greater than the value.
	 * @param value the value
	 * @return this query
	 */
	SingleTableQuery<T> sortGreaterThan(Object value);

	/**
	 * Sort key greater than or equal to the value.
	 * @param value the value
	 * @return this query
	 */
	SingleTableQuery<T> sortGreaterThanOrEqual(Object value);

	/**
	 * Sort key between the values, inclusive.
	 * @param low the lower bound
	 * @param high the upper bound
	 * @return this query
	 */
	SingleTableQuery<T> sortBetween(Object low, Object high);

	/**
	 * Sort key starting with the prefix; an empty prefix matches every sort key (no condition).
	 * @param prefix the prefix
	 * @return this query
	 */
	SingleTableQuery<T> sortBeginsWith(String prefix);

	/**
	 * Returns results in ascending sort key order (the default).
	 * @return this query
	 */
	SingleTableQuery<T> ascending();

	/**
	 * Returns results in descending sort key order.
	 * @return this query
	 */
	SingleTableQuery<T> descending();

	/**
	 * Orders the results as a Spring Data {@link Sort} says, which must be the order the index returns: ascending or
	 * descending by the property its sort key follows — on the type index the {@code @LastModifiedDate} property (or
	 * {@code updated_at}) or the leading property of its sort template, on an index sorted by the table's
	 * {@code pk} ({@code gsi1}, {@code gsi2}) the id, on an index with a sort template that template's leading
	 * property. {@link Sort#unsorted()} is the index order (ascending). Any other sort (another property, several,
	 * ignoring case) fails the read with an {@link InvalidSortException} naming the property, the index and the orders it
	 * supports; nothing is sorted in memory. The last of {@code orderBy}, {@link #ascending()} and
	 * {@link #descending()} applies.
	 * @param sort the sort
	 * @return this query
	 */
	SingleTableQuery<T> orderBy(Sort sort);

	/**
	 * Reads with strong consistency; only possible on the table, not on a global secondary index.
	 * @return this query
	 */
	SingleTableQuery<T> consistentRead();

	/**
	 * Adds a filter expression DynamoDB evaluates (combined with earlier ones by AND). Only for properties
	 * stored as attributes: those of uncompressed types, and the
	 * {@link dev.singletable.core.mapping.FilterMetadata @FilterMetadata} properties of compressed ones (filtered in
	 * the {@code metadata} map of the latest items); other properties of compressed types are refused with a
	 * message pointing to {@link #where(Predicate)}.
	 * @param filter the filter
	 * @return this query
	 */
	SingleTableQuery<T> filter(Filter filter);

	/**
	 * Adds a predicate evaluated on each result after it is read (combined with earlier ones by AND). Works for
	 * every type, compressed or not; items it rejects still cost read capacity.
	 * @param predicate the predicate
	 * @return this query
	 */
	SingleTableQuery<T> where(Predicate<? super T> predicate);

	/**
	 * Adds a filter evaluated on each result after it is read (combined with earlier conditions by AND), with the
	 * meaning DynamoDB gives it: for compressed types, whose properties DynamoDB cannot filter on. Only top-level
	 * properties of a single-type query; items it rejects still cost read capacity.
	 * @param filter the filter
	 * @return this query
	 */
	SingleTableQuery<T> where(Filter filter);

	/**
	 * Reads only these properties (Java names, top level) where the type is stored uncompressed: the requests
	 * carry a {@code ProjectionExpression} with their stored names, the keys and the id, version, timestamps and
	 * TTL attribute reads need; the other properties of the results are left empty ({@literal null}, or the
	 * default of a primitive). Compressed types keep every property in {@code data} and are read whole. Counts
	 * ignore it.
	 * @param properties the properties to read; none reads whole items
	 * @return this query
	 */
	SingleTableQuery<T> select(String... properties);

	/**
	 * Sets how many results a page holds (default 100); the query reads on until it has that many or the
	 * results end, and looks for one more to tell whether another page follows (an unfiltered query asks
	 * DynamoDB for one item more). For {@link #all()} and {@link #stream()} it caps the total when set.
	 * @param limit the number of results, at least 1
	 * @return this query
	 */
	SingleTableQuery<T> limit(int limit);

	/**
	 * Skips the first results of {@link #stream()} and {@link #all()}, as a {@code Pageable} offset does. Without a
	 * condition evaluated after reading ({@link #where(Predicate)}, {@link #where(Filter)}) the skipped results are
	 * read with requests that return only their keys (and TTL attribute), so they are neither transferred whole
	 * nor converted; DynamoDB still charges reading them, so cost grows with the offset. A {@link #limit(int) limit} counts the results after the skipped ones.
	 * Pages, {@link #count()} and {@link #first()} do not use it.
	 * @param offset the number of results to skip, at least 0
	 * @return this query
	 */
	SingleTableQuery<T> offset(long offset);

	/**
	 * Sets how many {@code Query} requests one page may make (default 10). A page that stops there carries a
	 * cursor to continue.
	 * @param maxRequests the request cap, at least 1
	 * @return this query
	 */
	SingleTableQuery<T> maxRequests(int maxRequests);

	/**
	 * Reads the first page.
	 * @return the page
	 */
	QueryPage<T> page();

	/**
	 * Reads the page after the given cursor.
	 * @param cursor a {@link QueryPage#nextCursor()} of the same query, or {@literal null} for the first page
	 * @return the page
	 * @throws InvalidCursorException when the cursor does not belong to this query
	 */
	QueryPage<T> page(@Nullable String cursor);

	/**
	 * Reads the page before the given cursor: the results that precede its position, up to the
	 * {@link #limit(int) limit}, in this query's order. The page's {@link QueryPage#nextCursor() next cursor}
	 * continues further back; without a cursor, this reads the last page.
	 * @param cursor a cursor of the same query (a {@link QueryPage#cursors() cursor} at a result or a next
	 * cursor), or {@literal null} for the last page
	 * @return the page
	 * @throws InvalidCursorException when the cursor does not belong to this query
	 */
	QueryPage<T> pageBefore(@Nullable String cursor);

	/**
	 * Streams every result, reading lazily with constant memory. Without a {@link #limit(int) limit} each
	 * {@code Query} lets DynamoDB fill a whole page (up to 1 MB), so a long stream takes few round trips and
	 * holds at most one page; with a limit, requests ask only for what is still wanted. Close the stream if it
	 * is not read to the end.
	 * @return the results
	 */
	Stream<T> stream();

	/**
	 * Reads every result: the {@link #stream()} collected, and closed.
	 * @return the results
	 */
	default List<T> all() {
		try (Stream<T> results = stream()) {
			return results.toList();
		}
	}

	/**
	 * Counts the results, leaving out what reads leave out (expired items of a type that hides them, the history
	 * of a versioned resource). Without a predicate DynamoDB counts ({@code Select COUNT}, no items transferred,
	 * but every matching key is still read); with one, every item is read and tested.
	 * @return the number of results
	 */
	long count();

	/**
	 * Reads the first result.
	 * @return the first result or empty
	 */
	Optional<T> first();

}
