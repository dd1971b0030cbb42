package dev.singletable.autoconfigure.transaction;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.transaction.annotation.ProxyTransactionManagementConfiguration;

/**
 * Makes the {@code transactionAttributeSource} bean a {@link DeclaredTransactionAttributeSource} when transaction
 * management is on only because of the singletable transaction manager: registered only when that manager is the
 * application's only one, it replaces the bean definition only when proxy transaction management was enabled by Spring
 * Boot's {@code TransactionAutoConfiguration} or by this starter (not by an {@code @EnableTransactionManagement} of
 * the application, whose attributes, such as {@code rollbackOn}, the source reads) and the bean is still the one that
 * Spring's {@code ProxyTransactionManagementConfiguration} declares. An application's own source is left alone. When it
 * finds nothing to replace, it does nothing. It runs at {@code process-aot} too, so the bean definitions generated for
 * Spring AOT make the replacement, and it is left out of them
 * ({@link TransactionAttributeSourcePostProcessorExcludeFilter}): the application started with Spring AOT neither
 * creates nor runs it.
 */
final class DeclaredTransactionAttributeSourcePostProcessor implements BeanDefinitionRegistryPostProcessor {

	/** The name of the source's bean, as {@code ProxyTransactionManagementConfiguration}'s method names it. */
	static final String SOURCE_BEAN_NAME = "transactionAttributeSource";

	/** Spring Boot's configuration that enables transaction management when a transaction manager exists. */
	static final String BOOT_ENABLING_CONFIGURATION =
			SingleTableTransactionManagerAutoConfiguration.TRANSACTION_AUTO_CONFIGURATION
					+ "$EnableTransactionManagementConfiguration";

	/** This starter's configuration that enables it without {@code spring-boot-transaction}. */
	static final String STARTER_ENABLING_CONFIGURATION = SingleTableTransactionManagerAutoConfiguration.class.getName()
			+ "$TransactionManagementConfiguration";

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (isSpringsDefaultSource(registry) && (registry.containsBeanDefinition(BOOT_ENABLING_CONFIGURATION)
				|| registry.containsBeanDefinition(STARTER_ENABLING_CONFIGURATION))) {
			BeanDefinition source = registry.getBeanDefinition(SOURCE_BEAN_NAME);
			RootBeanDefinition replacement = new RootBeanDefinition(DeclaredTransactionAttributeSource.class);
			replacement.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			replacement.setSource(source.getSource());
			registry.removeBeanDefinition(SOURCE_BEAN_NAME);
			registry.registerBeanDefinition(SOURCE_BEAN_NAME, replacement);
		}
	}

	private static boolean isSpringsDefaultSource(BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(SOURCE_BEAN_NAME)) {
			return false;
		}
		BeanDefinition source = registry.getBeanDefinition(SOURCE_BEAN_NAME);
		String factoryBeanName = source.getFactoryBeanName();
		return SOURCE_BEAN_NAME.equals(source.getFactoryMethodName()) && factoryBeanName != null
				&& registry.containsBeanDefinition(factoryBeanName)
				&& ProxyTransactionManagementConfiguration.class.getName()
					.equals(registry.getBeanDefinition(factoryBeanName).getBeanClassName());
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}
