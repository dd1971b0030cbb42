package dev.singletable.core.internal.query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;

/**
 * The fluent {@link SingleTableQuery}: collects what the query reads in a {@link QuerySpecBuilder} and hands its
 * {@link QuerySpec} to the {@link QueryExecutor} at the terminal call.
 *
 * @param <T> the result type
 */
public final class DefaultSingleTableQuery<T> implements SingleTableQuery<T> {

	private final QueryExecutor executor;

	private final QuerySpecBuilder builder;

	public DefaultSingleTableQuery(QueryExecutor executor, List<SingleTablePersistentEntity<?>> entities, boolean mixed) {
		this.executor = executor;
		this.builder = new QuerySpecBuilder(entities, mixed);
	}

	@Override
	public SingleTableQuery<T> index(String index) {
		this.builder.index(index);
		return this;
	}

	@Override
	public SingleTableQuery<T> table() {
		this.builder.table();
		return this;
	}

	@Override
	public SingleTableQuery<T> id(String id) {
		this.builder.id(id);
		return this;
	}

	@Override
	public SingleTableQuery<T> partition(Object value) {
		this.builder.partition(value);
		return this;
	}

	@Override
	public SingleTableQuery<T> partitionIn(Collection<?> values) {
		this.builder.partitionIn(values);
		return this;
	}

	@Override
	public SingleTableQuery<T> sortEquals(Object value) {
		this.builder.sort(QuerySpec.SortOperator.EQ, value);
		return this;
	}

	@Override
	public SingleTableQuery<T> sortLessThan(Object value) {
		this.builder.sort(QuerySpec.SortOperator.LT, value);
		return this;
	}

	@Override
	public SingleTableQuery<T> sortLessThanOrEqual(Object value) {
		this.builder.sort(QuerySpec.SortOperator.LE, value);
		return this;
	}

	@Override
	public SingleTableQuery<T> sortGreaterThan(Object value) {
		this.builder.sort(QuerySpec.SortOperator.GT, value);
		return this;
	}

	@Override
	public SingleTableQuery<T> sortGreaterThanOrEqual(Object value) {
		this.builder.sort(QuerySpec.SortOperator.GE, value);
		return this;
	}

	@Override
	public SingleTableQuery<T> sortBetween(Object low, Object high) {
		this.builder.sort(QuerySpec.SortOperator.BETWEEN, low, high);
		return this;
	}

	@Override
	public SingleTableQuery<T> sortBeginsWith(String prefix) {
		this.builder.sortBeginsWith(prefix);
		return this;
	}

	@Override
	public SingleTableQuery<T> ascending() {
		this.builder.ascending(true);
		return this;
	}

	@Override
	public SingleTableQuery<T> descending() {
		this.builder.ascending(false);
		return this;
	}

	@Override
	public SingleTableQuery<T> orderBy(Sort sort) {
		this.builder.orderBy(sort);
		return this;
	}

	@Override
	public SingleTableQuery<T> consistentRead() {
		this.builder.consistentRead();
		return this;
	}

	@Override
	public SingleTableQuery<T> filter(Filter filter) {
		this.builder.filter(filter);
		return this;
	}

	@Override
	public SingleTableQuery<T> where(Predicate<? super T> predicate) {
		this.builder.where(predicate);
		return this;
	}

	@Override
	public SingleTableQuery<T> where(Filter filter) {
		this.builder.where(filter);
		return this;
	}

	@Override
	public SingleTableQuery<T> select(String... properties) {
		this.builder.select(properties);
		return this;
	}

	@Override
	public SingleTableQuery<T> limit(int limit) {
		this.builder.limit(limit);
		return this;
	}

	@Override
	public SingleTableQuery<T> offset(long offset) {
		this.builder.offset(offset);
		return this;
	}

	@Override
	public SingleTableQuery<T> maxRequests(int maxRequests) {
		this.builder.maxRequests(maxRequests);
		return this;
	}

	/**
	 * Returns what this query reads, as an immutable specification.
	 */
	QuerySpec spec() {
		return this.builder.spec();
	}

	@Override
	public QueryPage<T> page() {
		return page(null);
	}

	@Override
	public QueryPage<T> page(@Nullable String cursor) {
		QuerySpec spec = spec();
		return this.executor.observations()
			.observeQuery("query.page", spec.types().values(), spec.index(),
						() -> this.executor.page(spec, cursor, spec.pageSize(), true, true));
	}

	@Override
	public QueryPage<T> pageBefore(@Nullable String cursor) {
		QuerySpec spec = spec();
		return this.executor.observations()
			.observeQuery("query.page", spec.types().values(), spec.index(),
						() -> this.executor.page(spec, cursor, spec.pageSize(), true, false));
	}

	@Override
	public Stream<T> stream() {
		return this.executor.stream(spec());
	}

	@Override
	public long count() {
		QuerySpec spec = spec();
		return this.executor.observations().observeQuery("query.count", spec.types().values(), spec.index(),
					() -> this.executor.count(spec));
	}

	@Override
	public Optional<T> first() {
		QuerySpec spec = spec();
		return this.executor.observations()
			.observeQuery("query.first", spec.types().values(), spec.index(),
						() -> this.executor.<T>first(spec))
			.items()
			.stream()
			.findFirst();
	}

}
