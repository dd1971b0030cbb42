package dev.singletable.core.reactive;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.internal.query.run.ReactiveQueryExecutor;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * Where the reactive template's queries come from: built once from the template's components — the driver, the
 * converter reads go through, the {@link CursorSecrets} (the same secret as the blocking template's, so
 * cursors pass between them), the time source and the index drift check — it starts each {@link ReactiveSingleTableQuery}.
 */
final class ReactiveQueries {

	private final ReactiveQueryExecutor executor;

	private final SingleTableConverter converter;

	/**
	 * @param facts where the blob attributes of the latest items read are recorded (the template's), {@literal null}
	 * for nowhere
	 */
	ReactiveQueries(ReactiveDriver driver, SingleTableConverter converter, CursorSecrets cursorSecrets,
			Timestamps timestamps, QueryDriftCheck drift, @Nullable KnownBlobFacts facts) {
		this.executor = new ReactiveQueryExecutor(driver, converter, cursorSecrets, timestamps, drift, facts);
		this.converter = converter;
	}

	/**
	 * Builds the queries of a table with a template's defaults: the table's generated cursor secret, the system
	 * clock and no drift guard; they record no blob facts.
	 * @param executor the table's async executor
	 * @param converter the converter
	 * @return the queries
	 */
	static ReactiveQueries of(ReactiveDynamoDbExecutor executor, SingleTableConverter converter) {
		ReactiveDriver driver = new ReactiveDriver(executor);
		Timestamps timestamps = new Timestamps();
		return new ReactiveQueries(driver, converter, new CursorSecrets(timestamps, null), timestamps,
				new QueryDriftCheck(), null);
	}

	/**
	 * Starts a query over some types: one type's own, or several sharing an index ({@code any}).
	 * @param entities the types' entities
	 * @param any whether the query reads several types, each item as its own type
	 * @return the query
	 */
	<T> ReactiveSingleTableQuery<T> query(List<SingleTablePersistentEntity<?>> entities, boolean any) {
		return new DefaultReactiveSingleTableQuery<>(this.executor, entities, any);
	}

	/**
	 * Starts a query over some types, given by class.
	 * @param types the types
	 * @param any whether the query reads several types, each item as its own type
	 * @return the query
	 */
	<T> ReactiveSingleTableQuery<T> queryTypes(List<Class<?>> types, boolean any) {
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>(types.size());
		for (Class<?> type : types) {
			entities.add(this.converter.getRequiredEntity(type));
		}
		return query(entities, any);
	}

}
