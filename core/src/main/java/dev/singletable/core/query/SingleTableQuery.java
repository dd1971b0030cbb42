package dev.singletable.core.query;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

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
 * The builder methods are {@link SingleTableQueryBuilder}'s, shared with the reactive query; this interface adds the
 * blocking terminal calls. Instances are not thread-safe; build one per query.
 *
 * @param <T> the result type
 */
public interface SingleTableQuery<T> extends SingleTableQueryBuilder<T, SingleTableQuery<T>> {

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
	 * Reads the page after the given cursor as an {@link ItemCollection}: its items grouped by the query's types,
	 * with one request per page as {@link #page(String)} makes (a query of
	 * {@code SingleTableOperations.queryCollection}, or any query over several types).
	 * @param cursor a {@link ItemCollection#nextCursor()} (or {@link QueryPage#nextCursor()}) of the same query, or
	 * {@literal null} for the first page
	 * @return the page, grouped
	 * @throws InvalidCursorException when the cursor does not belong to this query
	 */
	ItemCollection collection(@Nullable String cursor);

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
