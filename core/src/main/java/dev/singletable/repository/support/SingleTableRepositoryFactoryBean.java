package dev.singletable.repository.support;

import org.jspecify.annotations.Nullable;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;

/**
 * Factory bean creating singletable repositories; configured by
 * {@link dev.singletable.repository.config.EnableSingleTableRepositories @EnableSingleTableRepositories}.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 */
public class SingleTableRepositoryFactoryBean<T extends Repository<S, String>, S>
		extends RepositoryFactoryBeanSupport<T, S, String> {

	private @Nullable SingleTableOperations operations;

	/**
	 * Creates a factory bean for the given repository interface.
	 * @param repositoryInterface the repository interface
	 */
	public SingleTableRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
	}

	/**
	 * Sets the template the repositories use.
	 * @param operations the template; must not be {@literal null}
	 */
	public void setSingleTableOperations(SingleTableOperations operations) {
		Assert.notNull(operations, "SingleTableOperations must not be null");
		this.operations = operations;
		setMappingContext(operations.getConverter().getMappingContext());
	}

	@Override
	protected RepositoryFactorySupport createRepositoryFactory() {
		Assert.state(this.operations != null, "SingleTableOperations must be set");
		return new SingleTableRepositoryFactory(this.operations);
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.operations != null, "SingleTableOperations must be set");
		super.afterPropertiesSet();
	}

}
