package dev.singletable.repository.query;

import java.lang.reflect.Method;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.PropertiesBasedNamedQueries;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * What the queries of an AOT repository run on: the blocking template ({@link #blocking}) or the reactive one
 * ({@link ReactiveAotQueryTarget}, apart so that a blocking repository links no class of Reactor). An {@link AotQuery}
 * binds its plan through it into the same {@link RepositoryQuery} the reflective repository's lookup strategy
 * creates.
 */
interface AotQueryTarget {

	/** Returns the converter whose mapping the plans are bound to. */
	SingleTableConverter converter();

	/** Whether the repository is reactive. */
	boolean reactive();

	/**
	 * Returns the query method of a derived or {@code @IndexQuery} method, as the lookup strategy creates it.
	 * @param method the method
	 * @param metadata the repository metadata
	 * @param projections the projection factory
	 * @return the query method
	 */
	SingleTableQueryMethod queryMethod(Method method, RepositoryMetadata metadata, ProjectionFactory projections);

	/**
	 * Returns the query running a binding planned ahead of time.
	 * @param method the query method
	 * @param entity the entity it reads
	 * @param binding the binding
	 * @return the query
	 */
	RepositoryQuery query(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity, QueryBinding binding);

	/**
	 * Returns the query of a {@code @CollectionQuery} method.
	 * @param method the method
	 * @return the query
	 */
	RepositoryQuery collection(CollectionQueryMethod method);

	/**
	 * Returns the query the reflective repository would create for a method: what a plan made for another mapping
	 * falls back to.
	 * @param method the method
	 * @param metadata the repository metadata
	 * @param projections the projection factory
	 * @return the query
	 */
	RepositoryQuery reflective(Method method, RepositoryMetadata metadata, ProjectionFactory projections);

	/**
	 * The blocking template as a target.
	 * @param operations the template
	 * @return the target
	 */
	static AotQueryTarget blocking(SingleTableOperations operations) {
		Assert.notNull(operations, "SingleTableOperations must not be null");
		return new AotQueryTarget() {

			@Override
			public SingleTableConverter converter() {
				return operations.getConverter();
			}

			@Override
			public boolean reactive() {
				return false;
			}

			@Override
			public SingleTableQueryMethod queryMethod(Method method, RepositoryMetadata metadata,
					ProjectionFactory projections) {
				return new SingleTableQueryMethod(method, metadata, projections);
			}

			@Override
			public RepositoryQuery query(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity,
					QueryBinding binding) {
				return new SingleTableRepositoryQuery(method, operations, entity, binding);
			}

			@Override
			public RepositoryQuery collection(CollectionQueryMethod method) {
				return CollectionRepositoryQuery.blocking(method, operations);
			}

			@Override
			public RepositoryQuery reflective(Method method, RepositoryMetadata metadata,
					ProjectionFactory projections) {
				return new SingleTableQueryLookupStrategy(operations).resolveQuery(method, metadata, projections,
						PropertiesBasedNamedQueries.EMPTY);
			}

		};
	}

}
