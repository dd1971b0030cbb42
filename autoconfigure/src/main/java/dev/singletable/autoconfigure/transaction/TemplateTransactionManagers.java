package dev.singletable.autoconfigure.transaction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.util.ClassUtils;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTransactionManager;

/**
 * Gives each {@link SingleTableTemplate} bean the application's {@link SingleTableTransactionManager} of the
 * template's database factory ({@link SingleTableTemplate#setTransactionManager}), once the singletons are created,
 * so that {@code template.transaction(..)} runs through the same manager as {@code @Transactional}, with what
 * customizes it ({@code spring.transaction.*}, {@code TransactionExecutionListener}s): the auto-configured one or the
 * application's own. Managers of another database factory and other stores' managers are never given: a template
 * without a manager of its factory keeps running its transactions through one of its own. When several managers
 * manage a template's factory, the one named {@value SingleTableTransactionManager#BEAN_NAME} is given; with none of
 * that name, start-up fails naming them. With Reactor, each {@link ReactiveSingleTableTemplate} bean gets its
 * {@link ReactiveSingleTableTransactionManager} by the same rule (the default name
 * {@value ReactiveSingleTableTransactionManager#BEAN_NAME}).
 */
public final class TemplateTransactionManagers implements SmartInitializingSingleton, BeanFactoryAware {

	private static final boolean REACTIVE = ClassUtils.isPresent("reactor.core.publisher.Mono",
			TemplateTransactionManagers.class.getClassLoader());

	private @Nullable ListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ListableBeanFactory listable) ? listable : null;
	}

	@Override
	public void afterSingletonsInstantiated() {
		ListableBeanFactory beans = this.beanFactory;
		if (beans == null) {
			return;
		}
		give(beans, SingleTableTemplate.class, SingleTableTransactionManager.class,
				SingleTableTemplate::getDatabaseFactory, SingleTableTransactionManager::getResourceFactory,
				SingleTableTemplate::setTransactionManager, SingleTableTransactionManager.BEAN_NAME);
		if (REACTIVE) {
			Reactive.give(beans);
		}
	}

	/**
	 * Gives each template bean of a kind the manager bean of its database factory.
	 * @param factoryOfTemplate the database factory of a template
	 * @param factoryOfManager the database factory of a manager
	 * @param give gives a template its manager
	 * @param defaultName the name of the manager given when several manage a template's factory
	 */
	static <T, M> void give(ListableBeanFactory beans, Class<T> templateType, Class<M> managerType,
			Function<T, Object> factoryOfTemplate, Function<M, Object> factoryOfManager, BiConsumer<T, M> give,
			String defaultName) {
		Map<String, M> managers = beans.getBeansOfType(managerType, false, false);
		if (managers.isEmpty()) {
			return;
		}
		beans.getBeansOfType(templateType, false, false).forEach((name, template) -> {
			Object factory = factoryOfTemplate.apply(template);
			Map<String, M> candidates = new LinkedHashMap<>();
			managers.forEach((managerName, manager) -> {
				if (factoryOfManager.apply(manager) == factory) {
					candidates.put(managerName, manager);
				}
			});
			M manager = managerOf(name, factory, candidates, defaultName);
			if (manager != null) {
				give.accept(template, manager);
			}
		});
	}

	private static <M> @Nullable M managerOf(String templateName, Object factory, Map<String, M> candidates,
			String defaultName) {
		if (candidates.size() <= 1) {
			return candidates.isEmpty() ? null : candidates.values().iterator().next();
		}
		M named = candidates.get(defaultName);
		if (named == null) {
			throw new IllegalStateException("The transaction managers " + candidates.keySet() + " all manage "
					+ factory + " of the template '" + templateName + "', so its transaction(..) "
					+ "cannot choose one to run through. Name the one it should use '" + defaultName
					+ "', or keep one manager per database factory");
		}
		return named;
	}

	/**
	 * The reactive templates and managers; loaded only when Reactor is on the class path.
	 */
	private static final class Reactive {

		static void give(ListableBeanFactory beans) {
			TemplateTransactionManagers.give(beans, ReactiveSingleTableTemplate.class,
					ReactiveSingleTableTransactionManager.class, ReactiveSingleTableTemplate::getDatabaseFactory,
					ReactiveSingleTableTransactionManager::getResourceFactory,
					ReactiveSingleTableTemplate::setTransactionManager, ReactiveSingleTableTransactionManager.BEAN_NAME);
		}

	}

}
