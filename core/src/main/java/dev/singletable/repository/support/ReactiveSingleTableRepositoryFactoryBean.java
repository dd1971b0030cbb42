package dev.singletable.repository.support;

import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

import dev.singletable.core.reactive.ReactiveSingleTableOperations;

/**
 * Factory bean creating reactive singletable repositories; configured by
 * {@link dev.singletable.repository.config.EnableReactiveSingleTableRepositories @EnableReactiveSingleTableRepositories}.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 */
public class ReactiveSingleTableRepositoryFactoryBean<T extends Repository<S, String>, S>
		extends RepositoryFactoryBeanSupport<T, S, String> {

	private @Nullable ReactiveSingleTableOperations operations;

	/**
	 * Creates a factory bean for the given repository interface.
	 * @param repositoryInterface the repository interface
	 */
	public ReactiveSingleTableRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
	}

	/**
	 * Sets the reactive template the repositories use.
	 * @param operations the reactive template; must not be {@literal null}
	 */
	public void setReactiveSingleTableOperations(ReactiveSingleTableOperations operations) {
		Assert.notNull(operations, "ReactiveSingleTableOperations must not be null");
		this.operations = operations;
		setMappingContext(operations.getConverter().getMappingContext());
	}

	@Override
	protected RepositoryFactorySupport createRepositoryFactory() {
		Assert.state(this.operations != null, "ReactiveSingleTableOperations must be set");
		return new ReactiveSingleTableRepositoryFactory(this.operations);
	}

}
