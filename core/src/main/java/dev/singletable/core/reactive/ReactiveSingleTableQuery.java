package dev.singletable.core.reactive;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.core.query.SingleTableQueryBuilder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query on the table or one of its indexes, built fluently as a {@link SingleTableQuery} is and ended by a
 * terminal call that returns a {@link Flux} or {@link Mono}: nothing is read before it is subscribed. The builder
 * methods are the blocking query's ({@link SingleTableQueryBuilder}) and mean what they mean there, the results
 * are the same, and so are the cursors: a {@link QueryPage#nextCursor() cursor} of a blocking page resumes here,
 * and one of a reactive page resumes in the blocking query.
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
public interface ReactiveSingleTableQuery<T> extends SingleTableQueryBuilder<T, ReactiveSingleTableQuery<T>> {

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
	 * Reads the page after the given cursor as an {@link ItemCollection}: its items grouped by the query's types,
	 * with the requests {@link #page(String)} makes.
	 * @param cursor a next cursor of the same query (from either API), or {@literal null} for the first page
	 * @return the page, grouped
	 */
	Mono<ItemCollection> collection(@Nullable String cursor);

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
