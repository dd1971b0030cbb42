package dev.singletable.repository.support;

import java.util.Optional;

import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.PersistentEntityInformation;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.VersionedRepository;
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
	@SuppressWarnings("unchecked")
	public <T, ID> EntityInformation<T, ID> getEntityInformation(Class<T> domainClass) {
		return (EntityInformation<T, ID>) new PersistentEntityInformation<>(
				this.operations.getConverter().getRequiredEntity(domainClass));
	}

	@Override
	public EntityInformation<?, ?> getEntityInformation(RepositoryMetadata metadata) {
		return getEntityInformation(metadata.getDomainType());
	}

	@Override
	protected Object getTargetRepository(RepositoryInformation metadata) {
		SingleTablePersistentEntity<?> entity = this.operations.getConverter().getRequiredEntity(metadata.getDomainType());
		return getTargetRepositoryViaReflection(metadata, entity, this.operations);
	}

	@Override
	protected Class<?> getRepositoryBaseClass(RepositoryMetadata metadata) {
		return SimpleSingleTableRepository.class;
	}

	@Override
	protected void validate(RepositoryMetadata metadata) {
		super.validate(metadata);
		RepositoryChecks.validate(metadata, this.operations.getConverter(), VersionedRepository.class, SingleTableRepository.class);
	}


	@Override
	protected Optional<QueryLookupStrategy> getQueryLookupStrategy(QueryLookupStrategy.Key key,
			ValueExpressionDelegate valueExpressionDelegate) {
		return Optional.of(new SingleTableQueryLookupStrategy(this.operations));
	}

}
