package dev.singletable.autoconfigure.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.modulith.events.EventPublication;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.config.EventPublicationAutoConfiguration;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventPublicationRepository.FailedCriteria;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.events.outbox.OutboxApplication;
import dev.singletable.autoconfigure.events.outbox.OutboxApplication.Dispatcher;
import dev.singletable.autoconfigure.events.outbox.OutboxApplication.Notifier;
import dev.singletable.autoconfigure.events.outbox.Shipment;
import dev.singletable.autoconfigure.events.outbox.ShipmentDispatched;
import dev.singletable.autoconfigure.events.outbox.ShipmentRepository;
import dev.singletable.autoconfigure.transaction.SingleTableTransactionManagerAutoConfiguration;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.events.SingleTableEventPublicationRepository;
import dev.singletable.test.FaultInjector;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The outbox on DynamoDB Local (issue 34, item 1): Spring Modulith's registry stores an event's publication with the
 * writes of the transaction that published it, in one {@code TransactWriteItems}; a rolled back transaction stores
 * and delivers nothing; a publication is completed once its listener succeeds (as each completion mode says) and
 * resubmitted after a restart when its listener failed or the process stopped before completing it.
 */
class SingleTableEventPublicationIntegrationTests {

	private static final String TABLE = TestTables.uniqueName("outbox");

	private static final String PUBLICATION_PREFIX = "_INTERNAL#EventPublication#";

	private final RequestCounter requests = new RequestCounter();

	private final FaultInjector faults = new FaultInjector();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class,
				SingleTableEventPublicationAutoConfiguration.class, EventPublicationAutoConfiguration.class))
		.withUserConfiguration(OutboxApplication.class)
		.withBean(SingleTableDynamoDbClientBuilderCustomizer.class,
				() -> (builder) -> builder.overrideConfiguration(
						(config) -> config.addExecutionInterceptor(this.requests).addExecutionInterceptor(this.faults)))
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
				"singletable.table-name=" + TABLE);

	@BeforeEach
	void reset() {
		this.requests.reset();
		this.faults.clear();
	}

	@Test
	void theRepositoryOnTheTableIsTheRegistrysAndBacksOffWhenSwitchedOff() {
		this.contextRunner.run((context) -> assertThat(context).getBean(EventPublicationRepository.class)
			.isInstanceOf(SingleTableEventPublicationRepository.class));
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
					SingleTableEventPublicationAutoConfiguration.class))
			.withPropertyValues(TestTables.endpointProperty(), "singletable.table-name=" + TABLE,
					"singletable.events.publication-registry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SingleTableEventPublicationRepository.class));
	}

	@Test
	void aCommittedTransactionStoresThePublicationWithItsWritesInOneRequestAndCompletesItOnceDelivered() {
		this.contextRunner.run((context) -> {
			Dispatcher dispatcher = context.getBean(Dispatcher.class);
			EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
			this.requests.reset();

			dispatcher.dispatch("s1", "Lyon", false);

			// the entity's create (v1, v0) and the publication: one TransactWriteItems, before anything else
			assertThat(this.requests.operations().get(0)).isEqualTo("TransactWriteItems");
			assertThat(this.requests.count("TransactWriteItems")).isEqualTo(1);
			assertThat(this.requests.count("PutItem")).isZero();
			List<TransactWriteItem> items = this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems();
			assertThat(items).hasSize(3);
			assertThat(items).filteredOn((item) -> pk(item).startsWith(PUBLICATION_PREFIX)).hasSize(1);
			assertThat(items).filteredOn((item) -> pk(item).startsWith("Shipment#")).hasSize(2);

			assertThat(context.getBean(Notifier.class).received()).containsExactly(new ShipmentDispatched("s1", "Lyon"));
			assertThat(publications.findIncompletePublications()).isEmpty();
			List<TargetEventPublication> completed = publications.findCompletedPublications();
			assertThat(completed).singleElement().satisfies((publication) -> {
				assertThat(publication.getEvent()).isEqualTo(new ShipmentDispatched("s1", "Lyon"));
				assertThat(publication.getStatus()).isEqualTo(Status.COMPLETED);
				assertThat(publication.getCompletionDate()).isPresent();
				assertThat(publication.getTargetIdentifier().getValue()).contains("Notifier");
			});
			publications.deleteCompletedPublications();
			assertThat(publications.findCompletedPublications()).isEmpty();
		});
	}

	@Test
	void theShardsPropertySpreadsEachStatusOverKeysOfTheTypeIndexAndAValueOutOfRangeIsNamed() {
		this.contextRunner.withPropertyValues("singletable.events.publication-registry.shards=4").run((context) -> {
			EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
			this.requests.reset();

			context.getBean(Dispatcher.class).dispatch("s-spread", "Nantes", false);

			List<TransactWriteItem> items = this.requests.sent(TransactWriteItemsRequest.class).get(0).transactItems();
			assertThat(items).filteredOn((item) -> pk(item).startsWith(PUBLICATION_PREFIX))
				.singleElement()
				.satisfies((item) -> assertThat(item.put().item().get("gsitype").s())
					.matches(PUBLICATION_PREFIX + "PUBLISHED#[0-3]"));
			assertThat(publications.findCompletedPublications()).extracting(TargetEventPublication::getEvent)
				.contains(new ShipmentDispatched("s-spread", "Nantes"));
			publications.deleteCompletedPublications();
		});
		this.contextRunner.withPropertyValues("singletable.events.publication-registry.shards=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("singletable.events.publication-registry.shards is '0'")
				.hasMessageContaining("from 1"));
	}

	@Test
	void anEventPublishedOutsideATransactionIsStoredIncompleteItsTransactionalListenerDoesNotRunAndItIsWarnedOnce() {
		Logger logger = (Logger) LoggerFactory.getLogger(SingleTableEventPublicationRepository.class);
		ListAppender<ILoggingEvent> warnings = new ListAppender<>();
		warnings.start();
		logger.addAppender(warnings);
		try {
			// a table of its own: the publications stay incomplete
			this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("outbox-outside"))
				.run((context) -> {
					EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
					int before = publications.findIncompletePublications().size();

					context.publishEvent(new ShipmentDispatched("s-out-1", "Nice"));
					context.publishEvent(new ShipmentDispatched("s-out-2", "Nice"));

					// Modulith's semantics with any store: a @TransactionalEventListener runs only after a commit
					assertThat(context.getBean(Notifier.class).received()).isEmpty();
					assertThat(publications.findIncompletePublications()).hasSize(before + 2);
				});
		}
		finally {
			logger.detachAppender(warnings);
		}
		assertThat(warnings.list).as("warned once per event type and listener")
			.singleElement()
			.satisfies((event) -> {
				assertThat(event.getLevel()).isEqualTo(Level.WARN);
				assertThat(event.getFormattedMessage())
					.contains("Event ShipmentDispatched was published outside any transaction", "Notifier.on",
							"Publish the event inside a @Transactional method");
			});
	}

	@Test
	void aTransactionThatFailsStoresAndDeliversNothing() {
		this.contextRunner.run((context) -> {
			this.requests.reset();
			assertThatIllegalStateException()
				.isThrownBy(() -> context.getBean(Dispatcher.class).dispatch("s2", "Oslo", true))
				.withMessage("dispatch of s2 called off");

			assertThat(this.requests.count("TransactWriteItems") + this.requests.count("PutItem")).isZero();
			assertThat(context.getBean(Notifier.class).received()).isEmpty();
			EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
			assertThat(publications.findIncompletePublications()).isEmpty();
			assertThat(publications.findCompletedPublications()).isEmpty();
			assertThat(context.getBean(ShipmentRepository.class).findById("s2")).isEmpty();
		});
	}

	@Test
	void aPublicationWhoseListenerFailedIsResubmittedAfterARestartAndCompleted() {
		String table = TestTables.uniqueName("outbox-restart");
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues("singletable.table-name=" + table);
		runner.run((context) -> {
			context.getBean(Notifier.class).failNext(1);
			context.getBean(Dispatcher.class).dispatch("s3", "Porto", false);

			assertThat(context.getBean(Notifier.class).received()).hasSize(1);
			List<TargetEventPublication> incomplete = context.getBean(EventPublicationRepository.class)
				.findIncompletePublications();
			assertThat(incomplete).singleElement()
				.satisfies((publication) -> assertThat(publication.getStatus()).isEqualTo(Status.FAILED));
		});
		runner.withPropertyValues("spring.modulith.events.republish-outstanding-events-on-restart=true")
			.run((context) -> {
				assertThat(context.getBean(Notifier.class).received())
					.containsExactly(new ShipmentDispatched("s3", "Porto"));
				EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
				assertThat(publications.findIncompletePublications()).isEmpty();
				assertThat(publications.findCompletedPublications()).singleElement()
					.satisfies((publication) -> assertThat(publication.getCompletionAttempts()).isEqualTo(2));
			});
	}

	@Test
	void aPublicationDeliveredButNotCompletedBeforeTheProcessStoppedIsDeliveredAgainAfterARestart() {
		String table = TestTables.uniqueName("outbox-stop");
		ApplicationContextRunner runner = this.contextRunner.withPropertyValues("singletable.table-name=" + table);
		runner.run((context) -> {
			// the process stops between the listener's success and the completion's write: that write never lands
			context.getBean(Notifier.class)
				.onSuccess(() -> this.faults.failNext("UpdateItem", 50, FaultInjector::serverError));
			context.getBean(Dispatcher.class).dispatch("s4", "Riga", false);
			assertThat(context.getBean(Notifier.class).received()).hasSize(1);
			assertThat(context.getBean(EventPublicationRepository.class).findIncompletePublications()).hasSize(1);
		});
		this.faults.clear();
		runner.withPropertyValues("spring.modulith.events.republish-outstanding-events-on-restart=true")
			.run((context) -> {
				assertThat(context.getBean(Notifier.class).received())
					.containsExactly(new ShipmentDispatched("s4", "Riga"));
				assertThat(context.getBean(EventPublicationRepository.class).findIncompletePublications()).isEmpty();
			});
	}

	@Test
	void theDeleteCompletionModeDeletesAndTheArchiveModeKeepsCompletedPublicationsApart() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("outbox-delete"),
					"spring.modulith.events.completion-mode=delete")
			.run((context) -> {
				context.getBean(Dispatcher.class).dispatch("s5", "Bern", false);
				EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
				assertThat(context.getBean(Notifier.class).received()).hasSize(1);
				assertThat(publications.findIncompletePublications()).isEmpty();
				assertThat(publications.findCompletedPublications()).isEmpty();
				assertThat(publications.countByStatus(Status.COMPLETED)).isZero();
			});
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("outbox-archive"),
					"spring.modulith.events.completion-mode=archive")
			.run((context) -> {
				context.getBean(Dispatcher.class).dispatch("s6", "Gent", false);
				EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
				assertThat(publications.findIncompletePublications()).isEmpty();
				assertThat(publications.findCompletedPublications()).extracting(EventPublication::getEvent)
					.containsExactly(new ShipmentDispatched("s6", "Gent"));
				assertThat(publications.countByStatus(Status.COMPLETED)).isOne();
			});
	}

	@Test
	void aTransactionPastOneHundredItemsNamesTheEventPublication() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("outbox-limit"))
			.run((context) -> {
				this.requests.reset();
				assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
					.isThrownBy(() -> context.getBean(Dispatcher.class).pack(100))
					.withMessageContaining("at most 100 items")
					.withMessageContaining("event publication of ShipmentDispatched");
				assertThat(this.requests.count("TransactWriteItems") + this.requests.count("PutItem")
						+ this.requests.count("BatchWriteItem")).isZero();
				assertThat(context.getBean(Notifier.class).received()).isEmpty();
			});
	}

	@Test
	void publicationsAreNoResourcesOfTheTable() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("outbox-hidden"))
			.run((context) -> {
				context.getBean(Notifier.class).failNext(1);
				context.getBean(Dispatcher.class).dispatch("s7", "Turku", false);
				SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
				assertThat(template.query(Shipment.class).all()).extracting(Shipment::id).containsExactly("s7");
				assertThat(context.getBean(EventPublicationRepository.class).findIncompletePublications()).hasSize(1);
			});
	}

	@Test
	void stalePublicationsAreMarkedFailedAndAFailedOneIsClaimedForResubmissionOnce() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("outbox-stale"))
			.run((context) -> {
				EventPublicationRepository publications = context.getBean(EventPublicationRepository.class);
				PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("audit");
				Instant published = Instant.now().minusSeconds(60);
				TargetEventPublication old = publications
					.create(TargetEventPublication.of(new ShipmentDispatched("s8", "Kiel"), listener, published));
				publications.create(TargetEventPublication.of(new ShipmentDispatched("s9", "Bonn"), listener));
				assertThat(publications.countByStatus(Status.PUBLISHED)).isEqualTo(2);

				// published for more than 10 s: stale
				context.getBean(EventPublicationRegistry.class)
					.markStalePublicationsFailed((status) -> Duration.ofSeconds(10));

				assertThat(publications.findByStatus(Status.FAILED)).extracting(TargetEventPublication::getIdentifier)
					.containsExactly(old.getIdentifier());
				assertThat(publications.findFailedPublications(FailedCriteria.ALL.withItemsToRead(1)))
					.extracting(TargetEventPublication::getEvent)
					.containsExactly(new ShipmentDispatched("s8", "Kiel"));
				assertThat(publications.findIncompletePublicationsPublishedBefore(Instant.now().minusSeconds(30)))
					.extracting(TargetEventPublication::getIdentifier)
					.containsExactly(old.getIdentifier());
				assertThat(publications.findIncompletePublicationsByEventAndTargetIdentifier(
						new ShipmentDispatched("s9", "Bonn"), listener))
					.hasValueSatisfying((found) -> assertThat(found.getStatus()).isEqualTo(Status.PUBLISHED));

				// two instances resubmitting: one claims it
				assertThat(publications.markResubmitted(old.getIdentifier(), Instant.now())).isTrue();
				assertThat(publications.markResubmitted(old.getIdentifier(), Instant.now())).isFalse();
				assertThat(publications.findByStatus(Status.RESUBMITTED)).singleElement().satisfies((resubmitted) -> {
					assertThat(resubmitted.getCompletionAttempts()).isEqualTo(2);
					assertThat(resubmitted.getLastResubmissionDate()).isNotNull();
				});

				// completion by event and listener, as after a restart
				publications.markCompleted(new ShipmentDispatched("s9", "Bonn"), listener, Instant.now());
				assertThat(publications.countByStatus(Status.COMPLETED)).isOne();
				publications.deleteCompletedPublicationsBefore(Instant.now().plusSeconds(1));
				assertThat(publications.countByStatus(Status.COMPLETED)).isZero();
				publications.deletePublications(List.of(old.getIdentifier()));
				assertThat(publications.findIncompletePublications()).isEmpty();
			});
	}

	private static String pk(TransactWriteItem item) {
		Map<String, AttributeValue> key = (item.put() != null) ? item.put().item() : item.update().key();
		return key.get("pk").s();
	}

}
