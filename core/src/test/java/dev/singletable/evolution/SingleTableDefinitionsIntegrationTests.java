package dev.singletable.evolution;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.IndexDriftException;
import dev.singletable.evolution.DriftFixtures.Memo;
import dev.singletable.evolution.DriftFixtures.Note;
import dev.singletable.evolution.DriftFixtures.Parcel;
import dev.singletable.evolution.DriftFixtures.ParcelChangedKey;
import dev.singletable.evolution.DriftFixtures.ParcelRenamedKey;
import dev.singletable.evolution.DriftFixtures.PlainTicket;
import dev.singletable.evolution.DriftFixtures.SupportTicket;
import dev.singletable.evolution.DriftFixtures.Ticket;
import dev.singletable.evolution.DriftFixtures.TicketByOwner;
import dev.singletable.evolution.DriftFixtures.TicketByOwnerOnly;
import dev.singletable.evolution.DriftFixtures.TicketByState;
import dev.singletable.evolution.DriftFixtures.TicketKeepingFive;
import dev.singletable.evolution.DriftFixtures.TicketUncompressedExpiring;
import dev.singletable.evolution.DriftFixtures.TicketWithAttachment;
import dev.singletable.evolution.DriftFixtures.TicketWithAssignee;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Drift detection on DynamoDB Local: each test "restarts" the application with a new definition of one stored type
 * by building a template on a new mapping context, and checks what {@link SingleTableDefinitions} records, reports
 * and refuses.
 */
class SingleTableDefinitionsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	/** An application started with the given entity types: a template on its own mapping context. */
	private static SingleTableTemplate application(Class<?>... types) {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		for (Class<?> type : types) {
			template.getConverter().getMappingContext().getRequiredPersistentEntity(type);
		}
		return template;
	}

	/** The first version of the application: tickets indexed by status, some stored. */
	private static SingleTableTemplate firstVersionWithTickets() {
		SingleTableTemplate first = application(Ticket.class);
		assertThat(new SingleTableDefinitions(first).check().recorded()).containsExactly(Ticket.class);
		first.create(Ticket.of("ann", "open"));
		first.create(Ticket.of("bob", "open"));
		return first;
	}

	private static SingleTableDefinitions guarded(SingleTableTemplate template) {
		SingleTableDefinitions definitions = new SingleTableDefinitions(template);
		template.setIndexDriftGuard(definitions);
		return definitions;
	}

	private static BackfillResult completed(String operation, Class<?> type) {
		return new BackfillResult("run-1", operation, type, 2, 2, 0, 0, 1.0, 4, Duration.ofMillis(20));
	}

	private static Map<String, AttributeValue> record(String prefix) {
		return dynamo.storedItem("_INTERNAL#Definitions", prefix);
	}

	@Test
	void aNewTableRecordsEveryTypeWithNoWorkAndInvisiblyToTypeListings() {
		SingleTableTemplate template = application(Ticket.class, Parcel.class);
		DriftReport report = guarded(template).check();

		assertThat(report.recorded()).containsExactlyInAnyOrder(Ticket.class, Parcel.class);
		assertThat(report.drifts()).isEmpty();
		assertThat(report.baselines()).isEmpty();
		Map<String, AttributeValue> recorded = record("Ticket");
		assertThat(recorded.get("java_type").s()).isEqualTo(Ticket.class.getName());
		assertThat(recorded.get("versioned").bool()).isTrue();
		assertThat(recorded.get("compressed").bool()).isTrue();
		assertThat(recorded.get("indexes").m()).containsOnlyKeys("gsitype", "gsi1");
		assertThat(recorded.get("indexes").m().get("gsi1").m().get("partition").s()).isEqualTo("status#{status}");
		assertThat(recorded).doesNotContainKeys("gsitype", "gsitypesk", "gsi1pk", "gsi2pk", "gsi3pk", "gsi3sk");
		assertThat(record("Parcel").get("indexes").m().get("gsi2").m()).containsKeys("computed", "method");

		Ticket ticket = template.create(Ticket.of("ann", "open"));
		assertThat(template.query(Ticket.class).all()).containsExactly(ticket);
		DriftReport again = new SingleTableDefinitions(template).check();
		assertThat(again.recorded()).isEmpty();
		assertThat(again.drifts()).isEmpty();
	}

	@Test
	void aTypeKeepingAttributesItDoesNotMapRecordsItsOwnFieldsOnly() {
		SingleTableTemplate template = application(Incident.class);
		template.create(new Incident(null, "core", "Disk full", new java.util.LinkedHashMap<>()));

		DriftReport report = guarded(template).check();

		assertThat(report.baselines()).containsExactly(Incident.class);
		assertThat(record("Incident").get("fields").l()).extracting(AttributeValue::s)
			.containsExactly("resource_id", "team", "title");
		assertThat(guarded(application(Incident.class)).check().hasDrift()).isFalse();
	}

	@dev.singletable.core.mapping.SingleTableEntity
	record Incident(@org.springframework.data.annotation.Id String id, String team, String title,
			@dev.singletable.core.mapping.UnmappedAttributes java.util.Map<String, Object> other) {
	}

	@Test
	void aTypeWithItemsButNoRecordIsRecordedAsItIs() {
		SingleTableTemplate template = application(Ticket.class);
		template.create(Ticket.of("ann", "open"));

		DriftReport report = new SingleTableDefinitions(template).check();

		assertThat(report.baselines()).containsExactly(Ticket.class);
		assertThat(report.recorded()).isEmpty();
		assertThat(report.hasDrift()).isFalse();
		assertThat(record("Ticket")).containsKey("indexes");
	}

	@Test
	void anIndexAddedWhileItemsAreStoredIsDriftOfThatIndexAndItsQueriesAreRefused() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketByOwner.class);
		TicketByOwner later = second.create(TicketByOwner.of("ann", "open"));

		DriftReport report = guarded(second).check();

		assertThat(report.hasDrift()).isTrue();
		assertThat(report.drifts()).singleElement().satisfies((drift) -> {
			assertThat(drift.type()).isEqualTo(TicketByOwner.class);
			assertThat(drift.subject()).isEqualTo("gsi2");
			assertThat(drift.kind()).isEqualTo(TypeDrift.Kind.INDEX);
			assertThat(drift.change()).contains("added").contains("gsi2pk = 'owner#{owner}'");
			assertThat(drift.fix()).contains("SingleTableMigration.version(\"N\")")
				.contains(".reindex(TicketByOwner.class)")
				.contains("backfills.reindex(TicketByOwner.class)");
		});
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all())
			.satisfies((ex) -> {
				assertThat(ex.getIndex()).isEqualTo("gsi2");
				assertThat(ex.getType()).isEqualTo(TicketByOwner.class);
				assertThat(ex.getMessage()).contains("Index 'gsi2' of " + TicketByOwner.class.getName())
					.contains("reindex(TicketByOwner.class)");
			});
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(TicketByOwner.class).index("gsi2").partition("owner#ann").count());
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(TicketByOwner.class).index("gsi2").partition("owner#ann").page());
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(TicketByOwner.class).index("gsi2").partition("owner#ann").stream());
		assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> second.query(TicketByOwner.class)
			.index("gsi2")
			.partitionIn(List.of("owner#ann", "owner#bob"))
			.all());
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.queryAny(TicketByOwner.class).index("gsi2").partition("owner#ann").first());
		// the indexes that did not change, the type listing and reads by id still answer
		assertThat(second.query(TicketByOwner.class).index("gsi1").partition("status#open").count()).isEqualTo(3);
		assertThat(second.query(TicketByOwner.class).count()).isEqualTo(3);
		assertThat(second.findById(TicketByOwner.class, later.id())).contains(later);
	}

	@Test
	void aTemplateSetToWarnAnswersTheQueryOfADriftedIndex() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketByOwner.class);
		TicketByOwner later = second.create(TicketByOwner.of("ann", "open"));
		guarded(second).check();
		second.setIndexDriftAction(IndexDriftAction.WARN);

		// only what was written after the change is indexed: the answer the refusal protects from
		assertThat(second.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all()).containsExactly(later);
	}

	@Test
	void aCompleteReindexRecordsTheIndexesAndTheQueriesAnswerAgain() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketByOwner.class);
		SingleTableDefinitions definitions = guarded(second);
		definitions.check();

		definitions.completed(completed("reindex", TicketByOwner.class));

		assertThat(second.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all()).isEmpty();
		assertThat(definitions.getReport().drifts()).isEmpty();
		assertThat(record("Ticket").get("indexes").m()).containsKey("gsi2");
		assertThat(new SingleTableDefinitions(application(TicketByOwner.class)).check().drifts()).isEmpty();
	}

	@Test
	void aStandaloneBackfillRecordsWhatItCompletedSoTheNextStartReportsNoDrift() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketByOwner.class);
		assertThat(new SingleTableDefinitions(second).check().refusing()).extracting(TypeDrift::subject)
			.containsExactly("gsi2");
		SingleTableBackfills backfills = new SingleTableBackfills(second);

		// a forEach records the stored fields only: the items it left as they were still miss gsi2
		backfills.forEach(TicketByOwner.class, (ticket) -> ticket, BackfillOptions.defaults());
		assertThat(new SingleTableDefinitions(application(TicketByOwner.class)).check().refusing())
			.extracting(TypeDrift::subject)
			.containsExactly("gsi2");

		backfills.reindex(TicketByOwner.class);

		assertThat(record("Ticket").get("indexes").m()).containsKey("gsi2");
		SingleTableTemplate third = application(TicketByOwner.class);
		assertThat(new SingleTableDefinitions(third).check().drifts()).isEmpty();
		assertThat(third.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all()).hasSize(1);
	}

	@Test
	void aRefusedQueryReadsTheRecordAgainAtMostOncePerIntervalAndSeesAnotherInstancesBackfill() throws Exception {
		firstVersionWithTickets();
		SingleTableTemplate first = application(TicketByOwner.class);
		SingleTableDefinitions firstDefinitions = guarded(first);
		firstDefinitions.setRefreshInterval(Duration.ofMillis(1500));
		firstDefinitions.check();
		SingleTableDefinitions otherInstance = guarded(application(TicketByOwner.class));
		otherInstance.check();
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> first.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all());

		otherInstance.completed(completed("reindex", TicketByOwner.class));
		dynamo.requests().reset();

		// within the interval: refused from memory, no request at all
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> first.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all());
		assertThat(dynamo.requests().total()).isZero();
		Thread.sleep(1600);
		assertThat(first.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all()).isEmpty();
		assertThat(dynamo.requests().count("GetItem")).isEqualTo(1);
		assertThat(firstDefinitions.getReport().drifts()).isEmpty();
	}

	@Test
	void aRecordThatCannotBeReadAgainKeepsTheRefusalInsteadOfFailingTheQueryWithTheReadsError() {
		firstVersionWithTickets();
		SingleTableTemplate first = application(TicketByOwner.class);
		SingleTableDefinitions definitions = guarded(first);
		definitions.setRefreshInterval(Duration.ZERO);
		definitions.check();
		guarded(application(TicketByOwner.class)).completed(completed("reindex", TicketByOwner.class));
		dynamo.faults().failNext("GetItem", 10, FaultInjector::serverError);

		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> first.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all());
		assertThat(dynamo.faults().injected("GetItem")).isPositive();

		dynamo.faults().clear();
		assertThat(first.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all()).isEmpty();
	}

	@Test
	void withoutDriftAQueryCostsNoRequestBesidesItsOwn() {
		SingleTableTemplate template = application(Ticket.class);
		guarded(template).check();
		template.create(Ticket.of("ann", "open"));
		dynamo.requests().reset();

		assertThat(template.query(Ticket.class).index("gsi1").partition("status#open").all()).hasSize(1);
		assertThat(dynamo.requests().operations()).containsExactly("Query");
	}

	@Test
	void aChangedKeyTemplateIsDriftOfItsIndex() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketByState.class);

		DriftReport report = guarded(second).check();

		assertThat(report.refusing()).singleElement().satisfies((drift) -> {
			assertThat(drift.subject()).isEqualTo("gsi1");
			assertThat(drift.change()).contains("'status#{status}'").contains("'state#{status}'");
		});
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> second.query(TicketByState.class).index("gsi1").partition("state#open").all());
	}

	@Test
	void anIndexAddedWithoutItemsIsRecordedSilently() {
		assertThat(new SingleTableDefinitions(application(Ticket.class)).check().recorded())
			.containsExactly(Ticket.class);
		SingleTableTemplate second = application(TicketByOwner.class);

		DriftReport report = guarded(second).check();

		assertThat(report.drifts()).isEmpty();
		assertThat(record("Ticket").get("indexes").m()).containsKey("gsi2");
		assertThat(record("Ticket").get("java_type").s()).isEqualTo(TicketByOwner.class.getName());
		assertThat(second.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all()).isEmpty();
	}

	@Test
	void aRemovedIndexIsRecordedSilentlyWhileTheDriftedOneKeepsItsRecordedState() {
		firstVersionWithTickets();

		DriftReport report = new SingleTableDefinitions(application(TicketByOwnerOnly.class)).check();

		assertThat(report.drifts()).extracting(TypeDrift::subject).containsExactly("gsi2");
		assertThat(record("Ticket").get("indexes").m()).containsOnlyKeys("gsitype");
		assertThat(record("Ticket").get("java_type").s()).isEqualTo(TicketByOwnerOnly.class.getName());
		assertThat(new SingleTableDefinitions(application(TicketByOwnerOnly.class)).check().drifts())
			.extracting(TypeDrift::subject)
			.containsExactly("gsi2");
	}

	@Test
	void moreVersionsKeptAndAnotherCompressionLevelAreNoDrift() {
		firstVersionWithTickets();

		DriftReport report = new SingleTableDefinitions(application(TicketKeepingFive.class)).check();

		assertThat(report.drifts()).isEmpty();
		assertThat(record("Ticket").get("max_versions").n()).isEqualTo("5");
		assertThat(record("Ticket").get("compression_level").n()).isEqualTo("6");
	}

	@Test
	void aRenamedComputedKeyMethodWithTheSameLogicIsNoDriftButChangedLogicIs() {
		SingleTableTemplate first = application(Parcel.class);
		new SingleTableDefinitions(first).check();
		first.create(new Parcel(null, null, "ups", 12));
		String fingerprint = record("Parcel").get("indexes").m().get("gsi2").m().get("computed").s();

		assertThat(new SingleTableDefinitions(application(ParcelRenamedKey.class)).check().drifts()).isEmpty();
		assertThat(record("Parcel").get("indexes").m().get("gsi2").m().get("method").s()).isEqualTo("carrierKey");
		assertThat(record("Parcel").get("indexes").m().get("gsi2").m().get("computed").s()).isEqualTo(fingerprint);

		SingleTableTemplate changed = application(ParcelChangedKey.class);
		DriftReport report = guarded(changed).check();
		assertThat(report.refusing()).singleElement().satisfies((drift) -> {
			assertThat(drift.subject()).isEqualTo("gsi2");
			assertThat(drift.change()).contains("logic of its computed key byCarrier()");
		});
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> changed.query(ParcelChangedKey.class).index("gsi2").partition("carrier#ups#true").all());
	}

	@Test
	void aRenamedPrefixIsDriftOfTheTypeUntilItsItemsAreMoved() {
		firstVersionWithTickets();
		// the earlier version of the application recorded this very class under the former prefix
		dynamo.rawClient()
			.updateItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("_INTERNAL#Definitions"), "sk", AttributeValue.fromS("Ticket")))
				.updateExpression("SET java_type = :t")
				.expressionAttributeValues(Map.of(":t", AttributeValue.fromS(SupportTicket.class.getName()))));
		SingleTableTemplate renamed = application(SupportTicket.class);
		SingleTableDefinitions definitions = guarded(renamed);

		DriftReport report = definitions.check();

		assertThat(report.refusing()).singleElement().satisfies((drift) -> {
			assertThat(drift.kind()).isEqualTo(TypeDrift.Kind.TYPE);
			assertThat(drift.subject()).isEqualTo("prefix");
			assertThat(drift.change()).contains("from 'Ticket' to 'SupportTicket'");
			assertThat(drift.fix()).contains(".move(SupportTicket.class, \"Ticket\")");
		});
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> renamed.query(SupportTicket.class).all())
			.satisfies((ex) -> assertThat(ex.getIndex()).isNull())
			.withMessageContaining("Every index of " + SupportTicket.class.getName());
		assertThatExceptionOfType(IndexDriftException.class)
			.isThrownBy(() -> renamed.query(SupportTicket.class).index("gsi1").partition("status#open").all());
		assertThat(dynamo.storedItem("_INTERNAL#Definitions", "SupportTicket")).isEmpty();

		definitions.completed(completed("move", SupportTicket.class));

		assertThat(renamed.query(SupportTicket.class).all()).isEmpty();
		assertThat(record("Ticket")).isEmpty();
		assertThat(record("SupportTicket").get("java_type").s()).isEqualTo(SupportTicket.class.getName());
	}

	@Test
	void aClassRenamedWithItsDefaultPrefixIsDriftOfTheTypeUnlessAcceptedAsAnotherType() {
		SingleTableTemplate first = application(Memo.class);
		new SingleTableDefinitions(first).check();
		first.create(new Memo(null, null, "remember"));
		SingleTableTemplate renamed = application(Note.class, Parcel.class);
		SingleTableDefinitions definitions = guarded(renamed);

		DriftReport report = definitions.check();

		assertThat(report.recorded()).containsExactly(Parcel.class);
		assertThat(report.refusing()).singleElement().satisfies((drift) -> {
			assertThat(drift.type()).isEqualTo(Note.class);
			assertThat(drift.subject()).isEqualTo("prefix");
			assertThat(drift.change()).contains("from 'Memo' to 'Note'")
				.contains("recorded for " + Memo.class.getName())
				.contains("appears renamed");
			assertThat(drift.fix()).contains(".move(Note.class, \"Memo\")")
				.contains("SingleTableDefinitions.record(Note.class)");
		});
		assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> renamed.query(Note.class).all());

		definitions.record(Note.class);

		assertThat(renamed.query(Note.class).all()).isEmpty();
		assertThat(record("Memo")).isNotEmpty();
		assertThat(new SingleTableDefinitions(application(Note.class)).check().drifts()).isEmpty();
	}

	@Test
	void aRenamedPrefixWithoutItemsIsRecordedSilently() {
		new SingleTableDefinitions(application(Ticket.class)).check();
		dynamo.rawClient()
			.updateItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("_INTERNAL#Definitions"), "sk", AttributeValue.fromS("Ticket")))
				.updateExpression("SET java_type = :t")
				.expressionAttributeValues(Map.of(":t", AttributeValue.fromS(SupportTicket.class.getName()))));

		DriftReport report = new SingleTableDefinitions(application(SupportTicket.class)).check();

		assertThat(report.drifts()).isEmpty();
		assertThat(report.recorded()).containsExactly(SupportTicket.class);
		assertThat(record("Ticket")).isEmpty();
		assertThat(record("SupportTicket")).isNotEmpty();
	}

	@Test
	void compressionAndTtlChangesAreReportedWithoutRefusingQueriesUntilTheirBackfills() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketUncompressedExpiring.class);
		SingleTableDefinitions definitions = guarded(second);

		DriftReport report = definitions.check();

		assertThat(report.hasDrift()).isTrue();
		assertThat(report.refusing()).isEmpty();
		assertThat(report.drifts()).extracting(TypeDrift::subject).containsExactlyInAnyOrder("compression", "ttl");
		assertThat(report.drifts()).allSatisfy((drift) -> assertThat(drift.kind()).isEqualTo(TypeDrift.Kind.STORAGE));
		assertThat(report.drifts()).filteredOn((drift) -> drift.subject().equals("compression"))
			.singleElement()
			.satisfies((drift) -> assertThat(drift.fix()).contains(".recompress(TicketUncompressedExpiring.class)"));
		assertThat(report.drifts()).filteredOn((drift) -> drift.subject().equals("ttl"))
			.singleElement()
			.satisfies((drift) -> assertThat(drift.change()).contains("from none to 'ttl'"));
		assertThat(second.query(TicketUncompressedExpiring.class).index("gsi1").partition("status#open").count())
			.isEqualTo(2);

		definitions.completed(completed("recompress", TicketUncompressedExpiring.class));
		assertThat(definitions.getReport().drifts()).extracting(TypeDrift::subject).containsExactly("ttl");
		definitions.completed(completed("reindex", TicketUncompressedExpiring.class));
		assertThat(definitions.getReport().drifts()).isEmpty();
		assertThat(new SingleTableDefinitions(application(TicketUncompressedExpiring.class)).check().drifts())
			.isEmpty();
	}

	@Test
	void aTypeNowStoredPlainIsDriftOfTheTypeWhoseQueriesAreRefused() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(PlainTicket.class);

		DriftReport report = guarded(second).check();

		assertThat(report.refusing()).singleElement().satisfies((drift) -> {
			assertThat(drift.kind()).isEqualTo(TypeDrift.Kind.TYPE);
			assertThat(drift.subject()).isEqualTo("layout");
			assertThat(drift.change()).contains("now plain").contains("stored versioned");
			assertThat(drift.fix()).contains("versioned = true").contains("deleteAll(PlainTicket.class)");
		});
		assertThatExceptionOfType(IndexDriftException.class).isThrownBy(() -> second.query(PlainTicket.class).all());
	}

	@Test
	void blobAndFilterMetadataChangesAreReportedWithTheirBackfills() {
		firstVersionWithTickets();

		DriftReport report = new SingleTableDefinitions(application(TicketWithAttachment.class)).check();

		assertThat(report.refusing()).isEmpty();
		assertThat(report.drifts()).filteredOn((drift) -> drift.subject().equals("blobs"))
			.singleElement()
			.satisfies((drift) -> {
				assertThat(drift.kind()).isEqualTo(TypeDrift.Kind.STORAGE);
				assertThat(drift.change()).contains("from [] to [attachment]");
				assertThat(drift.fix()).contains("when the application next saves it")
					.contains("TicketWithAttachment")
					.doesNotContain("(resource) -> resource");
			});
		assertThat(report.drifts()).filteredOn((drift) -> drift.subject().equals("filter-metadata"))
			.singleElement()
			.satisfies((drift) -> {
				assertThat(drift.change()).contains("to [status]");
				assertThat(drift.fix()).contains(".reindex(TicketWithAttachment.class)");
			});
	}

	@Test
	void aRenamedFieldIsInformationUntilAForEachRewritesTheItems() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketWithAssignee.class);
		SingleTableDefinitions definitions = guarded(second);

		DriftReport report = definitions.check();

		assertThat(report.hasDrift()).isFalse();
		assertThat(report.drifts()).singleElement().satisfies((drift) -> {
			assertThat(drift.kind()).isEqualTo(TypeDrift.Kind.INFORMATION);
			assertThat(drift.subject()).isEqualTo("fields");
			assertThat(drift.change()).contains("[owner]").contains("[assignee]");
			assertThat(drift.fix()).contains("forEach(TicketWithAssignee.class");
		});
		assertThat(second.query(TicketWithAssignee.class).count()).isEqualTo(2);

		definitions.completed(completed("forEach", TicketWithAssignee.class));
		assertThat(definitions.getReport().drifts()).isEmpty();
	}

	@Test
	void aDeleteAllRecordsTheCurrentDefinitions() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketByState.class);
		SingleTableDefinitions definitions = guarded(second);
		definitions.check();

		definitions.completed(completed("deleteAll", TicketByState.class));

		assertThat(definitions.getReport().drifts()).isEmpty();
		assertThat(record("Ticket").get("indexes").m().get("gsi1").m().get("partition").s())
			.isEqualTo("state#{status}");
	}

	@Test
	void recordAcceptsTheCurrentDefinitions() {
		firstVersionWithTickets();
		SingleTableTemplate second = application(TicketByOwner.class);
		SingleTableDefinitions definitions = guarded(second);
		definitions.check();

		definitions.record(TicketByOwner.class);

		assertThat(second.query(TicketByOwner.class).index("gsi2").partition("owner#ann").all()).isEmpty();
		assertThat(new SingleTableDefinitions(application(TicketByOwner.class)).check().drifts()).isEmpty();
	}

	@Test
	void theRecordTimeIsKept() {
		new SingleTableDefinitions(application(Ticket.class)).check();

		assertThat(Instant.parse(record("Ticket").get("recorded_at").s())).isBefore(Instant.now().plusSeconds(1));
	}

}
