package dev.singletable.core.reactive;

import java.util.Collection;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query on the table or one of its indexes, built fluently as a {@link SingleTableQuery} is and ended by a
 * terminal call that returns a {@link Flux} or {@link Mono}: nothing is read before it is subscribed. The builder
 * methods mean what they mean for the blocking query, the results are the same, and so are the cursors: a
 * {@link QueryPage#nextCursor() cursor} of a blocking page resumes here, and one of a reactive page resumes in the
 * blocking query.
 * <pre class="code">
 * Flux&lt;Task&gt; urgent = reactiveTemplate.query(Task.class)
 *     .index("gsi3").partition("owner#ann")
 *     .filter(Filter.property("priority").ge(3))
 *     .all();
 * </pre>
 * {@link #all()} reads one {@code Query} at a time, only when the subscriber's demand needs it, each asking for
 * what is still wanted; cancelling stops the reading. Instances are not thread-safe; build one per query.
 *
 * @param <T> the result type
 * @see SingleTableQuery
 */
public interface ReactiveSingleTableQuery<T> {

	/**
	 * Queries the named index ({@code gsitype}, {@code gsi1}, {@code gsi-1}, ...).
	 * @param index the index name
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> index(String index);

	/**
	 * Queries the table itself on {@code pk}/{@code sk}.
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> table();

	/**
	 * Reads the resource with this id, as {@link SingleTableQuery#id(String)} does.
	 * @param id the id
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> id(String id);

	/**
	 * Sets the partition key value, rendered as {@link SingleTableQuery#partition(Object)} renders it.
	 * @param value the value
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> partition(Object value);

	/**
	 * Reads several partitions of the index as one query, as {@link SingleTableQuery#partitionIn(Collection)} does:
	 * merged in the index's sort key order by the blocking query's merge, each partition's requests sent side by
	 * side, with the same pages and cursors (a cursor passes between the two APIs); {@code all()} reads a partition
	 * again only when the subscriber wants its next result. With one value it is {@link #partition(Object)}.
	 * @param values the partition values
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> partitionIn(Collection<?> values);

	/**
	 * Sort key equal to the value.
	 * @param value the value
	 * @return this query
	 * @see SingleTableQuery#sortEquals(Object)
	 */
	ReactiveSingleTableQuery<T> sortEquals(Object value);

	/**
	 * Sort key less than the value.
	 * @param value the value
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> sortLessThan(Object value);

	/**
	 * Sort key less than or equal to the value.
	 * @param value the value
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> sortLessThanOrEqual(Object value);

	/**
	 * Sort key greater than the value.
	 * @param value the value
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> sortGreaterThan(Object value);

	/**
	 * Sort key greater than or equal to the value.
	 * @param value the value
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> sortGreaterThanOrEqual(Object value);

	/**
	 * Sort key between the values, inclusive.
	 * @param low the lower bound
	 * @param high the upper bound
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> sortBetween(Object low, Object high);

	/**
	 * Sort key starting with the prefix; an empty prefix matches every sort key (no condition).
	 * @param prefix the prefix
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> sortBeginsWith(String prefix);

	/**
	 * Returns results in ascending sort key order (the default).
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> ascending();

	/**
	 * Returns results in descending sort key order.
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> descending();

	/**
	 * Orders the results as a Spring Data {@link Sort} says, which must be the order the index returns: ascending or
	 * descending by the property its sort key follows — on the type index the {@code @LastModifiedDate} property (or
	 * {@code updated_at}) or the leading property of its sort template, on an index sorted by the table's
	 * {@code pk} ({@code gsi1}, {@code gsi2}) the id, on an index with a sort template that template's leading
	 * property. {@link Sort#unsorted()} is the index order (ascending). Any other sort (another property, several,
	 * ignoring case) is the error signal of the read: an {@link InvalidSortException} naming the property, the index and the orders it
	 * supports; nothing is sorted in memory. The last of {@code orderBy}, {@link #ascending()} and
	 * {@link #descending()} applies.
	 * @param sort the sort
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> orderBy(Sort sort);

	/**
	 * Reads with strong consistency; only possible on the table, not on a global secondary index.
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> consistentRead();

	/**
	 * Adds a filter expression DynamoDB evaluates (combined with earlier ones by AND), as
	 * {@link SingleTableQuery#filter(Filter)} does.
	 * @param filter the filter
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> filter(Filter filter);

	/**
	 * Adds a predicate evaluated on each result after it is read (combined with earlier ones by AND). It runs on
	 * the thread that delivers the page: keep it quick and never blocking.
	 * @param predicate the predicate
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> where(Predicate<? super T> predicate);

	/**
	 * Adds a filter evaluated on each result after it is read, as {@link SingleTableQuery#where(Filter)} does.
	 * @param filter the filter
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> where(Filter filter);

	/**
	 * Reads only these properties where the type is stored uncompressed, as
	 * {@link SingleTableQuery#select(String...)} does.
	 * @param properties the properties to read; none reads whole items
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> select(String... properties);

	/**
	 * Sets how many results a page holds (default 100); for {@link #all()} it caps the total when set.
	 * @param limit the number of results, at least 1
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> limit(int limit);

	/**
	 * Skips the first results of {@link #all()}. Unlike the blocking query, the skipped results are read whole
	 * and dropped. Pages, {@link #count()} and {@link #first()} do not use it.
	 * @param offset the number of results to skip, at least 0
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> offset(long offset);

	/**
	 * Sets how many {@code Query} requests one page may make (default 10). A page that stops there carries a
	 * cursor to continue.
	 * @param maxRequests the request cap, at least 1
	 * @return this query
	 */
	ReactiveSingleTableQuery<T> maxRequests(int maxRequests);

	/**
	 * Reads the first page.
	 * @return the page
	 */
	Mono<QueryPage<T>> page();

	/**
	 * Reads the page after the given cursor.
	 * @param cursor a {@link QueryPage#nextCursor()} of the same query (from either API), or {@literal null} for
	 * the first page
	 * @return the page, or an {@link InvalidCursorException} when the cursor does not belong to this query
	 */
	Mono<QueryPage<T>> page(@Nullable String cursor);

	/**
	 * Reads the page before the given cursor, as {@link SingleTableQuery#pageBefore(String)} does.
	 * @param cursor a cursor of the same query, or {@literal null} for the last page
	 * @return the page, or an {@link InvalidCursorException} when the cursor does not belong to this query
	 */
	Mono<QueryPage<T>> pageBefore(@Nullable String cursor);

	/**
	 * Reads every result, driven by demand: a {@code Query} is sent only when the subscriber asks for results the
	 * pages read so far do not hold, one at a time, and each asks for what is still wanted — the outstanding
	 * demand, and the rest of the {@link #limit(int) limit} when set (DynamoDB fills a whole page, up to 1 MB,
	 * only when neither bounds it). Cancelling stops the reading.
	 * @return the results
	 */
	Flux<T> all();

	/**
	 * Counts the results, as {@link SingleTableQuery#count()} does.
	 * @return the number of results
	 */
	Mono<Long> count();

	/**
	 * Reads the first result.
	 * @return the first result, or empty
	 */
	Mono<T> first();

}
