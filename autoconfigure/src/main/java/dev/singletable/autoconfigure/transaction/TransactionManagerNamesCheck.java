package dev.singletable.autoconfigure.transaction;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.SingleTableTransactional;
import dev.singletable.repository.support.SingleTableRepositoryFactoryBean;

/**
 * Fails start-up, rather than the first call, when a {@code @Transactional("name")} of an application bean that uses
 * singletable names a transaction manager that does not exist, naming the bean, the method and the transaction
 * managers there are. A bean uses singletable when it has a field or constructor parameter of a singletable type
 * (the template, a singletable repository, the transaction manager) or a {@link SingleTableTransactional} method;
 * only application beans (role {@code APPLICATION}) that do are looked at, once, after the singletons are created.
 * The auto-configured manager's own name ({@code singleTableTransactionManager}, which
 * {@link SingleTableTransactional @SingleTableTransactional} names) is not checked: it is absent by design when
 * {@code singletable.transaction.enabled=false} or the application declares its own manager.
 * Repositories check their own {@code @Transactional} names ({@link SingleTableRepositoryFactoryBean}).
 * A bean none of whose types declares a {@code @Transactional} annotation on itself or on a method is passed over
 * before its fields and methods are searched ({@link TransactionalDeclarations}): the start-up's beans are mostly of
 * that kind, and searching each of their methods' hierarchy was most of the check's cost. With the starter's
 * attribute source, the check reads its declarations, whose answers for the beans' classes the auto-proxy creator's
 * matching has already found.
 */
public final class TransactionManagerNamesCheck implements SmartInitializingSingleton, BeanFactoryAware {

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		if (factory == null) {
			return;
		}
		List<String> candidates = new ArrayList<>();
		Set<Class<?>> repositories = new HashSet<>();
		for (String name : factory.getBeanDefinitionNames()) {
			BeanDefinition definition = factory.getMergedBeanDefinition(name);
			if (definition.isAbstract() || definition.getRole() != BeanDefinition.ROLE_APPLICATION) {
				continue;
			}
			if (SingleTableRepositoryFactoryBean.class.getName().equals(definition.getBeanClassName())) {
				Class<?> repository = factory.getType(name, false);
				if (repository != null) {
					repositories.add(repository);
				}
				continue;
			}
			candidates.add(name);
		}
		TransactionalDeclarations declarations = declarations(factory);
		for (String name : candidates) {
			Class<?> type = factory.getType(name, false);
			if (type == null || type.isInterface()) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			if (declarations.mayBeTransactional(userClass) && usesSingletable(userClass, repositories)) {
				check(name, userClass, factory);
			}
		}
	}

	/**
	 * The starter's attribute source's declarations when it is the application's: it has already answered for the
	 * classes of every bean made so far, and what it looks for includes {@code @Transactional}; else a new instance.
	 */
	private static TransactionalDeclarations declarations(ConfigurableListableBeanFactory factory) {
		String name = TransactionInfrastructurePostProcessor.SOURCE_BEAN_NAME;
		Object source = factory.containsSingleton(name) ? factory.getSingleton(name) : null;
		return (source instanceof DeclaredTransactionAttributeSource declared) ? declared.declarations()
				: TransactionalDeclarations.ofTransactional();
	}

	private static boolean usesSingletable(Class<?> type, Set<Class<?>> repositories) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (isSingletable(field.getType(), repositories)) {
					return true;
				}
			}
			for (Constructor<?> constructor : current.getDeclaredConstructors()) {
				for (Class<?> parameter : constructor.getParameterTypes()) {
					if (isSingletable(parameter, repositories)) {
						return true;
					}
				}
			}
		}
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			if (MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY).isPresent(SingleTableTransactional.class)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isSingletable(Class<?> type, Set<Class<?>> repositories) {
		if (SingleTableOperations.class.isAssignableFrom(type)
				|| SingleTableTransactionManager.class.isAssignableFrom(type)) {
			return true;
		}
		return type.isInterface() && repositories.stream().anyMatch(type::isAssignableFrom);
	}

	private static void check(String beanName, Class<?> type, ConfigurableListableBeanFactory factory) {
		check(beanName, type, type, "class", factory);
		for (Method method : ReflectionUtils.getUniqueDeclaredMethods(type, ReflectionUtils.USER_DECLARED_METHODS)) {
			check(beanName, type, method, "method " + method.getName(), factory);
		}
	}

	private static void check(String beanName, Class<?> type, AnnotatedElement element, String what,
			ConfigurableListableBeanFactory factory) {
		MergedAnnotation<Transactional> transactional = MergedAnnotations.from(element, SearchStrategy.TYPE_HIERARCHY)
			.get(Transactional.class);
		if (!transactional.isPresent()) {
			return;
		}
		String qualifier = transactional.getString("transactionManager");
		if (qualifier.isEmpty() || SingleTableTransactionManager.BEAN_NAME.equals(qualifier)) {
			// the auto-configured manager's name may be absent by design (singletable.transaction.enabled=false, or
			// the application's own manager of another name), as the repositories' default name may
			return;
		}
		List<String> managers = Arrays
			.asList(BeanFactoryUtils.beanNamesForTypeIncludingAncestors(factory, TransactionManager.class, true, false));
		if (managers.stream()
			.noneMatch((manager) -> BeanFactoryAnnotationUtils.isQualifierMatch(qualifier::equals, manager, factory))) {
			throw new IllegalStateException("Bean '" + beanName + "' (" + type.getName() + "): the " + what
					+ " is annotated @Transactional(\"" + qualifier + "\"), but no transaction manager has that name or "
					+ "qualifier; " + (managers.isEmpty() ? "the application has no transaction manager"
							: "the transaction managers are " + managers)
					+ ". Name one of them, or declare that transaction manager");
		}
	}

}
