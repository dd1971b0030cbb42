package dev.singletable.autoconfigure.transaction;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.AbstractTransactionManagementConfiguration;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.util.ClassUtils;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.SingleTableTransactional;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link SingleTableTransactionManager}, named
 * {@value SingleTableTransactionManager#BEAN_NAME}, for the database factory of the application's
 * {@link SingleTableTemplate}: it collects the writes of every template built on that factory, and the template's
 * {@code transaction(..)} runs through it too. It never takes the place of another store's transaction manager:
 * <ul>
 * <li>It runs after the auto-configurations of JDBC, JPA, JTA, R2DBC and Neo4j transaction managers, which would
 * back off from any transaction manager, and before Spring Boot's {@code TransactionAutoConfiguration}.</li>
 * <li>When the application has no other transaction manager, it is the default one: plain {@code @Transactional}
 * uses it.</li>
 * <li>When there is another one, it is registered as a bean that is not a default candidate: plain
 * {@code @Transactional} and by-type injection keep resolving to the other one, and
 * {@link SingleTableTransactional @SingleTableTransactional} or
 * {@code @Transactional("singleTableTransactionManager")} selects this one.</li>
 * </ul>
 * With {@code spring-boot-transaction} (which the starter brings), Spring Boot's {@code TransactionManagerCustomizers}
 * customize it ({@code spring.transaction.*}, {@code TransactionExecutionListener} beans) and Boot's
 * {@code TransactionAutoConfiguration} enables {@code @Transactional}; without it, this enables annotation-driven
 * transaction management itself, unless the application did. Backs off from a
 * {@code SingleTableTransactionManager} of the application and when {@code singletable.transaction.enabled=false}.
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class,
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.transaction.jta.autoconfigure.JtaAutoConfiguration",
				"org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
				"org.springframework.boot.data.neo4j.autoconfigure.DataNeo4jAutoConfiguration",
				SingleTableTransactionManagerAutoConfiguration.CUSTOMIZATION_AUTO_CONFIGURATION },
		beforeName = SingleTableTransactionManagerAutoConfiguration.TRANSACTION_AUTO_CONFIGURATION)
@ConditionalOnClass({ PlatformTransactionManager.class, SingleTableTransactionManager.class })
@ConditionalOnSingleCandidate(SingleTableTemplate.class)
@ConditionalOnMissingBean(SingleTableTransactionManager.class)
@ConditionalOnBooleanProperty(name = SingleTableTransactionManagerAutoConfiguration.ENABLED_PROPERTY,
		matchIfMissing = true)
@EnableConfigurationProperties(SingleTableTransactionProperties.class)
public final class SingleTableTransactionManagerAutoConfiguration {

	/** The property that switches the transaction manager off. */
	static final String ENABLED_PROPERTY = "singletable.transaction.enabled";

	/** Spring Boot's auto-configuration that enables {@code @Transactional} when a transaction manager exists. */
	static final String TRANSACTION_AUTO_CONFIGURATION = "org.springframework.boot.transaction.autoconfigure"
			+ ".TransactionAutoConfiguration";

	/** Spring Boot's auto-configuration of the {@code TransactionManagerCustomizers} ({@code spring.transaction.*}). */
	static final String CUSTOMIZATION_AUTO_CONFIGURATION = "org.springframework.boot.transaction.autoconfigure"
			+ ".TransactionManagerCustomizationAutoConfiguration";

	/** Spring Boot's customizers of transaction managers, in {@code spring-boot-transaction}. */
	static final String CUSTOMIZERS = "org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers";

	/**
	 * Creates the transaction manager and, with {@code spring-boot-transaction} present, lets Spring Boot's
	 * {@code TransactionManagerCustomizers} customize it as they do the JDBC and JPA ones
	 * ({@code spring.transaction.default-timeout}, {@code spring.transaction.rollback-on-commit-failure},
	 * {@code TransactionExecutionListener} beans).
	 */
	static SingleTableTransactionManager transactionManager(SingleTableTemplate template, BeanFactory beanFactory) {
		SingleTableTransactionManager manager = new SingleTableTransactionManager(template.getDatabaseFactory());
		if (ClassUtils.isPresent(CUSTOMIZERS, SingleTableTransactionManagerAutoConfiguration.class.getClassLoader())) {
			BootCustomizers.customize(beanFactory, manager);
		}
		return manager;
	}

	/**
	 * Reaches Boot's customizers; loaded only when {@code spring-boot-transaction} is on the class path.
	 */
	private static final class BootCustomizers {

		static void customize(BeanFactory beanFactory, SingleTableTransactionManager manager) {
			TransactionManagerCustomizers customizers = beanFactory.getBeanProvider(TransactionManagerCustomizers.class)
				.getIfAvailable();
			if (customizers != null) {
				customizers.customize(manager);
			}
		}

	}

	/**
	 * The transaction manager when the application has no other one: the default for {@code @Transactional}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(TransactionManager.class)
	static class DefaultTransactionManagerConfiguration {

		@Bean(SingleTableTransactionManager.BEAN_NAME)
		SingleTableTransactionManager singleTableTransactionManager(SingleTableTemplate template,
				BeanFactory beanFactory) {
			return transactionManager(template, beanFactory);
		}

		/**
		 * With this manager alone, transaction management is on because of it: the advisor's attribute source then
		 * passes over the beans that declare no transaction annotation, and the interceptor is made when first needed.
		 */
		@Bean
		static TransactionInfrastructurePostProcessor singleTableTransactionInfrastructurePostProcessor() {
			return new TransactionInfrastructurePostProcessor();
		}

	}

	/**
	 * The transaction manager beside another store's: chosen by name only, so that the other stays the default.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TransactionManager.class)
	@ConditionalOnMissingBean(SingleTableTransactionManager.class)
	static class AdditionalTransactionManagerConfiguration {

		@Bean(name = SingleTableTransactionManager.BEAN_NAME, defaultCandidate = false)
		SingleTableTransactionManager singleTableTransactionManager(SingleTableTemplate template,
				BeanFactory beanFactory) {
			return transactionManager(template, beanFactory);
		}

	}

	/**
	 * Enables {@code @Transactional} (and {@code @TransactionalEventListener}) when neither the application nor
	 * Spring Boot's {@code TransactionAutoConfiguration} does.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(TRANSACTION_AUTO_CONFIGURATION)
	@ConditionalOnMissingBean(AbstractTransactionManagementConfiguration.class)
	static class TransactionManagementConfiguration {

		@Configuration(proxyBeanMethods = false)
		@EnableTransactionManagement
		static class EnableTransactionManagementConfiguration {

		}

	}

}
