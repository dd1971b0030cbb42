package dev.singletable.autoconfigure;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableTransactionManager;
import dev.singletable.core.reactive.ReactiveSingleTableTransactional;

/**
 * Fails start-up, rather than silently sending every write at once, when a {@code @Transactional} method returning
 * a {@link Publisher} ({@code Mono}, {@code Flux}) of an application bean that uses the reactive template resolves
 * to a blocking transaction manager. Spring picks a transaction manager by qualifier or by type, never by the
 * method's return type, and runs a blocking one around the method call only — its returned publisher, which makes
 * the writes when subscribed, runs outside any transaction. Beside the blocking {@code singleTableTransactionManager}
 * (an application with the starter has one) plain {@code @Transactional} resolves to it; the message names the bean,
 * the method and the fix ({@link ReactiveSingleTableTransactional @ReactiveSingleTableTransactional}). A method whose
 * manager cannot be resolved (a missing name, several candidates) is left to Spring and the names check.
 */
final class ReactiveTransactionalMethodsCheck implements SmartInitializingSingleton, BeanFactoryAware {

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
		for (String name : factory.getBeanDefinitionNames()) {
			BeanDefinition definition = factory.getMergedBeanDefinition(name);
			if (definition.isAbstract() || definition.getRole() != BeanDefinition.ROLE_APPLICATION) {
				continue;
			}
			Class<?> type = factory.getType(name, false);
			if (type == null || type.isInterface()) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			if (usesReactiveTemplate(userClass)) {
				for (Method method : ReflectionUtils.getUniqueDeclaredMethods(userClass,
						ReflectionUtils.USER_DECLARED_METHODS)) {
					check(name, userClass, method, factory);
				}
			}
		}
	}

	private static boolean usesReactiveTemplate(Class<?> type) {
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Field field : current.getDeclaredFields()) {
				if (ReactiveSingleTableOperations.class.isAssignableFrom(field.getType())) {
					return true;
				}
			}
			for (Constructor<?> constructor : current.getDeclaredConstructors()) {
				for (Class<?> parameter : constructor.getParameterTypes()) {
					if (ReactiveSingleTableOperations.class.isAssignableFrom(parameter)) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static void check(String beanName, Class<?> type, Method method, ConfigurableListableBeanFactory factory) {
		if (!Publisher.class.isAssignableFrom(method.getReturnType())) {
			return;
		}
		MergedAnnotation<Transactional> transactional = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY)
			.get(Transactional.class);
		if (!transactional.isPresent()) {
			transactional = MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).get(Transactional.class);
		}
		if (!transactional.isPresent()) {
			return;
		}
		String qualifier = transactional.getString("transactionManager");
		if (qualifier.isEmpty()) {
			qualifier = transactional.getString("value");
		}
		TransactionManager manager;
		try {
			manager = qualifier.isEmpty() ? factory.getBeanProvider(TransactionManager.class).getIfUnique()
					: BeanFactoryAnnotationUtils.qualifiedBeanOfType(factory, TransactionManager.class, qualifier);
		}
		catch (BeansException ex) {
			return;
		}
		if (manager == null || manager instanceof ReactiveTransactionManager) {
			return;
		}
		throw new IllegalStateException("Bean '" + beanName + "' (" + type.getName() + "): the method "
				+ method.getName() + " returns " + method.getReturnType().getSimpleName() + " and is @Transactional"
				+ (qualifier.isEmpty() ? "" : "(\"" + qualifier + "\")") + ", but its transaction manager " + manager
				+ " is a blocking one: Spring runs it around the call only, so the writes the returned publisher makes "
				+ "through the reactive template would be sent at once, outside any transaction. Annotate the method "
				+ "@ReactiveSingleTableTransactional, or @Transactional(\"" + ReactiveSingleTableTransactionManager.BEAN_NAME
				+ "\")");
	}

}
