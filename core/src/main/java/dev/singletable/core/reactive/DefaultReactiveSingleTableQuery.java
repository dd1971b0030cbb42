package dev.singletable.core.reactive;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.query.AbstractQueryBuilder;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.internal.query.run.ReactiveQueryExecutor;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.query.QueryPage;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The fluent {@link ReactiveSingleTableQuery}: its builder methods and which page each paging call reads are the
 * blocking query's ({@link AbstractQueryBuilder}), and each terminal call hands the {@link QuerySpec} as it is then to the
 * {@link ReactiveQueryExecutor}, which reads when subscribed, observed as the blocking query's terminal calls are
 * ({@code query.page}, {@code query.first}, {@code query.count}; each page {@code all()} reads as
 * {@code query.stream}).
 *
 * @param <T> the result type
 */
final class DefaultReactiveSingleTableQuery<T> extends AbstractQueryBuilder<T, ReactiveSingleTableQuery<T>, Mono<QueryPage<T>>>
		implements ReactiveSingleTableQuery<T> {

	private final ReactiveQueryExecutor executor;

	DefaultReactiveSingleTableQuery(ReactiveQueryExecutor executor, List<SingleTablePersistentEntity<?>> entities,
			boolean mixed) {
		super(entities, mixed);
		this.executor = executor;
	}

	@Override
	protected Mono<QueryPage<T>> page(@Nullable String cursor, boolean forward) {
		return read().flatMap((spec) -> observe("query.page", spec,
				this.executor.page(spec, cursor, spec.pageSize(), true, forward)));
	}

	@Override
	public Mono<ItemCollection> collection(@Nullable String cursor) {
		List<Class<?>> types = types();
		return page(cursor).map((page) -> ItemCollection.of(page, types));
	}

	@Override
	public Flux<T> all() {
		return read().flatMapMany(this.executor::all);
	}

	@Override
	public Mono<Long> count() {
		return read().flatMap((spec) -> observe("query.count", spec, this.executor.count(spec)));
	}

	@Override
	public Mono<T> first() {
		return read().flatMap((spec) -> observe("query.first", spec, this.executor.first(spec)));
	}

	/**
	 * The query as built when the terminal method is called (later builder calls do not change it), or the error
	 * signal of a query that cannot be read as asked (an order its index does not return).
	 */
	private Mono<QuerySpec> read() {
		try {
			return Mono.just(spec());
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
		return this.executor.observations().observeQuery(operation, spec, read);
	}

}
