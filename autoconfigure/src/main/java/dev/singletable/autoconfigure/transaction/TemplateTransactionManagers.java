package dev.singletable.autoconfigure.transaction;

import java.util.LinkedHashMap;
import java.util.Map;

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
		new Blocking().give(beans);
		if (REACTIVE) {
			Reactive.giveAll(beans);
		}
	}

	/**
	 * One kind of template and its manager: how to read the database factory of each and to give the one to the
	 * other. Plain methods, not functions passed in, so that nothing is spun at start for them.
	 * @param <T> the template's type
	 * @param <M> the manager's type
	 */
	private abstract static class Pairing<T, M> {

		private final Class<T> templateType;

		private final Class<M> managerType;

		private final String defaultName;

		Pairing(Class<T> templateType, Class<M> managerType, String defaultName) {
			this.templateType = templateType;
			this.managerType = managerType;
			this.defaultName = defaultName;
		}

		abstract Object factoryOfTemplate(T template);

		abstract Object factoryOfManager(M manager);

		abstract void give(T template, M manager);

		final void give(ListableBeanFactory beans) {
			Map<String, M> managers = beans.getBeansOfType(this.managerType, false, false);
			if (managers.isEmpty()) {
				return;
			}
			for (Map.Entry<String, T> template : beans.getBeansOfType(this.templateType, false, false).entrySet()) {
				Object factory = factoryOfTemplate(template.getValue());
				Map<String, M> candidates = new LinkedHashMap<>();
				for (Map.Entry<String, M> manager : managers.entrySet()) {
					if (factoryOfManager(manager.getValue()) == factory) {
						candidates.put(manager.getKey(), manager.getValue());
					}
				}
				M manager = managerOf(template.getKey(), factory, candidates);
				if (manager != null) {
					give(template.getValue(), manager);
				}
			}
		}

		private @Nullable M managerOf(String templateName, Object factory, Map<String, M> candidates) {
			if (candidates.size() <= 1) {
				return candidates.isEmpty() ? null : candidates.values().iterator().next();
			}
			M named = candidates.get(this.defaultName);
			if (named == null) {
				throw new IllegalStateException("The transaction managers " + candidates.keySet() + " all manage "
						+ factory + " of the template '" + templateName + "', so its transaction(..) "
						+ "cannot choose one to run through. Name the one it should use '" + this.defaultName
						+ "', or keep one manager per database factory");
			}
			return named;
		}

	}

	private static final class Blocking extends Pairing<SingleTableTemplate, SingleTableTransactionManager> {

		Blocking() {
			super(SingleTableTemplate.class, SingleTableTransactionManager.class,
					SingleTableTransactionManager.BEAN_NAME);
		}

		@Override
		Object factoryOfTemplate(SingleTableTemplate template) {
			return template.getDatabaseFactory();
		}

		@Override
		Object factoryOfManager(SingleTableTransactionManager manager) {
			return manager.getResourceFactory();
		}

		@Override
		void give(SingleTableTemplate template, SingleTableTransactionManager manager) {
			template.setTransactionManager(manager);
		}

	}

	/** Loaded only with Reactor present. */
	private static final class Reactive
			extends Pairing<ReactiveSingleTableTemplate, ReactiveSingleTableTransactionManager> {

		static void giveAll(ListableBeanFactory beans) {
			new Reactive().give(beans);
		}

		Reactive() {
			super(ReactiveSingleTableTemplate.class, ReactiveSingleTableTransactionManager.class,
					ReactiveSingleTableTransactionManager.BEAN_NAME);
		}

		@Override
		Object factoryOfTemplate(ReactiveSingleTableTemplate template) {
			return template.getDatabaseFactory();
		}

		@Override
		Object factoryOfManager(ReactiveSingleTableTransactionManager manager) {
			return manager.getResourceFactory();
		}

		@Override
		void give(ReactiveSingleTableTemplate template, ReactiveSingleTableTransactionManager manager) {
			template.setTransactionManager(manager);
		}

	}

}
