package dev.singletable.autoconfigure.transaction;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.RuntimeBeanReference;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.transaction.annotation.ProxyTransactionManagementConfiguration;
import org.springframework.transaction.annotation.TransactionManagementConfigurer;
import org.springframework.transaction.config.TransactionManagementConfigUtils;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Redefines the beans of Spring's {@code ProxyTransactionManagementConfiguration} when transaction management is on
 * only because of the singletable transaction manager: registered only when that manager is the application's only
 * one, it acts only when proxy transaction management was enabled by Spring Boot's {@code TransactionAutoConfiguration}
 * or by this starter (not by an {@code @EnableTransactionManagement} of the application, whose attributes, such as
 * {@code rollbackOn} or {@code order}, the configuration reads) and the beans are still the ones that configuration
 * declares. Then
 * <ul>
 * <li>the {@code transactionAttributeSource} bean is a {@link DeclaredTransactionAttributeSource};</li>
 * <li>unless the application has a {@link TransactionManagementConfigurer} (whose manager the configuration gives the
 * interceptor) or a transaction interceptor of its own, the advisor is made by
 * {@link TransactionInfrastructureBeans#transactionAdvisor} with the interceptor's bean name instead of the
 * interceptor, as Spring's {@code <tx:annotation-driven/>} makes it; the interceptor
 * ({@link TransactionInfrastructureBeans#transactionInterceptor}) is lazy, made by the advisor when a proxy first needs
 * it; and the configuration's own bean, which nothing needs any more, is removed, so that it is not made (its
 * {@code ImportAware} set-up reads the importing class's metadata with Spring's class file reader) and, processed
 * ahead of time, the application gets no {@code ImportAwareAotBeanPostProcessor} for it (Spring generates one only
 * for the {@code ImportAware} beans defined). Its static {@code transactionalEventListenerFactory} needs no instance
 * and is left as it is.</li>
 * </ul>
 * When it finds nothing to replace, it does nothing. It runs at {@code process-aot} too, so the bean definitions
 * generated for Spring AOT make the replacements, and it is left out of them
 * ({@link TransactionInfrastructurePostProcessorExcludeFilter}): the application started with Spring AOT neither
 * creates nor runs it.
 */
final class TransactionInfrastructurePostProcessor implements BeanDefinitionRegistryPostProcessor {

	/** The name of the source's bean, as {@code ProxyTransactionManagementConfiguration}'s method names it. */
	static final String SOURCE_BEAN_NAME = "transactionAttributeSource";

	/** The name of the interceptor's bean, as {@code ProxyTransactionManagementConfiguration}'s method names it. */
	static final String INTERCEPTOR_BEAN_NAME = "transactionInterceptor";

	/** The name of the advisor's bean. */
	static final String ADVISOR_BEAN_NAME = TransactionManagementConfigUtils.TRANSACTION_ADVISOR_BEAN_NAME;

	/** The name of the advisor's factory method in {@code ProxyTransactionManagementConfiguration}. */
	private static final String ADVISOR_METHOD = "transactionAdvisor";

	/** Spring Boot's configuration that enables transaction management when a transaction manager exists. */
	static final String BOOT_ENABLING_CONFIGURATION =
			SingleTableTransactionManagerAutoConfiguration.TRANSACTION_AUTO_CONFIGURATION
					+ "$EnableTransactionManagementConfiguration";

	/** This starter's configuration that enables it without {@code spring-boot-transaction}. */
	static final String STARTER_ENABLING_CONFIGURATION = SingleTableTransactionManagerAutoConfiguration.class.getName()
			+ "$TransactionManagementConfiguration";

	@Override
	public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
		if (!registry.containsBeanDefinition(BOOT_ENABLING_CONFIGURATION)
				&& !registry.containsBeanDefinition(STARTER_ENABLING_CONFIGURATION)) {
			return;
		}
		String configuration = springsConfiguration(registry, SOURCE_BEAN_NAME, SOURCE_BEAN_NAME);
		if (configuration == null) {
			return;
		}
		replace(registry, SOURCE_BEAN_NAME, new RootBeanDefinition(DeclaredTransactionAttributeSource.class));
		if (!configuration.equals(springsConfiguration(registry, ADVISOR_BEAN_NAME, ADVISOR_METHOD))
				|| !configuration.equals(springsConfiguration(registry, INTERCEPTOR_BEAN_NAME, INTERCEPTOR_BEAN_NAME))
				|| !(registry instanceof ListableBeanFactory beans)
				|| beans.getBeanNamesForType(TransactionManagementConfigurer.class, true, false).length > 0
				|| beans.getBeanNamesForType(TransactionInterceptor.class, true, false).length != 1) {
			return;
		}
		replace(registry, ADVISOR_BEAN_NAME, factoryOf("transactionAdvisor", false));
		replace(registry, INTERCEPTOR_BEAN_NAME, factoryOf("transactionInterceptor", true));
		registry.removeBeanDefinition(configuration);
	}

	/**
	 * The bean name of the {@code ProxyTransactionManagementConfiguration} whose method defines the bean, or
	 * {@code null} when another definition took its place.
	 */
	private static @Nullable String springsConfiguration(BeanDefinitionRegistry registry, String beanName,
			String methodName) {
		if (!registry.containsBeanDefinition(beanName)) {
			return null;
		}
		BeanDefinition definition = registry.getBeanDefinition(beanName);
		String factoryBeanName = definition.getFactoryBeanName();
		boolean springs = methodName.equals(definition.getFactoryMethodName()) && factoryBeanName != null
				&& registry.containsBeanDefinition(factoryBeanName)
				&& ProxyTransactionManagementConfiguration.class.getName()
					.equals(registry.getBeanDefinition(factoryBeanName).getBeanClassName());
		return springs ? factoryBeanName : null;
	}

	/** A static factory method of {@link TransactionInfrastructureBeans} taking the source bean. */
	private static RootBeanDefinition factoryOf(String methodName, boolean lazy) {
		RootBeanDefinition definition = new RootBeanDefinition(TransactionInfrastructureBeans.class);
		definition.setFactoryMethodName(methodName);
		definition.getConstructorArgumentValues()
			.addIndexedArgumentValue(0, new RuntimeBeanReference(SOURCE_BEAN_NAME));
		definition.setLazyInit(lazy);
		return definition;
	}

	private static void replace(BeanDefinitionRegistry registry, String beanName, RootBeanDefinition replacement) {
		BeanDefinition replaced = registry.getBeanDefinition(beanName);
		replacement.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		replacement.setSource(replaced.getSource());
		registry.removeBeanDefinition(beanName);
		registry.registerBeanDefinition(beanName, replacement);
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
	}

}
