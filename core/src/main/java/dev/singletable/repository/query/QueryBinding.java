package dev.singletable.repository.query;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * What a query method reads, planned once when the repository is created and shared by both APIs: the blocking
 * {@link SingleTableRepositoryQuery} and the reactive {@link ReactiveSingleTableRepositoryQuery} only execute it.
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
	 * Makes the builder calls of one call's arguments: index, key condition, order and filters.
	 * @param target the query to build
	 * @param bindable the values of the bindable parameters, in order
	 * @param sort the dynamic sort, possibly unsorted
	 */
	void bind(QueryTarget target, Object[] bindable, Sort sort);

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
