package dev.singletable.autoconfigure.transaction;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.transaction.annotation.AbstractTransactionManagementConfiguration;
import org.springframework.transaction.annotation.EnableTransactionManagement;
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
import org.springframework.context.annotation.Fallback;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
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
 * one: plain {@code @Transactional} (on methods returning a publisher, and on Kotlin {@code suspend} functions) uses
 * it.</li>
 * <li>Otherwise — as beside the blocking {@code singleTableTransactionManager}, which an application with the
 * starter has — it is a {@link Fallback @Fallback} bean: a by-type lookup of a {@code TransactionManager}, which is
 * how plain {@code @Transactional} finds its manager, keeps resolving to the other manager (two default candidates
 * would make every plain {@code @Transactional} fail as ambiguous), and
 * {@link ReactiveSingleTableTransactional @ReactiveSingleTableTransactional} or
 * {@code @Transactional("reactiveSingleTableTransactionManager")} selects this one. It is still injected by type
 * wherever it is the only candidate: as a {@code ReactiveTransactionManager} (unless another store's reactive manager
 * is there, which then wins) and as a {@code ReactiveSingleTableTransactionManager}.</li>
 * </ul>
 * With a single reactive transaction manager (this one, or another store's beside this fallback), it defines the
 * {@link TransactionalOperator} on it unless the application has one, with or without Spring Boot's
 * {@code TransactionAutoConfiguration}: {@code transactional(..)} for a {@code Mono} or {@code Flux}, and
 * {@code executeAndAwait { }} for a Kotlin {@code suspend} block. Spring Boot's {@code TransactionManagerCustomizers}
 * give the manager the {@code TransactionExecutionListener} beans. Backs off from a
 * {@code ReactiveSingleTableTransactionManager} of the application and when
 * {@code singletable.transaction.reactive.enabled=false} ({@code singletable.transaction.enabled} switches the
 * blocking manager only).
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
@ConditionalOnBooleanProperty(name = SingleTableReactiveTransactionManagerAutoConfiguration.ENABLED_PROPERTY,
		matchIfMissing = true)
public final class SingleTableReactiveTransactionManagerAutoConfiguration {

	/** The property that switches the reactive transaction manager off (the blocking one has its own). */
	static final String ENABLED_PROPERTY = "singletable.transaction.reactive.enabled";

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
	 * The {@link TransactionalOperator} of the only reactive transaction manager, as Spring Boot's
	 * {@code TransactionAutoConfiguration} defines it, also without {@code spring-boot-transaction}: on the manager
	 * above, or on another store's beside it (this one being a fallback). Defined after the manager (the nested
	 * configurations are read first), and before Boot's, which then backs off.
	 * @param transactionManager the only reactive transaction manager
	 * @return the operator
	 */
	@Bean
	@ConditionalOnMissingBean(TransactionalOperator.class)
	@ConditionalOnSingleCandidate(ReactiveTransactionManager.class)
	TransactionalOperator transactionalOperator(ReactiveTransactionManager transactionManager) {
		return TransactionalOperator.create(transactionManager);
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
	 * Enables {@code @Transactional} (and {@code @TransactionalEventListener}) when neither the application, Spring
	 * Boot's {@code TransactionAutoConfiguration}, nor the blocking manager's auto-configuration (switched off by
	 * {@code singletable.transaction.enabled=false}) does.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(SingleTableTransactionManagerAutoConfiguration.TRANSACTION_AUTO_CONFIGURATION)
	@ConditionalOnMissingBean(AbstractTransactionManagementConfiguration.class)
	static class TransactionManagementConfiguration {

		@Configuration(proxyBeanMethods = false)
		@EnableTransactionManagement
		static class EnableTransactionManagementConfiguration {

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
	 * The transaction manager beside another one (the blocking singletable manager, another store's): a fallback, so
	 * that the other stays the default of {@code @Transactional} (a lookup of any {@code TransactionManager}), while
	 * this one is still injected by type where no other candidate is, as a {@code ReactiveTransactionManager} or a
	 * {@code ReactiveSingleTableTransactionManager}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnBean(TransactionManager.class)
	@ConditionalOnMissingBean(ReactiveSingleTableTransactionManager.class)
	static class AdditionalTransactionManagerConfiguration {

		@Bean(ReactiveSingleTableTransactionManager.BEAN_NAME)
		@Fallback
		ReactiveSingleTableTransactionManager reactiveSingleTableTransactionManager(ReactiveSingleTableTemplate template,
				BeanFactory beanFactory) {
			return transactionManager(template, beanFactory);
		}

	}

}
