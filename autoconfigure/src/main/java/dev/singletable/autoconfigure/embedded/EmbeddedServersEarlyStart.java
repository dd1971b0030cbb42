package dev.singletable.autoconfigure.embedded;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanCurrentlyInCreationException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Starts the embedded servers as early as the application's definitions can be checked: when the first bean is
 * created once every post-processor is (before the web server and the application's own beans), the
 * definitions are checked and DynamoDB Local and the embedded S3 start in the background, so that they come up while
 * the application creates everything else. A bad definition fails the start there, before any server runs. When the
 * first bean is one the check itself needs (being created), the next bean tries again; the bean that first needs a
 * server starts it anyway.
 */
final class EmbeddedServersEarlyStart implements BeanPostProcessor, BeanFactoryAware {

	private final AtomicBoolean started = new AtomicBoolean();

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		if (factory != null && !this.started.get() && postProcessorsRegistered(factory)
				&& this.started.compareAndSet(false, true)) {
			try {
				EmbeddedDynamoDbLocalConfiguration.checkDefinitionsThenStartServers(factory);
				EmbeddedDynamoDbLocal server = factory.getBeanProvider(EmbeddedDynamoDbLocal.class)
					.getIfAvailable();
				if (server != null) {
					server.startAsync();
				}
			}
			catch (BeansException ex) {
				if (!ex.contains(BeanCurrentlyInCreationException.class)) {
					throw ex;
				}
				this.started.set(false);
			}
		}
		return bean;
	}

	/**
	 * Whether every post-processor bean is created, so that the beans the check creates are processed by all of
	 * them.
	 */
	private static boolean postProcessorsRegistered(ConfigurableListableBeanFactory factory) {
		for (String name : factory.getBeanNamesForType(BeanPostProcessor.class, true, false)) {
			if (!factory.containsSingleton(name) || factory.isCurrentlyInCreation(name)) {
				return false;
			}
		}
		return true;
	}

}
