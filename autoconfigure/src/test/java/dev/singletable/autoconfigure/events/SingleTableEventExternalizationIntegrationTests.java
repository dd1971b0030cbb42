package dev.singletable.autoconfigure.events;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.modulith.events.RoutingTarget;
import org.springframework.modulith.events.config.EventExternalizationAutoConfiguration;
import org.springframework.modulith.events.config.EventPublicationAutoConfiguration;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.EventPublicationRepository;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.events.externalized.ExternalizationApplication;
import dev.singletable.autoconfigure.events.externalized.ExternalizationApplication.Broker;
import dev.singletable.autoconfigure.events.externalized.ExternalizationApplication.Checkout;
import dev.singletable.autoconfigure.events.externalized.ExternalizationApplication.Message;
import dev.singletable.autoconfigure.events.externalized.Externalizers.DelegatingExternalizer;
import dev.singletable.autoconfigure.events.externalized.Externalizers.ModuleListenerExternalizer;
import dev.singletable.autoconfigure.events.externalized.Order;
import dev.singletable.autoconfigure.events.externalized.OrderPlaced;
import dev.singletable.autoconfigure.events.externalized.OrderRepository;
import dev.singletable.autoconfigure.transaction.SingleTableTransactionManagerAutoConfiguration;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Event externalization on DynamoDB Local (issue 34, item 1): externalization is Spring Modulith's and works
 * unchanged on the registry on the table. Modulith's {@link EventExternalizationAutoConfiguration}, its default
 * externalization configuration ({@code @Externalized} events of the application's package) and its own externalizer
 * (a listener of the events that configuration selects, run after the commit, asynchronously) send an event to a
 * broker: the event's publication is stored with the transaction's writes in one {@code TransactWriteItems} and
 * completed once the broker accepted it; a rolled back transaction stores and externalizes nothing; a publication the
 * broker refused stays incomplete on the table until resubmitted through {@link IncompleteEventPublications}.
 */
class SingleTableEventExternalizationIntegrationTests {

	private static final String PUBLICATION_PREFIX = "_INTERNAL#EventPublication#";

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final RequestCounter requests = new RequestCounter();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				SingleTableEventPublicationAutoConfiguration.class, EventPublicationAutoConfiguration.class,
				EventExternalizationAutoConfiguration.class))
		.withUserConfiguration(ExternalizationApplication.class)
		.withBean(SingleTableDynamoDbClientBuilderCustomizer.class,
				() -> (builder) -> builder
					.overrideConfiguration((config) -> config.addExecutionInterceptor(this.requests)))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@BeforeEach
	void reset() {
		this.requests.reset();
	}

	@Test
	void anExternalizedEventIsStoredWithItsTransactionsWritesAndSentToTheBrokerOnceCommitted() {
		String table = TestTables.uniqueName("externalized");
		run(table, DelegatingExternalizer.class, (context) -> {
			this.requests.reset();

			context.getBean(Checkout.class).place("o1", "tea", false);
			await(() -> publicationStatuses(table).equals(List.of("COMPLETED")));

			// the upsert's read, then the order and the publication in one TransactWriteItems; after the commit,
			// the publication marked processing and completed around the broker's send
			assertThat(this.requests.operations()).containsExactly("GetItem", "TransactWriteItems", "UpdateItem",
					"UpdateItem");
			List<TransactWriteItem> items = this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems();
			assertThat(items).hasSize(2);
			assertThat(items).filteredOn((item) -> pk(item).startsWith(PUBLICATION_PREFIX)).hasSize(1);
			assertThat(items).filteredOn((item) -> pk(item).startsWith("Order#")).hasSize(1);

			// sent once, to the target of @Externalized, keyed by its expression evaluated against the event
			assertThat(context.getBean(Broker.class).messages()).containsExactly(new Message(
					RoutingTarget.forTarget("orders").andKey("#{#this.orderId()}"), "o1", new OrderPlaced("o1", "tea")));
			assertThat(context.getBean(Broker.class).attempts()).isOne();

			assertThat(context.getBean(EventPublicationRegistry.class).findIncompletePublications()).isEmpty();
			EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
			assertThat(publications.findIncompletePublications()).isEmpty();
			assertThat(publications.findCompletedPublications()).singleElement().satisfies((publication) -> {
				assertThat(publication.getEvent()).isEqualTo(new OrderPlaced("o1", "tea"));
				assertThat(publication.getStatus()).isEqualTo(Status.COMPLETED);
				assertThat(publication.getCompletionDate()).isPresent();
				assertThat(publication.getCompletionAttempts()).isOne();
				assertThat(publication.getTargetIdentifier().getValue())
					.contains("DelegatingEventExternalizer.externalize");
			});
			assertThat(context.getBean(OrderRepository.class).findById("o1")).contains(new Order("o1", "tea"));
		});
	}

	@Test
	void aTransactionThatFailsStoresAndExternalizesNothing() {
		String table = TestTables.uniqueName("externalized-rollback");
		run(table, DelegatingExternalizer.class, (context) -> {
			this.requests.reset();

			assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(Checkout.class).place("o2", "jam", true))
				.withMessage("order o2 called off");

			// the externalizer runs after a commit only: on a rollback it is not even handed the event, so the
			// broker's emptiness needs no wait
			assertThat(this.requests.count("TransactWriteItems") + this.requests.count("PutItem")).isZero();
			assertThat(context.getBean(Broker.class).attempts()).isZero();
			assertThat(context.getBean(Broker.class).messages()).isEmpty();
			assertThat(publicationStatuses(table)).isEmpty();
			EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
			assertThat(publications.findIncompletePublications()).isEmpty();
			assertThat(publications.findCompletedPublications()).isEmpty();
			assertThat(context.getBean(OrderRepository.class).findById("o2")).isEmpty();
		});
	}

	@Test
	void aPublicationTheBrokerRefusedStaysIncompleteAndIsExternalizedOnceResubmitted() {
		String table = TestTables.uniqueName("externalized-refused");
		run(table, DelegatingExternalizer.class, (context) -> {
			Broker broker = context.getBean(Broker.class);
			broker.failNext(1);

			context.getBean(Checkout.class).place("o3", "rice", false);
			await(() -> publicationStatuses(table).equals(List.of("FAILED")));

			assertThat(broker.attempts()).isOne();
			assertThat(broker.messages()).isEmpty();
			assertThat(context.getBean(OrderRepository.class).findById("o3")).contains(new Order("o3", "rice"));
			EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
			assertThat(publications.findCompletedPublications()).isEmpty();
			assertThat(publications.findIncompletePublications()).singleElement().satisfies((publication) -> {
				assertThat(publication.getEvent()).isEqualTo(new OrderPlaced("o3", "rice"));
				assertThat(publication.getStatus()).isEqualTo(Status.FAILED);
			});

			// the broker is back: resubmitted, the publication is externalized and completed
			context.getBean(IncompleteEventPublications.class).resubmitIncompletePublications((publication) -> true);
			await(() -> publicationStatuses(table).equals(List.of("COMPLETED")));

			assertThat(broker.attempts()).isEqualTo(2);
			assertThat(broker.messages()).extracting(Message::key, Message::payload)
				.containsExactly(tuple("o3", new OrderPlaced("o3", "rice")));
			assertThat(publications.findIncompletePublications()).isEmpty();
			assertThat(publications.findCompletedPublications()).singleElement().satisfies((publication) -> {
				assertThat(publication.getEvent()).isEqualTo(new OrderPlaced("o3", "rice"));
				assertThat(publication.getCompletionAttempts()).isEqualTo(2);
				assertThat(publication.getLastResubmissionDate()).isNotNull();
			});
		});
	}

	@Test
	void theTransportExternalizerOfModulith21WorksTheSame() {
		String table = TestTables.uniqueName("externalized-transport");
		run(table, ModuleListenerExternalizer.class, (context) -> {
			this.requests.reset();
			context.getBean(Broker.class).failNext(1);

			context.getBean(Checkout.class).place("o4", "salt", false);
			await(() -> publicationStatuses(table).equals(List.of("FAILED")));
			assertThat(this.requests.sent(TransactWriteItemsRequest.class)).singleElement()
				.satisfies((request) -> assertThat(request.transactItems()).hasSize(2));

			context.getBean(IncompleteEventPublications.class).resubmitIncompletePublications((publication) -> true);
			await(() -> publicationStatuses(table).equals(List.of("COMPLETED")));

			assertThat(context.getBean(Broker.class).messages()).containsExactly(new Message(
					RoutingTarget.forTarget("orders").andKey("#{#this.orderId()}"), "o4", new OrderPlaced("o4", "salt")));
			assertThat(context.getBean(EventPublicationRepository.class).findCompletedPublications()).singleElement()
				.extracting((publication) -> publication.getTargetIdentifier().getValue())
				.asString()
				.contains("EventExternalizerModuleListener.externalize");
		});
	}

	private void run(String table, Class<?> externalizer, ContextConsumer<AssertableApplicationContext> consumer) {
		this.contextRunner.withUserConfiguration(externalizer)
			.withPropertyValues("singletable.table-name=" + table)
			.run(consumer);
	}

	/**
	 * Returns the status of each publication item on the table, read from the table itself.
	 */
	private static List<String> publicationStatuses(String table) {
		return TestTables.client()
			.scan((scan) -> scan.tableName(table).consistentRead(true))
			.items()
			.stream()
			.filter((item) -> item.get("pk").s().startsWith(PUBLICATION_PREFIX))
			.map((item) -> item.get("status").s())
			.toList();
	}

	/**
	 * Waits for what Modulith's externalizer does asynchronously after a commit or a resubmission.
	 */
	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Not done within " + TIMEOUT);
			}
			Thread.sleep(20);
		}
	}

	private static String pk(TransactWriteItem item) {
		Map<String, AttributeValue> key = (item.put() != null) ? item.put().item() : item.update().key();
		return key.get("pk").s();
	}

}
