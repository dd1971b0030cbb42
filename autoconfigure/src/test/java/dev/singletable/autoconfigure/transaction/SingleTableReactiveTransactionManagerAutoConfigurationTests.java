package dev.singletable.autoconfigure.transaction;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.reactive.AbstractReactiveTransactionManager;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbAsyncClientBuilderCustomizer;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.fixtures.Gadget;
import dev.singletable.autoconfigure.fixtures.GadgetPackage;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.reactive.ReactiveSingleTableDatabaseFactory;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTransactionManager;
import dev.singletable.core.reactive.ReactiveSingleTableTransactional;
import dev.singletable.test.RequestCounter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configured {@link ReactiveSingleTableTransactionManager} on the embedded DynamoDB Local: beside the
 * blocking {@code singleTableTransactionManager} (an application with the starter) it is selected by name and the
 * blocking one stays the default of {@code @Transactional}, while it is injected by type and the
 * {@code TransactionalOperator} is built on it; alone it is the default; beside another store's reactive manager
 * that one stays the default and the operator's; the reactive template's {@code transaction(..)} runs through it
 * with Boot's customizations.
 */
class SingleTableReactiveTransactionManagerAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private final RequestCounter requests = new RequestCounter();

	/** An application without the blocking transaction manager's auto-configuration. */
	private final ApplicationContextRunner reactiveOnly = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableReactiveTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withUserConfiguration(GadgetPackage.class)
		.withBean(SingleTableDynamoDbAsyncClientBuilderCustomizer.class,
				() -> (builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(this.requests)))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	/** An application with the starter: both managers are auto-configured. */
	private final ApplicationContextRunner withoutService = this.reactiveOnly
		.withConfiguration(AutoConfigurations.of(SingleTableTransactionManagerAutoConfiguration.class));

	private final ApplicationContextRunner contextRunner = this.withoutService.withUserConfiguration(NamedGadgets.class);

	@BeforeEach
	void resetRequests() {
		this.requests.reset();
	}

	@Test
	void besideTheBlockingManagerItIsSelectedByNameAndTheBlockingOneStaysTheDefault() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-both"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(SingleTableTransactionManager.class)
					.hasSingleBean(ReactiveSingleTableTransactionManager.class);
				ReactiveSingleTableTransactionManager manager = context.getBean(ReactiveSingleTableTransactionManager.class);
				assertThat(manager.getResourceFactory())
					.isSameAs(context.getBean(ReactiveSingleTableTemplate.class).getDatabaseFactory());
				// a by-type lookup, as plain @Transactional makes, finds the blocking one only
				assertThat(context.getBean(TransactionManager.class)).isInstanceOf(SingleTableTransactionManager.class);
				NamedGadgets gadgets = context.getBean(NamedGadgets.class);
				this.requests.reset();

				assertThat(gadgets.addByName("both", 3).block(WAIT)).hasSize(3);

				assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
				assertThat(this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(3);
				// a template the application builds on the factory bean joins the same transactions
				ReactiveSingleTableTemplate own = new ReactiveSingleTableTemplate(
						context.getBean(ReactiveSingleTableDatabaseFactory.class),
						context.getBean(ReactiveSingleTableTemplate.class).getConverter());
				assertThat(own.getDatabaseFactory()).isSameAs(manager.getResourceFactory());
				this.requests.reset();
				own.create(Gadget.of("own", "ann", "O"))
					.then(context.getBean(ReactiveSingleTableTemplate.class).create(Gadget.of("auto", "ann", "A")))
					.as(TransactionalOperator.create(manager)::transactional)
					.block(WAIT);
				assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
			});
	}

	@Test
	void aPlainTransactionalMethodReturningMonoRunsInTheReactiveManagerBesideTheBlockingDefault() {
		this.withoutService.withUserConfiguration(Gadgets.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-plain"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				this.requests.reset();
				assertThat(context.getBean(Gadgets.class).add("p", 3).block()).hasSize(3);
				// the three creates were collected and sent as one transaction
				assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
			});
	}

	@Test
	void besideTheBlockingManagerItIsInjectedByTypeAndTheTransactionalOperatorRunsOnIt() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-bytype"))
			.withUserConfiguration(InjectedManagers.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(TransactionalOperator.class);
				ReactiveSingleTableTransactionManager manager = context.getBean(ReactiveSingleTableTransactionManager.class);
				assertThat(context.getBean(ReactiveTransactionManager.class)).isSameAs(manager);
				assertThat(context.getBean(InjectedManagers.class).reactive).isSameAs(manager);
				assertThat(context.getBean(InjectedManagers.class).singleTable).isSameAs(manager);
				// plain @Transactional, a by-type lookup of any TransactionManager, still finds the blocking one
				assertThat(context.getBean(TransactionManager.class)).isInstanceOf(SingleTableTransactionManager.class);
				ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
				TransactionalOperator operator = context.getBean(TransactionalOperator.class);
				this.requests.reset();

				template.create(Gadget.of("op-1", "ann", "A"))
					.then(template.create(Gadget.of("op-2", "ann", "B")))
					.as(operator::transactional)
					.block(WAIT);

				assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
				this.requests.reset();
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> template.create(new Gadget("dropped", "d", "ann", "D"))
						.then(Mono.error(new IllegalStateException("changed my mind")))
						.as(operator::transactional)
						.block(WAIT));
				assertThat(this.requests.operations()).isEmpty();
				assertThat(template.findById(Gadget.class, "dropped").block(WAIT)).isNull();
			});
	}

	@Test
	void theTransactionalOperatorIsDefinedWithoutBootsTransactionAutoConfigurationUnlessTheApplicationHasOne() {
		ApplicationContextRunner withoutBootsOperator = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
					SingleTableReactiveAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class,
					SingleTableReactiveTransactionManagerAutoConfiguration.class))
			.withUserConfiguration(GadgetPackage.class)
			.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
					"singletable.table-name=" + TestTables.uniqueName("rtx-operator"));
		withoutBootsOperator.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(TransactionalOperator.class);
			ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
			template.create(new Gadget("kept", "k", "ann", "K")).block(WAIT);
			TransactionCancelledException cancelled = null;
			try {
				template.create(new Gadget("new", "n", "ann", "N"))
					.then(template.create(new Gadget("kept", "k", "ann", "K")))
					.as(context.getBean(TransactionalOperator.class)::transactional)
					.block(WAIT);
			}
			catch (TransactionCancelledException ex) {
				cancelled = ex;
			}
			assertThat(cancelled).isNotNull();
			assertThat(template.findById(Gadget.class, "new").block(WAIT)).isNull();
		});
		withoutBootsOperator.withUserConfiguration(OwnOperator.class)
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(TransactionalOperator.class)
				.hasBean("ownOperator"));
	}

	@Test
	void besideAnotherStoresReactiveManagerThatOneIsTheDefaultAndTheOperatorsManager() {
		this.reactiveOnly.withUserConfiguration(OtherStore.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-other"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(TransactionalOperator.class);
				ReactiveSingleTableTransactionManager manager = context.getBean(ReactiveSingleTableTransactionManager.class);
				assertThat(context.getBean(ReactiveTransactionManager.class)).isInstanceOf(OtherStoreTransactionManager.class);
				assertThat(context.getBean(TransactionManager.class)).isInstanceOf(OtherStoreTransactionManager.class);
				assertThat(manager).isSameAs(context.getBean(ReactiveSingleTableTransactionManager.BEAN_NAME));
				ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
				this.requests.reset();

				// the operator runs the other store's transaction, which singletable's writes do not join
				template.create(Gadget.of("other-1", "ann", "O"))
					.as(context.getBean(TransactionalOperator.class)::transactional)
					.block(WAIT);

				assertThat(this.requests.operations()).containsExactly("PutItem");
				assertThat(context.getBean(OtherStoreTransactionManager.class).begun).isOne();
			});
	}

	@Test
	void aloneItIsTheDefaultForTransactionalAndTheTransactionalOperator() {
		this.reactiveOnly.withUserConfiguration(Gadgets.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-alone"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(SingleTableTransactionManager.class)
					.hasSingleBean(ReactiveSingleTableTransactionManager.class);
				assertThat(context.getBean(TransactionManager.class))
					.isSameAs(context.getBean(ReactiveSingleTableTransactionManager.BEAN_NAME));
				assertThat(context).hasSingleBean(TransactionalOperator.class);
				Gadgets gadgets = context.getBean(Gadgets.class);
				ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
				this.requests.reset();

				assertThat(gadgets.add("alone", 4).block(WAIT)).hasSize(4);
				assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
				this.requests.reset();
				template.create(new Gadget("taken-1", "x", "ann", "X")).block(WAIT);
				TransactionCancelledException ex = null;
				try {
					Flux.range(0, 2)
						.concatMap((i) -> template.create(new Gadget("taken-" + i, "n" + i, "ann", "N")))
						.as(context.getBean(TransactionalOperator.class)::transactional)
						.blockLast(WAIT);
				}
				catch (TransactionCancelledException cancelled) {
					ex = cancelled;
				}
				assertThat(ex).isNotNull();
				assertThat(ex.getFailures()).singleElement()
					.satisfies((failure) -> assertThat(failure.id()).isEqualTo("taken-1"));
				assertThat(template.findById(Gadget.class, "taken-0").block(WAIT)).isNull();
			});
	}

	@Test
	void theTemplatesTransactionRunsThroughTheBeanAndItsExecutionListeners() {
		List<String> executions = new CopyOnWriteArrayList<>();
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-template"))
			.withBean(TransactionExecutionListener.class, () -> new TransactionExecutionListener() {

				@Override
				public void afterCommit(TransactionExecution transaction, @Nullable Throwable failure) {
					executions.add((failure != null) ? "failed" : "committed");
				}

			})
			.run((context) -> {
				ReactiveSingleTableTemplate template = context.getBean(ReactiveSingleTableTemplate.class);
				this.requests.reset();

				template.transaction((tx) -> tx.create(Gadget.of("listened", "ann", "L"))).block(WAIT);

				assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
				assertThat(executions).containsExactly("committed");
				ReactiveSingleTableTransactionManager foreign = new ReactiveSingleTableTransactionManager(
						ReactiveSingleTableDatabaseFactory.create(template.getDatabaseFactory().getClient(), "other"));
				assertThatExceptionOfType(IllegalArgumentException.class)
					.isThrownBy(() -> template.setTransactionManager(foreign));
			});
	}

	@Test
	void backsOffWhenDisabledForTheApplicationsOwnManagerAndWithoutReactor() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-off"),
					"singletable.transaction.reactive.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReactiveSingleTableTransactionManager.class));
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-own"))
			.withUserConfiguration(OwnManager.class)
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(ReactiveSingleTableTransactionManager.class)
					.hasBean("ownReactiveManager");
				// the application's own manager of the template's factory runs the template's transactions
				List<String> executions = new CopyOnWriteArrayList<>();
				context.getBean(ReactiveSingleTableTransactionManager.class).addListener(new TransactionExecutionListener() {

					@Override
					public void afterCommit(TransactionExecution transaction, @Nullable Throwable failure) {
						executions.add("committed");
					}

				});
				context.getBean(ReactiveSingleTableTemplate.class)
					.transaction((tx) -> tx.create(Gadget.of("own-manager", "ann", "O")))
					.block(WAIT);
				assertThat(executions).containsExactly("committed");
			});
		this.withoutService.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-no-reactor"))
			.withClassLoader(new FilteredClassLoader("reactor.core"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(ReactiveSingleTableTransactionManager.class)
				.hasSingleBean(SingleTableTransactionManager.class));
	}

	/** A service whose reactive transactional method names the reactive manager. */
	@Configuration(proxyBeanMethods = false)
	public static class NamedGadgets {

		private final Gadgets gadgets;

		public NamedGadgets(org.springframework.beans.factory.ObjectProvider<ReactiveSingleTableTemplate> template) {
			this.gadgets = new Gadgets(template);
		}

		@ReactiveSingleTableTransactional
		public Mono<List<Gadget>> addByName(String prefix, int count) {
			return this.gadgets.add(prefix, count);
		}

	}

	/** A service writing through the reactive template in a plain {@code @Transactional} method returning Mono. */
	@Configuration(proxyBeanMethods = false)
	public static class Gadgets {

		private final @Nullable ReactiveSingleTableTemplate template;

		public Gadgets(org.springframework.beans.factory.ObjectProvider<ReactiveSingleTableTemplate> template) {
			this.template = template.getIfAvailable();
		}

		@Transactional
		public Mono<List<Gadget>> add(String prefix, int count) {
			ReactiveSingleTableTemplate template = this.template;
			return Flux.range(0, count)
				.concatMap((i) -> template.create(Gadget.of(prefix + i, "ann", prefix.toUpperCase())))
				.collectList();
		}

	}

	/** Injects the reactive manager by type, as an application would. */
	@Configuration(proxyBeanMethods = false)
	static class InjectedManagers {

		final ReactiveTransactionManager reactive;

		final ReactiveSingleTableTransactionManager singleTable;

		InjectedManagers(ReactiveTransactionManager reactive, ReactiveSingleTableTransactionManager singleTable) {
			this.reactive = reactive;
			this.singleTable = singleTable;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnOperator {

		@Bean
		TransactionalOperator ownOperator(ReactiveSingleTableTransactionManager manager) {
			return TransactionalOperator.create(manager);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherStore {

		@Bean
		OtherStoreTransactionManager otherStoreTransactionManager() {
			return new OtherStoreTransactionManager();
		}

	}

	/** Another store's reactive transaction manager, as R2DBC's would be; it counts the transactions it begins. */
	static class OtherStoreTransactionManager extends AbstractReactiveTransactionManager {

		volatile int begun;

		@Override
		protected Object doGetTransaction(TransactionSynchronizationManager synchronizationManager) {
			return new Object();
		}

		@Override
		protected Mono<Void> doBegin(TransactionSynchronizationManager synchronizationManager, Object transaction,
				TransactionDefinition definition) {
			return Mono.fromRunnable(() -> this.begun++);
		}

		@Override
		protected Mono<Void> doCommit(TransactionSynchronizationManager synchronizationManager,
				GenericReactiveTransaction status) {
			return Mono.empty();
		}

		@Override
		protected Mono<Void> doRollback(TransactionSynchronizationManager synchronizationManager,
				GenericReactiveTransaction status) {
			return Mono.empty();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnManager {

		@Bean
		ReactiveSingleTableTransactionManager ownReactiveManager(ReactiveSingleTableTemplate template) {
			return new ReactiveSingleTableTransactionManager(template.getDatabaseFactory());
		}

	}

}
