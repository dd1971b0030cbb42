package dev.singletable.repository.support;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.repository.query.SingleTableQueryLookupStrategy;

/**
 * Creates repository proxies backed by {@link SimpleSingleTableRepository} and derived queries.
 */
public class SingleTableRepositoryFactory extends RepositoryFactorySupport {

	private final SingleTableOperations operations;

	/**
	 * Creates a factory on the given template.
	 * @param operations the template; must not be {@literal null}
	 */
	public SingleTableRepositoryFactory(SingleTableOperations operations) {
		Assert.notNull(operations, "SingleTableOperations must not be null");
		this.operations = operations;
	}

	@Override
	public <T, ID> EntityInformation<T, ID> getEntityInformation(Class<T> domainClass) {
		return RepositoryKind.entityInformation(this.operations.getConverter(), domainClass);
	}

	@Override
	protected Object getTargetRepository(RepositoryInformation metadata) {
		SingleTablePersistentEntity<?> entity = this.operations.getConverter().getRequiredEntity(metadata.getDomainType());
		return getTargetRepositoryViaReflection(metadata, entity, this.operations);
	}

	@Override
	protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
		return RepositoryKind.BLOCKING.baseClass();
	}

	@Override
	protected void validate(RepositoryMetadata metadata) {
		super.validate(metadata);
		RepositoryKind.BLOCKING.validate(metadata, this.operations.getConverter());
	}

	/**
	 * Returns Spring Data's projection factory, made at its first use: see {@link FirstUseProjectionFactory}.
	 */
	@Override
	protected ProjectionFactory getProjectionFactory(@Nullable ClassLoader classLoader,
			@Nullable BeanFactory beanFactory) {
		return new FirstUseProjectionFactory(() -> super.getProjectionFactory(classLoader, beanFactory));
	}

	@Override
	protected Optional<QueryLookupStrategy> getQueryLookupStrategy(QueryLookupStrategy.Key key,
			ValueExpressionDelegate valueExpressionDelegate) {
		return Optional.of(new SingleTableQueryLookupStrategy(this.operations));
	}

	/**
	 * Checks a repository interface as creating its repository does — a {@link String} id, a versioned interface
	 * only for a versioned type, every query method derivable — with nothing but the converter, so that an
	 * application can refuse a bad definition before it connects to anything. Methods declared by fragment interfaces
	 * (interfaces that are no {@code Repository}) are left to the repository's creation.
	 * @param repositoryInterface the repository interface
	 * @param converter the converter of the template the repository will use
	 * @throws dev.singletable.repository.query.UnsupportedQueryMethodException when a query method cannot be
	 * mapped onto an index
	 * @throws dev.singletable.core.mapping.InvalidEntityDefinitionException when the interface declares what its
	 * entity cannot be
	 */
	public static void checkDefinition(Class<?> repositoryInterface, SingleTableConverter converter) {
		RepositoryKind.BLOCKING.checkDefinition(repositoryInterface, converter);
	}

}
