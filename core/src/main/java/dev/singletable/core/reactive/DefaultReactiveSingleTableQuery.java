package dev.singletable.core.reactive;

import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.internal.query.QuerySpecBuilder;
import dev.singletable.core.internal.query.ReactiveQueryExecutor;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The fluent {@link ReactiveSingleTableQuery}: collects what the query reads in the {@link QuerySpecBuilder} the
 * blocking query uses too, and hands its {@link QuerySpec} to the {@link ReactiveQueryExecutor} at the terminal
 * call; each terminal takes the specification as it is then, and reads when subscribed, observed as the blocking
 * query's terminal calls are ({@code query.page}, {@code query.first}, {@code query.count}; each page {@code all()}
 * reads as {@code query.stream}).
 *
 * @param <T> the result type
 */
final class DefaultReactiveSingleTableQuery<T> implements ReactiveSingleTableQuery<T> {

	private final ReactiveQueryExecutor executor;

	private final QuerySpecBuilder builder;

	DefaultReactiveSingleTableQuery(ReactiveQueryExecutor executor, List<SingleTablePersistentEntity<?>> entities,
			boolean mixed) {
		this.executor = executor;
		this.builder = new QuerySpecBuilder(entities, mixed);
	}

	@Override
	public ReactiveSingleTableQuery<T> index(String index) {
		this.builder.index(index);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> table() {
		this.builder.table();
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> id(String id) {
		this.builder.id(id);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> partition(Object value) {
		this.builder.partition(value);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> partitionIn(Collection<?> values) {
		this.builder.partitionIn(values);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> sortEquals(Object value) {
		this.builder.sort(QuerySpec.SortOperator.EQ, value);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> sortLessThan(Object value) {
		this.builder.sort(QuerySpec.SortOperator.LT, value);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> sortLessThanOrEqual(Object value) {
		this.builder.sort(QuerySpec.SortOperator.LE, value);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> sortGreaterThan(Object value) {
		this.builder.sort(QuerySpec.SortOperator.GT, value);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> sortGreaterThanOrEqual(Object value) {
		this.builder.sort(QuerySpec.SortOperator.GE, value);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> sortBetween(Object low, Object high) {
		this.builder.sort(QuerySpec.SortOperator.BETWEEN, low, high);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> sortBeginsWith(String prefix) {
		this.builder.sortBeginsWith(prefix);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> ascending() {
		this.builder.ascending(true);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> descending() {
		this.builder.ascending(false);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> orderBy(Sort sort) {
		this.builder.orderBy(sort);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> consistentRead() {
		this.builder.consistentRead();
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> filter(Filter filter) {
		this.builder.filter(filter);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> where(Predicate<? super T> predicate) {
		this.builder.where(predicate);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> where(Filter filter) {
		this.builder.where(filter);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> select(String... properties) {
		this.builder.select(properties);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> limit(int limit) {
		this.builder.limit(limit);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> offset(long offset) {
		this.builder.offset(offset);
		return this;
	}

	@Override
	public ReactiveSingleTableQuery<T> maxRequests(int maxRequests) {
		this.builder.maxRequests(maxRequests);
		return this;
	}

	@Override
	public Mono<QueryPage<T>> page() {
		return page(null);
	}

	@Override
	public Mono<QueryPage<T>> page(@Nullable String cursor) {
		return spec().flatMap((spec) -> observe("query.page", spec,
				this.executor.page(spec, cursor, spec.pageSize(), true, true)));
	}

	@Override
	public Mono<QueryPage<T>> pageBefore(@Nullable String cursor) {
		return spec().flatMap((spec) -> observe("query.page", spec,
				this.executor.page(spec, cursor, spec.pageSize(), true, false)));
	}

	@Override
	public Flux<T> all() {
		return spec().flatMapMany(this.executor::all);
	}

	@Override
	public Mono<Long> count() {
		return spec().flatMap((spec) -> observe("query.count", spec, this.executor.count(spec)));
	}

	@Override
	public Mono<T> first() {
		return spec().flatMap((spec) -> observe("query.first", spec, this.executor.first(spec)));
	}

	/**
	 * The query as built when the terminal method is called (later builder calls do not change it), or the error
	 * signal of a query that cannot be read as asked (an order its index does not return).
	 */
	private Mono<QuerySpec> spec() {
		try {
			return Mono.just(this.builder.spec());
		}
		catch (RuntimeException ex) {
			return Mono.error(ex);
		}
	}

	/**
	 * Observes a terminal call as the blocking query's is; {@link #all()} observes each page it reads
	 * ({@code query.stream}).
	 */
	private <R> Mono<R> observe(String operation, QuerySpec spec, Mono<R> read) {
		return this.executor.observations().observeQuery(operation, spec.types().values(), spec.index(), read);
	}

}
