package dev.singletable.autoconfigure.transaction;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.annotation.AbstractTransactionManagementConfiguration;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.transaction.shop.Customer;
import dev.singletable.autoconfigure.transaction.shop.CustomerRepository;
import dev.singletable.autoconfigure.transaction.shop.Order;
import dev.singletable.autoconfigure.transaction.shop.OrderRepository;
import dev.singletable.autoconfigure.transaction.shop.ShopApplication;
import dev.singletable.autoconfigure.transaction.shop.ShopEvents;
import dev.singletable.autoconfigure.transaction.shop.ShopService;
import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The auto-configured {@link SingleTableTransactionManager} in an application whose {@code @Transactional} service
 * writes through repositories and the template, alone and beside another store's transaction manager.
 */
class SingleTableTransactionManagerAutoConfigurationTests {

	private final RequestCounter requests = new RequestCounter();

	/** An application without {@code spring-boot-transaction}. */
	private final ApplicationContextRunner withoutBootTransactions = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class))
		.withUserConfiguration(ShopApplication.class)
		.withBean(SingleTableDynamoDbClientBuilderCustomizer.class,
				() -> (builder) -> builder.overrideConfiguration((config) -> config.addExecutionInterceptor(this.requests)))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	/** An application with the starter, which brings {@code spring-boot-transaction}. */
	private final ApplicationContextRunner contextRunner = this.withoutBootTransactions.withConfiguration(
			AutoConfigurations.of(TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class));

	@BeforeEach
	void resetRequests() {
		this.requests.reset();
	}

	// ---- the only transaction manager ------------------------------------------------------------------

	@Test
	void isTheDefaultTransactionManagerWhenTheApplicationHasNoOther() {
		run("alone", (context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(SingleTableTransactionManager.class);
			assertThat(context.getBean(PlatformTransactionManager.class))
				.isSameAs(context.getBean(SingleTableTransactionManager.BEAN_NAME))
				.isInstanceOf(SingleTableTransactionManager.class);
			assertThat(context.getBean(SingleTableTransactionManager.class).getResourceFactory())
				.isSameAs(context.getBean(SingleTableTemplate.class).getDatabaseFactory());
			assertThat(context.getBean(TransactionTemplate.class).getTransactionManager())
				.isSameAs(context.getBean(SingleTableTransactionManager.class));
			// @Transactional is enabled even without spring-boot-transaction's auto-configuration (Spring's
			// configuration that enables it is left out once its beans are redefined: its advisor is there)
			assertThat(context).hasSingleBean(BeanFactoryTransactionAttributeSourceAdvisor.class);
		});
	}

	@Test
	void aTransactionalMethodWritingThreeEntitiesSendsOneRequest() {
		run("three", (context) -> {
			ShopService shop = context.getBean(ShopService.class);
			this.requests.reset();

			Order order = shop.placeOrder("book", "Ann");

			// one request for the three writes, then the two reads of the AFTER_COMMIT listener
			assertThat(this.requests.operations()).containsExactly("TransactWriteItems", "GetItem", "GetItem");
			// the versioned order writes v1 and v0, the customer one item, the versioned gift wrap two more
			assertThat(this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(5);
			assertThat(context.getBean(OrderRepository.class).findById(order.id())).contains(order);
			assertThat(context.getBean(OrderRepository.class).count()).isEqualTo(2);
		});
	}

	@Test
	void aTransactionalMethodThatThrowsSendsNothing() {
		run("throws", (context) -> {
			ShopService shop = context.getBean(ShopService.class);
			this.requests.reset();

			assertThatIllegalStateException().isThrownBy(() -> shop.placeOrderAndFail("book", "Ann"))
				.withMessage("payment declined");

			assertThat(this.requests.total()).isZero();
			assertThat(context.getBean(OrderRepository.class).count()).isZero();
			assertThat(context.getBean(ShopEvents.class).seen()).isEmpty();
		});
	}

	@Test
	void aRequiresNewMethodCommitsThoughTheCallersTransactionRollsBack() {
		run("requires-new", (context) -> {
			ShopService shop = context.getBean(ShopService.class);
			this.requests.reset();

			assertThatIllegalStateException().isThrownBy(() -> shop.placeOrderAuditedAndFail("book", "Ann"))
				.withMessageStartingWith("payment declined after audit ");

			// the audit's own transaction only; the caller's three writes were never sent
			assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
			assertThat(this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(1);
			assertThat(context.getBean(CustomerRepository.class).findAll()).extracting(Customer::name)
				.containsExactly("audit: book");
			assertThat(context.getBean(OrderRepository.class).count()).isZero();
		});
	}

	@Test
	void anAfterCommitListenerRunsOnceTheWritesAreStored() {
		run("after-commit", (context) -> {
			Order order = context.getBean(ShopService.class).placeOrder("book", "Ann");

			assertThat(context.getBean(ShopEvents.class).seen())
				.containsExactly(order.id() + " stored, customer stored");
		});
	}

	// ---- beside another transaction manager ------------------------------------------------------------

	@Test
	void besideAPrimaryTransactionManagerPlainTransactionalKeepsUsingIt() {
		this.contextRunner.withUserConfiguration(PrimaryOtherTransactionManager.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-primary"))
			.run(this::otherManagerStaysTheDefault);
	}

	@Test
	void besideATransactionManagerThatIsNotPrimaryPlainTransactionalKeepsUsingIt() {
		// as a DataSourceTransactionManager registered by Spring Boot, which is not @Primary
		this.contextRunner.withUserConfiguration(OtherTransactionManager.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-other"))
			.run(this::otherManagerStaysTheDefault);
	}

	private void otherManagerStaysTheDefault(AssertableApplicationContext context) {
		assertThat(context).hasNotFailed();
		// Spring Boot's TransactionAutoConfiguration, which comes later, finds one candidate: the other manager
		assertThat(context.getBean(TransactionTemplate.class).getTransactionManager())
			.isSameAs(context.getBean("otherTransactionManager"));
		assertThat(context.getBeansOfType(TransactionManager.class)).containsOnlyKeys("otherTransactionManager",
				SingleTableTransactionManager.BEAN_NAME);
		RecordingTransactionManager other = context.getBean(RecordingTransactionManager.class);
		assertThat(context.getBean(PlatformTransactionManager.class)).isSameAs(other);
		ShopService shop = context.getBean(ShopService.class);
		this.requests.reset();

		shop.placeOrder("book", "Ann");

		// the other manager ran the transaction; singletable's writes were sent one by one, not collected
		assertThat(other.events).containsExactly("begin", "commit");
		assertThat(this.requests.count("TransactWriteItems") + this.requests.count("PutItem")).isEqualTo(3);
		assertThat(context.getBean(ShopEvents.class).seen()).hasSize(1);
		this.requests.reset();

		shop.placeOrderInASingleTableTransaction("pen", "Bob");

		assertThat(other.events).hasSize(2);
		assertThat(this.requests.operations()).containsExactly("TransactWriteItems", "GetItem", "GetItem");
	}

	// ---- Spring Boot's transaction settings ------------------------------------------------------------

	@Test
	void springTransactionPropertiesAndExecutionListenersCustomizeItAsTheyDoOtherStoresManagers() {
		List<String> phases = new CopyOnWriteArrayList<>();
		this.contextRunner
			.withBean(TransactionExecutionListener.class, () -> new TransactionExecutionListener() {
				@Override
				public void afterCommit(TransactionExecution transaction, @Nullable Throwable failure) {
					phases.add("afterCommit " + transaction.getTransactionName());
				}
			})
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-props"),
					"spring.transaction.default-timeout=7s", "spring.transaction.rollback-on-commit-failure=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SingleTableTransactionManager manager = context.getBean(SingleTableTransactionManager.class);
				assertThat(manager.getDefaultTimeout()).isEqualTo(7);
				assertThat(manager.isRollbackOnCommitFailure()).isFalse();
				assertThat(manager.getTransactionExecutionListeners()).hasSize(1);
				context.getBean(ShopService.class).placeOrder("book", "Ann");
				assertThat(phases).singleElement().asString().startsWith("afterCommit").contains("placeOrder");
			});
	}

	@Test
	void withoutSpringBootsTransactionModuleItEnablesTransactionalItself() {
		this.withoutBootTransactions.withClassLoader(new FilteredClassLoader("org.springframework.boot.transaction"))
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-alone"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.hasSingleBean(BeanFactoryTransactionAttributeSourceAdvisor.class)
					.doesNotHaveBean(TransactionTemplate.class);
				assertThat(context.getBean(SingleTableTransactionManager.class).getDefaultTimeout())
					.isEqualTo(TransactionDefinition.TIMEOUT_DEFAULT);
				this.requests.reset();
				context.getBean(ShopService.class).placeOrder("book", "Ann");
				assertThat(this.requests.operations()).containsExactly("TransactWriteItems", "GetItem", "GetItem");
			});
	}

	// ---- template.transaction(..) and the database factory ---------------------------------------------

	@Test
	void templateTransactionsRunThroughTheApplicationsManagerAndItsExecutionListeners() {
		PhaseRecorder recorder = new PhaseRecorder();
		this.contextRunner.withBean(TransactionExecutionListener.class, () -> recorder)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-template"))
			.run((context) -> {
				assertThat(context).hasNotFailed();

				context.getBean(SingleTableTemplate.class).transaction((tx) -> tx.create(new Customer("c1", "Ann")));

				assertThat(recorder.phases).containsExactly("afterCommit");
			});
	}

	@Test
	void springsDefaultTransactionTimeoutReachesTemplateTransactions() {
		// a deadline of now: every transaction is past it when it commits
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-timeout"),
				"spring.transaction.default-timeout=0s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				this.requests.reset();

				assertThatExceptionOfType(TransactionTimedOutException.class)
					.isThrownBy(() -> template.transaction((tx) -> tx.create(new Customer("c1", "Ann"))));

				assertThat(this.requests.operations()).isEmpty();
				assertThat(template.findById(Customer.class, "c1")).isEmpty();
			});
	}

	@Test
	void aTemplateBuiltOnTheDatabaseFactoryBeanJoinsTheApplicationsTransactions() {
		run("factory", (context) -> {
			SingleTableDatabaseFactory factory = context.getBean(SingleTableDatabaseFactory.class);
			assertThat(context.getBean(SingleTableTemplate.class).getDatabaseFactory()).isSameAs(factory);
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			SingleTableTemplate second = new SingleTableTemplate(factory);
			this.requests.reset();

			context.getBean(TransactionTemplate.class).executeWithoutResult((status) -> {
				template.create(new Customer("c1", "Ann"));
				second.create(Order.of("book"));
				second.transaction((tx) -> tx.create(new Customer("c2", "Bob")));
				assertThat(this.requests.operations()).isEmpty();
			});

			// the two customers' items, the versioned order's v1 and v0
			assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
			assertThat(this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(4);
			assertThat(context.getBean(CustomerRepository.class).count()).isEqualTo(2);
		});
	}

	@Test
	void theApplicationsOwnManagerOfTheFactoryRunsTemplateTransactions() {
		this.contextRunner.withUserConfiguration(ListenedSingleTableTransactionManager.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-own-listened"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(SingleTableTransactionManager.class);

				context.getBean(SingleTableTemplate.class).transaction((tx) -> tx.create(new Customer("c1", "Ann")));

				assertThat(phases(context.getBean(SingleTableTransactionManager.class))).containsExactly("afterCommit");
			});
	}

	@Test
	void aManagerOfAnotherDatabaseFactoryIsNotUsedForTemplateTransactions() {
		this.contextRunner.withUserConfiguration(AnotherTablesTransactionManager.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-another"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				this.requests.reset();

				template.transaction((tx) -> {
					tx.create(new Customer("c1", "Ann"));
					tx.create(new Customer("c2", "Bob"));
				});

				// the template's own manager ran it: one transaction, which the other table's manager never saw
				assertThat(this.requests.operations()).containsExactly("TransactWriteItems");
				assertThat(phases(context.getBean(SingleTableTransactionManager.class))).isEmpty();
			});
	}

	@Test
	void severalManagersOfTheTemplatesFactoryNoneOfTheDefaultNameFailStartup() {
		this.contextRunner.withUserConfiguration(TwoSingleTableTransactionManagers.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-two"))
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("[firstTransactionManager, secondTransactionManager]")
				.hasMessageContaining("singleTableTransactionManager"));
	}

	private static List<String> phases(SingleTableTransactionManager manager) {
		return manager.getTransactionExecutionListeners()
			.stream()
			.map(PhaseRecorder.class::cast)
			.flatMap((recorder) -> recorder.phases.stream())
			.toList();
	}

	// ---- backing off -----------------------------------------------------------------------------------

	@Test
	void whenDisabledTheTransactionalMethodsThatWouldRunWithoutATransactionFailStartup() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-off"),
				"singletable.transaction.enabled=false")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(TransactionManagerDisabledException.class)
				.hasMessageContaining("bean 'dev.singletable.autoconfigure.transaction.shop.ShopService'")
				.hasMessageContaining("placeOrder(String, String) returns Order")
				.hasMessageContaining("singletable.transaction.enabled=false switched singletable's off")
				.hasMessageContaining("no transaction interceptor"));
	}

	@Test
	void whenDisabledAMethodTransactionalOnlyThroughItsInterfaceFailsStartup() {
		this.contextRunner.withUserConfiguration(InterfaceTransactionalService.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-off-interface"),
					"singletable.transaction.enabled=false")
			.run((context) -> assertThat(context).getFailure()
				.isInstanceOf(TransactionManagerDisabledException.class)
				.hasMessageContaining("bean 'interfaceTransactionalService'")
				.hasMessageContaining("archive(String) returns void"));
	}

	@Test
	void theSwitchesCheckIsDefinedOnlyWhenASwitchIsNotOn() {
		// with both switches on it has nothing to check: no bean at every start
		run("switches-on", (context) -> assertThat(context).hasNotFailed()
			.doesNotHaveBean(TransactionManagerSwitchesCheck.class));
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-reactive-off"),
				"singletable.transaction.reactive.enabled=OFF")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(TransactionManagerSwitchesCheck.class));
		// a value that is not a boolean still fails the start, naming it
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-maybe"),
				"singletable.transaction.reactive.enabled=maybe")
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("maybe"));
	}

	@Test
	void aMistypedPropertyFailsStartup() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-typo"),
				"singletable.transaction.enabeld=false")
			.run((context) -> assertThat(context).getFailure()
				.hasMessageContaining("singletable.transaction.enabeld")
				.hasMessageContaining("singletable.transaction.enabled"));
	}

	@Test
	void backsOffFromTheApplicationsOwnSingleTableTransactionManager() {
		this.contextRunner.withUserConfiguration(OwnSingleTableTransactionManager.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-own"))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SingleTableTransactionManager.class)
				.hasBean("ownTransactionManager"));
	}

	@Test
	void leavesTransactionManagementToAnApplicationThatEnablesIt() {
		this.contextRunner.withUserConfiguration(ExplicitTransactionManagement.class)
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-explicit"))
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(AbstractTransactionManagementConfiguration.class);
				this.requests.reset();
				context.getBean(ShopService.class).placeOrder("book", "Ann");
				assertThat(this.requests.operations()).containsExactly("TransactWriteItems", "GetItem", "GetItem");
			});
	}

	private void run(String table, ContextConsumer<AssertableApplicationContext> test) {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("tx-" + table))
			.run(test);
	}

	@Configuration(proxyBeanMethods = false)
	static class PrimaryOtherTransactionManager {

		@Bean
		@Primary
		RecordingTransactionManager otherTransactionManager() {
			return new RecordingTransactionManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OtherTransactionManager {

		@Bean
		RecordingTransactionManager otherTransactionManager() {
			return new RecordingTransactionManager();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSingleTableTransactionManager {

		@Bean
		SingleTableTransactionManager ownTransactionManager(SingleTableTemplate template) {
			return new SingleTableTransactionManager(template.getDatabaseFactory());
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ListenedSingleTableTransactionManager {

		@Bean
		SingleTableTransactionManager ownTransactionManager(SingleTableDatabaseFactory databaseFactory) {
			SingleTableTransactionManager manager = new SingleTableTransactionManager(databaseFactory);
			manager.addListener(new PhaseRecorder());
			return manager;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class AnotherTablesTransactionManager {

		@Bean
		SingleTableTransactionManager anotherTablesTransactionManager(DynamoDbClient client) {
			SingleTableTransactionManager manager = new SingleTableTransactionManager(
					SingleTableDatabaseFactory.create(client, TestTables.uniqueName("tx-another-table")));
			manager.addListener(new PhaseRecorder());
			return manager;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoSingleTableTransactionManagers {

		@Bean
		SingleTableTransactionManager firstTransactionManager(SingleTableDatabaseFactory databaseFactory) {
			return new SingleTableTransactionManager(databaseFactory);
		}

		@Bean
		SingleTableTransactionManager secondTransactionManager(SingleTableDatabaseFactory databaseFactory) {
			return new SingleTableTransactionManager(databaseFactory);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableTransactionManagement
	static class ExplicitTransactionManagement {

	}

	/**
	 * Records the phases of the transactions it is told about.
	 */
	static class PhaseRecorder implements TransactionExecutionListener {

		final List<String> phases = new CopyOnWriteArrayList<>();

		@Override
		public void afterCommit(TransactionExecution transaction, @Nullable Throwable failure) {
			this.phases.add("afterCommit");
		}

	}

	/**
	 * Another store's transaction manager, as a JDBC one would be: it records what it is asked to do.
	 */
	static class RecordingTransactionManager extends AbstractPlatformTransactionManager {

		final List<String> events = new CopyOnWriteArrayList<>();

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
			this.events.add("begin");
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			this.events.add("commit");
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
			this.events.add("rollback");
		}

	}


	/** Declares its transaction on the interface only. */
	interface Archiving {

		@org.springframework.transaction.annotation.Transactional
		void archive(String id);

	}

	@Configuration(proxyBeanMethods = false)
	static class InterfaceTransactionalService {

		@Bean
		Archiving interfaceTransactionalService() {
			return new Archiver();
		}

	}

	static class Archiver implements Archiving {

		@Override
		public void archive(String id) {
		}

	}

}
