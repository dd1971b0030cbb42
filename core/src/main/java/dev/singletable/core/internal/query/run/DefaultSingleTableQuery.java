package dev.singletable.core.internal.query.run;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.query.AbstractQueryBuilder;
import dev.singletable.core.internal.query.QuerySpec;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;

/**
 * The blocking {@link SingleTableQuery}: its builder methods and which page each paging call reads are
 * {@link AbstractQueryBuilder}'s, and each terminal call hands the {@link QuerySpec} built so far to the
 * {@link QueryExecutor}.
 *
 * @param <T> the result type
 */
public final class DefaultSingleTableQuery<T> extends AbstractQueryBuilder<T, SingleTableQuery<T>, QueryPage<T>>
		implements SingleTableQuery<T> {

	private final QueryExecutor executor;

	public DefaultSingleTableQuery(QueryExecutor executor, List<SingleTablePersistentEntity<?>> entities, boolean mixed) {
		super(entities, mixed);
		this.executor = executor;
	}

	@Override
	protected QueryPage<T> page(@Nullable String cursor, boolean forward) {
		return observe("query.page", (spec) -> this.executor.page(spec, cursor, spec.pageSize(), true, forward));
	}

	@Override
	public ItemCollection collection(@Nullable String cursor) {
		return ItemCollection.of(page(cursor), types());
	}

	@Override
	public Stream<T> stream() {
		return this.executor.stream(spec());
	}

	@Override
	public long count() {
		return observe("query.count", this.executor::count);
	}

	@Override
	public Optional<T> first() {
		return observe("query.first", this.executor::<T>first).items().stream().findFirst();
	}

	/**
	 * Reads the query as it is now, observed as the operation given, tagged with its types and index.
	 */
	private <R> R observe(String operation, Function<QuerySpec, R> read) {
		QuerySpec spec = spec();
		return this.executor.observations().observeQuery(operation, spec, () -> read.apply(spec));
	}

}
