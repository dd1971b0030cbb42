package dev.singletable.core.internal.query;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.util.Assert;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.query.SingleTableQueryBuilder;

/**
 * The one implementation of the builder methods of both fluent queries: each turns its call into the next
 * {@link QuerySpec}, and the blocking {@link dev.singletable.core.internal.query.run.DefaultSingleTableQuery} and
 * the reactive query (in {@code dev.singletable.core.reactive}) add only their terminal calls, which read
 * {@link #spec()}. Which page each of the paging calls reads ({@link #page()}, {@link #page(String)},
 * {@link #pageBefore(String)}) is decided here too: each query reads a page in its model ({@link #page(String,
 * boolean)}). An order asked for with {@link #orderBy(Sort)} is resolved when the query is read, against the index
 * it reads then.
 *
 * @param <T> the result type
 * @param <Q> the query type the builder methods return
 * @param <P> what reading a page returns: the page, or the {@code Mono} of it
 */
public abstract class AbstractQueryBuilder<T, Q extends SingleTableQueryBuilder<T, Q>, P>
		implements SingleTableQueryBuilder<T, Q> {

	private QuerySpec spec;

	private Sort order = Sort.unsorted();

	/**
	 * Starts the query of some types.
	 * @param entities the types' entities
	 * @param mixed whether the query reads several types, each item as its own type
	 */
	protected AbstractQueryBuilder(List<SingleTablePersistentEntity<?>> entities, boolean mixed) {
		this.spec = QuerySpec.of(entities, mixed);
	}

	/**
	 * Has a query read a query value made elsewhere (a repository method's plan bound to a call's arguments) as
	 * it is, instead of what its builder methods collected.
	 * @param query a query of one of the templates
	 * @param spec what it reads
	 * @return the query
	 * @throws IllegalArgumentException when the query is not one of singletable's templates
	 */
	public static <Q extends SingleTableQueryBuilder<?, Q>> Q reading(Q query, QuerySpec spec) {
		if (!(query instanceof AbstractQueryBuilder<?, ?, ?> builder)) {
			throw new IllegalArgumentException("Cannot run a planned query on " + query.getClass().getName()
					+ ": repository queries run on the queries of singletable's templates");
		}
		builder.spec = spec;
		builder.order = Sort.unsorted();
		return query;
	}

	/**
	 * Returns what the query reads as built so far.
	 * @return the query value
	 * @throws InvalidSortException when {@link #orderBy(Sort)} asked for an order the index does not return
	 */
	protected QuerySpec spec() {
		return this.spec.ordered(this.order);
	}

	/**
	 * Reads the first page.
	 * @return the page
	 */
	public P page() {
		return page(null);
	}

	/**
	 * Reads the page after the given cursor.
	 * @param cursor a cursor of the same query, or {@literal null} for the first page
	 * @return the page
	 */
	public P page(@Nullable String cursor) {
		return page(cursor, true);
	}

	/**
	 * Reads the page before the given cursor, in this query's order; without a cursor, the last page.
	 * @param cursor a cursor of the same query, or {@literal null} for the last page
	 * @return the page
	 */
	public P pageBefore(@Nullable String cursor) {
		return page(cursor, false);
	}

	/**
	 * Reads the page after the cursor ({@code forward}) or the one before it, as the query's model does, observed
	 * as {@code query.page}.
	 * @param cursor the cursor, or {@literal null} for the first (or the last) page
	 * @param forward whether the page reads in the query's order (else it is the page before the cursor)
	 * @return the page
	 */
	protected abstract P page(@Nullable String cursor, boolean forward);

	/**
	 * Returns the entity types this query reads, for grouping its results.
	 */
	protected List<Class<?>> types() {
		return spec().types().values().stream().<Class<?>>map(SingleTablePersistentEntity::getType).toList();
	}

	@SuppressWarnings("unchecked")
	private Q next(QuerySpec spec) {
		this.spec = spec;
		return (Q) this;
	}

	@Override
	public Q index(String index) {
		return next(this.spec.withIndex(index));
	}

	@Override
	public Q table() {
		return next(this.spec.withTable());
	}

	@Override
	public Q id(String id) {
		return next(this.spec.withId(id));
	}

	@Override
	public Q partition(Object value) {
		return next(this.spec.withPartition(value));
	}

	@Override
	public Q partitionIn(Collection<?> values) {
		return next(this.spec.withPartitionIn(values));
	}

	@Override
	public Q sortEquals(Object value) {
		return next(this.spec.withSort(QuerySpec.SortOperator.EQ, value));
	}

	@Override
	public Q sortLessThan(Object value) {
		return next(this.spec.withSort(QuerySpec.SortOperator.LT, value));
	}

	@Override
	public Q sortLessThanOrEqual(Object value) {
		return next(this.spec.withSort(QuerySpec.SortOperator.LE, value));
	}

	@Override
	public Q sortGreaterThan(Object value) {
		return next(this.spec.withSort(QuerySpec.SortOperator.GT, value));
	}

	@Override
	public Q sortGreaterThanOrEqual(Object value) {
		return next(this.spec.withSort(QuerySpec.SortOperator.GE, value));
	}

	@Override
	public Q sortBetween(Object low, Object high) {
		return next(this.spec.withSort(QuerySpec.SortOperator.BETWEEN, low, high));
	}

	@Override
	public Q sortBeginsWith(String prefix) {
		return next(this.spec.withSortBeginsWith(prefix));
	}

	@Override
	public Q ascending() {
		this.order = Sort.unsorted();
		return next(this.spec.withAscending(true));
	}

	@Override
	public Q descending() {
		this.order = Sort.unsorted();
		return next(this.spec.withAscending(false));
	}

	@Override
	public Q orderBy(Sort sort) {
		Assert.notNull(sort, "Sort must not be null");
		this.order = sort;
		return next(this.spec);
	}

	@Override
	public Q consistentRead() {
		return next(this.spec.withConsistentRead());
	}

	@Override
	public Q filter(Filter filter) {
		return next(this.spec.andFilter(filter));
	}

	@Override
	public Q where(Predicate<? super T> predicate) {
		return next(this.spec.andWhere(predicate));
	}

	@Override
	public Q where(Filter filter) {
		return next(this.spec.andWhere(filter));
	}

	@Override
	public Q select(String... properties) {
		return next(this.spec.withProperties(properties));
	}

	@Override
	public Q limit(int limit) {
		return next(this.spec.withLimit(limit));
	}

	@Override
	public Q offset(long offset) {
		return next(this.spec.withOffset(offset));
	}

	@Override
	public Q maxRequests(int maxRequests) {
		return next(this.spec.withMaxRequests(maxRequests));
	}

}
