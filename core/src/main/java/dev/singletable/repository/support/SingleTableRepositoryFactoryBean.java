package dev.singletable.repository.support;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.core.support.RepositoryFactorySupport;
import org.springframework.data.repository.core.support.TransactionalRepositoryFactoryBeanSupport;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTransactionManager;

/**
 * Factory bean creating singletable repositories; configured by
 * {@link dev.singletable.repository.config.EnableSingleTableRepositories @EnableSingleTableRepositories}.
 * {@code @Transactional} on a repository interface or its methods runs in the transaction manager named by
 * {@link #setTransactionManager(String)} (the singletable one, {@code singleTableTransactionManager}, by default),
 * or in the application's default transaction manager when there is no bean of that name. Another name that names
 * no transaction manager, and a {@code @Transactional("name")} on the repository interface or its methods that
 * resolves to none (a name other than {@code singleTableTransactionManager}), fail when the repository is created,
 * at start-up, naming the transaction managers there are.
 *
 * @param <T> the repository type
 * @param <S> the entity type
 */
public class SingleTableRepositoryFactoryBean<T extends Repository<S, String>, S>
		extends TransactionalRepositoryFactoryBeanSupport<T, S, String> {

	private @Nullable SingleTableOperations operations;

	private @Nullable String transactionManager = SingleTableTransactionManager.BEAN_NAME;

	private final Class<? extends T> repositoryInterface;

	/**
	 * Creates a factory bean for the given repository interface.
	 * @param repositoryInterface the repository interface
	 */
	public SingleTableRepositoryFactoryBean(Class<? extends T> repositoryInterface) {
		super(repositoryInterface);
		this.repositoryInterface = repositoryInterface;
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
		if (this.transactionManager != null && !this.transactionManager.isEmpty()
				&& !isTransactionManager(this.transactionManager, beanFactory)) {
			if (!SingleTableTransactionManager.BEAN_NAME.equals(this.transactionManager)) {
				throw new IllegalStateException("Repository " + this.repositoryInterface.getName()
						+ ": @EnableSingleTableRepositories(transactionManagerRef = \"" + this.transactionManager
						+ "\") names no transaction manager; " + existing(beanFactory) + ". Name one of them, or "
						+ "declare a transaction manager bean named '" + this.transactionManager + "'");
			}
			// none of the default name (no singletable transaction manager): the default one, found by type
			super.setTransactionManager("");
		}
		checkTransactionalQualifiers(beanFactory);
		super.setBeanFactory(beanFactory);
	}

	/**
	 * Fails at start-up, rather than at the first call, for a {@code @Transactional("name")} on the repository
	 * interface or one of its methods that resolves to no transaction manager.
	 */
	private void checkTransactionalQualifiers(BeanFactory beanFactory) {
		check(this.repositoryInterface, "interface", beanFactory);
		for (Method method : this.repositoryInterface.getMethods()) {
			check(method, "method " + method.getName(), beanFactory);
		}
	}

	private void check(AnnotatedElement element, String what, BeanFactory beanFactory) {
		MergedAnnotation<Transactional> transactional = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY)
			.get(Transactional.class);
		if (!transactional.isPresent()) {
			return;
		}
		String qualifier = transactional.getString("transactionManager");
		// the singletable manager's own name may be absent by design, as for transactionManagerRef
		if (!qualifier.isEmpty() && !SingleTableTransactionManager.BEAN_NAME.equals(qualifier)
				&& !isTransactionManager(qualifier, beanFactory)) {
			throw new IllegalStateException("Repository " + this.repositoryInterface.getName() + ": the " + what
					+ " is annotated @Transactional(\"" + qualifier + "\"), but no transaction manager has that name "
					+ "or qualifier; " + existing(beanFactory) + ". Name one of them, or declare that transaction "
					+ "manager");
		}
	}

	/**
	 * Whether a transaction manager has the given bean name, alias or qualifier, as {@code @Transactional} resolves
	 * it.
	 */
	private static boolean isTransactionManager(String name, BeanFactory beanFactory) {
		if (!(beanFactory instanceof ListableBeanFactory)) {
			return beanFactory.containsBean(name);
		}
		List<String> candidates = transactionManagers(beanFactory);
		// a bean's own name matches first, as in isQualifierMatch: no predicate made for the usual case
		if (candidates.contains(name)) {
			return true;
		}
		for (String candidate : candidates) {
			if (BeanFactoryAnnotationUtils.isQualifierMatch(name::equals, candidate, beanFactory)) {
				return true;
			}
		}
		return false;
	}

	private static List<String> transactionManagers(BeanFactory beanFactory) {
		if (beanFactory instanceof ListableBeanFactory listable) {
			return Arrays.asList(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(listable,
					TransactionManager.class, true, false));
		}
		return List.of();
	}

	private static String existing(BeanFactory beanFactory) {
		List<String> names = transactionManagers(beanFactory);
		return names.isEmpty() ? "the application has no transaction manager"
				: "the transaction managers are " + names;
	}

	@Override
	protected RepositoryFactorySupport doCreateRepositoryFactory() {
		Assert.state(this.operations != null, "SingleTableOperations must be set");
		return new SingleTableRepositoryFactory(this.operations);
	}

}
