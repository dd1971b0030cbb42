package dev.singletable.repository.query;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * What a query method reads, planned once when the repository is created and shared by both APIs: each call binds
 * its arguments into a {@link QueryDefinition}, which the blocking {@link SingleTableRepositoryQuery} and the reactive
 * {@link ReactiveSingleTableRepositoryQuery} hand to their template as it is.
 * {@link PartTreeBinding} derives it from the method name (through {@link SingleTableQueryCreator}),
 * {@link DeclaredIndexBinding} from {@link dev.singletable.repository.IndexQuery @IndexQuery}.
 */
interface QueryBinding {

	/**
	 * Plans the method, failing as the application starts when it cannot be read.
	 * @param method the query method
	 * @param entity its entity
	 * @return the binding
	 * @throws UnsupportedQueryMethodException when the method cannot be mapped onto an index
	 */
	static QueryBinding of(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity) {
		return (method.getIndexQuery() != null) ? new DeclaredIndexBinding(method, entity)
				: new PartTreeBinding(method, entity);
	}

	/**
	 * Binds one call's arguments into the query value planned at start-up: key condition, order and filters.
	 * @param bindable the values of the bindable parameters, in order
	 * @param sort the dynamic sort, possibly unsorted
	 * @return what the call reads
	 */
	QueryDefinition bind(Object[] bindable, Sort sort);

	/** Returns the fixed maximum number of results (from {@code First}/{@code Top}), or null. */
	default @Nullable Integer maxResults() {
		return null;
	}

	/** Whether the method counts ({@code countBy...}). */
	default boolean isCount() {
		return false;
	}

	/** Whether the method asks whether results exist ({@code existsBy...}). */
	default boolean isExists() {
		return false;
	}

	/** Whether the method deletes what it reads ({@code deleteBy...}, {@code removeBy...}). */
	default boolean isDelete() {
		return false;
	}

}
