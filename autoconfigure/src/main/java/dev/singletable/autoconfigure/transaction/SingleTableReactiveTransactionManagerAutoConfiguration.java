package dev.singletable.autoconfigure.transaction;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.util.ClassUtils;

import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTransactionManager;
import dev.singletable.core.reactive.ReactiveSingleTableTransactional;
import reactor.core.publisher.Flux;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of the {@link ReactiveSingleTableTransactionManager}, named
 * {@value ReactiveSingleTableTransactionManager#BEAN_NAME}, for the database factory of the application's
 * {@link ReactiveSingleTableTemplate}: it collects the writes of every reactive template built on that factory in
 * {@code @Transactional} methods returning {@code Mono} or {@code Flux} and {@code TransactionalOperator}s, and the
 * template's {@code transaction(..)} runs through it (given by {@code TemplateTransactionManagers}, which gives an
 * application's own manager of the factory alike). Spring chooses a transaction manager by name or by type, never
 * by a method's return type, so it takes the place of no other transaction manager:
 * <ul>
 * <li>It runs after the blocking {@link SingleTableTransactionManagerAutoConfiguration} and the other stores'
 * transaction manager auto-configurations, and before Spring Boot's {@code TransactionAutoConfiguration}.</li>
 * <li>When the application has no other transaction manager (no blocking singletable one either), it is the default
 * one: plain {@code @Transactional} uses it, and Boot's {@code TransactionalOperator} is built on it.</li>
 * <li>Otherwise — as beside the blocking {@code singleTableTransactionManager}, which an application with the
 * starter has — it is not a default candidate: plain {@code @Transactional} keeps resolving to the other manager,
 * and {@link ReactiveSingleTableTransactional @ReactiveSingleTableTransactional} or
 * {@code @Transactional("reactiveSingleTableTransactionManager")} selects this one.</li>
 * </ul>
 * Spring Boot's {@code TransactionManagerCustomizers} give it the {@code TransactionExecutionListener} beans. Backs
 * off from a {@code ReactiveSingleTableTransactionManager} of the application and when
 * {@code singletable.transaction.enabled=false}.
 */
@AutoConfiguration(after = { SingleTableReactiveAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class },
		afterName = { "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.transaction.jta.autoconfigure.JtaAutoConfiguration",
				"org.springframework.boot.r2dbc.autoconfigure.R2dbcTransactionManagerAutoConfiguration",
				"org.springframework.boot.data.neo4j.autoconfigure.DataNeo4jAutoConfiguration",
				SingleTableTransactionManagerAutoConfiguration.CUSTOMIZATION_AUTO_CONFIGURATION },
		beforeName = SingleTableTransactionManagerAutoConfiguration.TRANSACTION_AUTO_CONFIGURATION)
@ConditionalOnClass({ ReactiveTransactionManager.class, Flux.class, ReactiveSingleTableTransactionManager.class })
@ConditionalOnSingleCandidate(ReactiveSingleTableTemplate.class)
@ConditionalOnMissingBean(ReactiveSingleTableTransactionManager.class)
@ConditionalOnBooleanProperty(name = SingleTableTransactionManagerAutoConfiguration.ENABLED_PROPERTY,
		matchIfMissing = true)
public final class SingleTableReactiveTransactionManagerAutoConfiguration {

	/**
	 * Creates the transaction manager on the template's database factory and lets Spring Boot's
	 * {@code TransactionManagerCustomizers} customize it when {@code spring-boot-transaction} is present; once the
	 * singletons exist, {@code TemplateTransactionManagers} gives it to the template, whose {@code transaction(..)}
	 * then runs through it (as it gives the application's own manager of the template's factory).
	 */
	static ReactiveSingleTableTransactionManager transactionManager(ReactiveSingleTableTemplate template,
			BeanFactory beanFactory) {
		ReactiveSingleTableTransactionManager manager = new ReactiveSingleTableTransactionManager(
				template.getDatabaseFactory());
		if (ClassUtils.isPresent(SingleTableTransactionManagerAutoConfiguration.CUSTOMIZERS,
				SingleTableReactiveTransactionManagerAutoConfiguration.class.getClassLoader())) {
			BootCustomizers.customize(beanFactory, manager);
		}
		return manager;
	}

	/**
	 * Reaches Boot's customizers; loaded only when {@code spring-boot-transaction} is on the class path.
	 */
	private static final class BootCustomizers {

		static void customize(BeanFactory beanFactory, ReactiveSingleTableTransactionManager manager) {
			beanFactory.getBeanProvider(TransactionManagerCustomizers.class)
				.ifAvailable((customizers) -> customizers.customize(manager));
		}

	}

	/**
	 * The transaction manager when the application has no other one: the default for {@code @Transactional}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean(TransactionManager.class)
	static class DefaultTransactionManagerConfiguration {

		@Bean(ReactiveSingleTableTransactionManager.BEAN_NAME)
		ReactiveSingleTableTransactionManager reactiveSingleTableTransactionManager(ReactiveSingleTableTemplate template,
				BeanFactory beanFactory) {
			return transactionManager(template, beanFactory);
		}

	}

	/**
	 * The transaction manager beside another one (the blocking singletable manager, another store's): chosen by name
	 * only, so that the other stays the default.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TransactionManager.class)
	@ConditionalOnMissingBean(ReactiveSingleTableTransactionManager.class)
	static class AdditionalTransactionManagerConfiguration {

		@Bean(name = ReactiveSingleTableTransactionManager.BEAN_NAME, defaultCandidate = false)
		ReactiveSingleTableTransactionManager reactiveSingleTableTransactionManager(ReactiveSingleTableTemplate template,
				BeanFactory beanFactory) {
			return transactionManager(template, beanFactory);
		}

	}

}
