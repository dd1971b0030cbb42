package dev.singletable.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;

/**
 * Gives each {@link SingleTableTemplate} bean the application's {@link SingleTableTransactionManager} of the
 * template's database factory ({@link SingleTableTemplate#setTransactionManager}), once the singletons are created,
 * so that {@code template.transaction(..)} runs through the same manager as {@code @Transactional}, with what
 * customizes it ({@code spring.transaction.*}, {@code TransactionExecutionListener}s): the auto-configured one or the
 * application's own. Managers of another database factory and other stores' managers are never given: a template
 * without a manager of its factory keeps running its transactions through one of its own. When several managers
 * manage a template's factory, the one named {@value SingleTableTransactionManager#BEAN_NAME} is given; with none of
 * that name, start-up fails naming them.
 */
final class TemplateTransactionManagers implements SmartInitializingSingleton, BeanFactoryAware {

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
		Map<String, SingleTableTransactionManager> managers = beans.getBeansOfType(SingleTableTransactionManager.class,
				false, false);
		if (managers.isEmpty()) {
			return;
		}
		beans.getBeansOfType(SingleTableTemplate.class, false, false).forEach((name, template) -> {
			SingleTableTransactionManager manager = managerOf(name, template, managers);
			if (manager != null) {
				template.setTransactionManager(manager);
			}
		});
	}

	private static @Nullable SingleTableTransactionManager managerOf(String templateName, SingleTableTemplate template,
			Map<String, SingleTableTransactionManager> managers) {
		Map<String, SingleTableTransactionManager> candidates = new LinkedHashMap<>();
		managers.forEach((name, manager) -> {
			if (manager.getResourceFactory() == template.getDatabaseFactory()) {
				candidates.put(name, manager);
			}
		});
		if (candidates.size() <= 1) {
			return candidates.isEmpty() ? null : candidates.values().iterator().next();
		}
		SingleTableTransactionManager named = candidates.get(SingleTableTransactionManager.BEAN_NAME);
		if (named == null) {
			throw new IllegalStateException("The transaction managers " + candidates.keySet() + " all manage "
					+ template.getDatabaseFactory() + " of the template '" + templateName + "', so its transaction(..) "
					+ "cannot choose one to run through. Name the one it should use '"
					+ SingleTableTransactionManager.BEAN_NAME + "', or keep one manager per database factory");
		}
		return named;
	}

}
