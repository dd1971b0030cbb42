package dev.singletable.autoconfigure.embedded;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.util.ClassUtils;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTableMappingContext;

/**
 * Checks the application's definitions before an embedded server starts, so that a bad one fails the start in
 * about the time the application needs to create its converter rather than after DynamoDB Local and S3Proxy are up:
 * the entity types (creating the mapping context and the converter, which check them) and every repository interface
 * registered for a singletable repository factory, blocking and reactive (its id type, its versioned interface and
 * the derivation of each query method, as creating the repository does, by the same code). The failures are the
 * ones the beans would throw later, so the usual failure analyzers explain them. Runs once per bean factory.
 */
public final class EmbeddedDefinitionsCheck {

	private static final String BLOCKING_FACTORY = "dev.singletable.repository.support.SingleTableRepositoryFactoryBean";

	private static final String REACTIVE_FACTORY = "dev.singletable.repository.support.ReactiveSingleTableRepositoryFactoryBean";

	private static final String BLOCKING_CHECK = "dev.singletable.repository.support.SingleTableRepositoryFactory";

	private static final String REACTIVE_CHECK = "dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory";

	private static final Set<BeanFactory> checked = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

	/**
	 * The bean that starts the embedded S3 a context uses (and tells that it uses one): a {@link Runnable}, so that
	 * starting it needs none of the S3 classes, which an application without blobs does not have.
	 */
	public static final String EMBEDDED_S3_START_BEAN = "singleTableEmbeddedS3Start";

	private EmbeddedDefinitionsCheck() {
	}

	/**
	 * Starts the embedded S3 of the context in the background, if it uses one.
	 * @param beanFactory the bean factory of the application
	 */
	public static void startEmbeddedS3(ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.containsBean(EMBEDDED_S3_START_BEAN)) {
			beanFactory.getBean(EMBEDDED_S3_START_BEAN, Runnable.class).run();
		}
	}

	/**
	 * Checks the definitions of the application, unless they were checked already.
	 * @param beanFactory the application's bean factory
	 * @throws RuntimeException the failure the first bad definition would cause later
	 */
	public static void check(ConfigurableListableBeanFactory beanFactory) {
		if (checked.contains(beanFactory)) {
			return;
		}
		List<SingleTableConverter> converters = beanFactory.getBeanProvider(SingleTableConverter.class)
			.orderedStream()
			.toList();
		if (converters.isEmpty()) {
			beanFactory.getBeanProvider(SingleTableMappingContext.class).orderedStream().forEach((mappingContext) -> {
				// created, and so initialized: invalid entity types have failed by now
			});
		}
		else if (converters.size() == 1) {
			checkRepositories(beanFactory, converters.get(0));
		}
		// several converters: which template a repository uses is decided when it is created
		checked.add(beanFactory);
	}

	private static void checkRepositories(ConfigurableListableBeanFactory beanFactory, SingleTableConverter converter) {
		ClassLoader classLoader = beanFactory.getBeanClassLoader();
		Class<?> blocking = resolve(BLOCKING_FACTORY, classLoader);
		Class<?> reactive = ClassUtils.isPresent("reactor.core.publisher.Mono", classLoader)
				? resolve(REACTIVE_FACTORY, classLoader) : null;
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			Class<?> beanClass = resolve(definition.getBeanClassName(), classLoader);
			if (beanClass == null || definition.getPropertyValues().contains("customImplementation")) {
				// a repository with an implementation of its own is checked when it is created
				continue;
			}
			String check = (blocking != null && blocking.isAssignableFrom(beanClass)) ? BLOCKING_CHECK
					: (reactive != null && reactive.isAssignableFrom(beanClass)) ? REACTIVE_CHECK : null;
			Class<?> repositoryInterface = (check != null) ? repositoryInterface(definition, classLoader) : null;
			if (repositoryInterface != null) {
				checkRepository(check, repositoryInterface, converter);
			}
		}
	}

	private static void checkRepository(String check, Class<?> repositoryInterface, SingleTableConverter converter) {
		if (BLOCKING_CHECK.equals(check)) {
			dev.singletable.repository.support.SingleTableRepositoryFactory.checkDefinition(repositoryInterface,
					converter);
		}
		else {
			dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory.checkDefinition(repositoryInterface,
					converter);
		}
	}

	private static @Nullable Class<?> repositoryInterface(BeanDefinition definition, @Nullable ClassLoader classLoader) {
		ValueHolder argument = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, null);
		Object value = (argument != null) ? argument.getValue() : null;
		if (value instanceof Class<?> type) {
			return type;
		}
		return (value instanceof String className) ? resolve(className, classLoader) : null;
	}

	private static @Nullable Class<?> resolve(@Nullable String className, @Nullable ClassLoader classLoader) {
		if (className == null) {
			return null;
		}
		try {
			return ClassUtils.forName(className, classLoader);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return null;
		}
	}

}
