package dev.singletable.repository.support;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.core.support.TransactionalRepositoryFactoryBeanSupport;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTransactionManager;

/**
 * Factory bean creating singletable repositories; configured by
 * {@link dev.singletable.repository.config.EnableSingleTableRepositories @EnableSingleTableRepositories}.
 * {@code @Transactional} on a repository interface or its methods runs in the transaction manager named by
 * {@link #setTransactionManager(String)} (the singletable one, {@code singleTableTransactionManager}, by default),
 * or in the application's default transaction manager when there is no bean of that name.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 */
public class SingleTableRepositoryFactoryBean<T extends Repository<S, String>, S>
		extends TransactionalRepositoryFactoryBeanSupport<T, S, String> {

	private @Nullable SingleTableOperations operations;

	private @Nullable String transactionManager = SingleTableTransactionManager.BEAN_NAME;

	/**
	 * Creates a factory bean for the given repository interface.
	 * @param repositoryInterface the repository interface
	 */
	public SingleTableRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
		super.setTransactionManager(this.transactionManager);
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

	/**
	 * Sets the name of the transaction manager for the repositories' {@code @Transactional} methods.
	 * @param transactionManager the bean name
	 */
	@Override
	public void setTransactionManager(@Nullable String transactionManager) {
		this.transactionManager = transactionManager;
		super.setTransactionManager(transactionManager);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (this.transactionManager != null && !beanFactory.containsBean(this.transactionManager)) {
			// none of that name (no singletable transaction manager): the default one, found by type
			super.setTransactionManager("");
		}
		super.setBeanFactory(beanFactory);
	}

	@Override
	protected RepositoryFactorySupport doCreateRepositoryFactory() {
		Assert.state(this.operations != null, "SingleTableOperations must be set");
		return new SingleTableRepositoryFactory(this.operations);
	}

	@Override
	public void afterPropertiesSet() {
		Assert.state(this.operations != null, "SingleTableOperations must be set");
		super.afterPropertiesSet();
	}

}
