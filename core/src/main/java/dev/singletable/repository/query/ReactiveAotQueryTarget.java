package dev.singletable.repository.query;

import java.lang.reflect.Method;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.PropertiesBasedNamedQueries;
import org.springframework.data.repository.query.RepositoryQuery;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;

/**
 * The reactive template as the target of an AOT repository's queries: the queries
 * {@link ReactiveSingleTableQueryLookupStrategy} creates, with their plans made ahead of time.
 */
final class ReactiveAotQueryTarget implements AotQueryTarget {

	private final ReactiveSingleTableOperations operations;

	ReactiveAotQueryTarget(ReactiveSingleTableOperations operations) {
		Assert.notNull(operations, "ReactiveSingleTableOperations must not be null");
		this.operations = operations;
	}

	@Override
	public SingleTableConverter converter() {
		return this.operations.getConverter();
	}

	@Override
	public boolean reactive() {
		return true;
	}

	@Override
	public SingleTableQueryMethod queryMethod(Method method, RepositoryMetadata metadata,
			ProjectionFactory projections) {
		return new ReactiveSingleTableQueryMethod(method, metadata, projections);
	}

	@Override
	public RepositoryQuery query(SingleTableQueryMethod method, SingleTablePersistentEntity<?> entity,
			QueryBinding binding) {
		return new ReactiveSingleTableRepositoryQuery(method, this.operations, entity, binding);
	}

	@Override
	public RepositoryQuery collection(CollectionQueryMethod method) {
		return ReactiveCollectionRepositoryQuery.of(method, this.operations);
	}

	@Override
	public RepositoryQuery reflective(Method method, RepositoryMetadata metadata, ProjectionFactory projections) {
		return new ReactiveSingleTableQueryLookupStrategy(this.operations).resolveQuery(method, metadata, projections,
				PropertiesBasedNamedQueries.EMPTY);
	}

}
