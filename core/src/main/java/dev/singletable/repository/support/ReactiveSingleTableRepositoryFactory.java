package dev.singletable.repository.support;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.EntityInformation;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.core.support.ReactiveRepositoryFactorySupport;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.ValueExpressionDelegate;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.repository.query.ReactiveSingleTableQueryLookupStrategy;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import dev.singletable.repository.reactive.ReactiveVersionedRepository;

/**
 * Creates reactive repository proxies backed by {@link SimpleReactiveSingleTableRepository} and derived queries,
 * checking what {@link SingleTableRepositoryFactory} checks: {@link String} ids, and a
 * {@link ReactiveVersionedRepository} (or singletable-kotlin's {@code CoroutineVersionedRepository}) only for a
 * versioned type. It creates Kotlin coroutine repositories too: Spring Data adapts their {@code suspend} functions
 * and {@code Flow}s to the base class's and the queries' {@code Mono} and {@code Flux}.
 */
public class ReactiveSingleTableRepositoryFactory extends ReactiveRepositoryFactorySupport {

	/** The reactive kind of repository: its base class, interfaces and query planning. */
	private static final RepositoryKind KIND = new RepositoryKind(SimpleReactiveSingleTableRepository.class,
			ReactiveVersionedRepository.class, ReactiveSingleTableRepository.class,
			ReactiveSingleTableQueryLookupStrategy::check);

	private final ReactiveSingleTableOperations operations;

	/**
	 * Creates a factory on the given reactive template.
	 * @param operations the reactive template; must not be {@literal null}
	 */
	public ReactiveSingleTableRepositoryFactory(ReactiveSingleTableOperations operations) {
		Assert.notNull(operations, "ReactiveSingleTableOperations must not be null");
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
		return KIND.baseClass();
	}

	@Override
	protected void validate(RepositoryMetadata metadata) {
		super.validate(metadata);
		KIND.validate(metadata, this.operations.getConverter());
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
		return Optional.of(new ReactiveSingleTableQueryLookupStrategy(this.operations));
	}

	/**
	 * Checks a reactive repository interface as creating its repository does — a {@link String} id, a versioned interface
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
		KIND.checkDefinition(repositoryInterface, converter);
	}

}
