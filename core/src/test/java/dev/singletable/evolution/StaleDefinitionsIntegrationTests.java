package dev.singletable.evolution;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.StaleDefinitions;
import dev.singletable.core.schema.StaleDefinitionsException;
import dev.singletable.evolution.DriftFixtures.Ticket;
import dev.singletable.evolution.DriftFixtures.TicketByOwner;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fleet skew with two template stacks on one DynamoDB Local table, without Spring Boot: instance A runs the first
 * definition of tickets, instance B the one with an index by owner. Whether A's definitions are older than those
 * recorded, and which writes it refuses, follows from who wrote the record (a migration A does not declare, or any
 * write since A read it) and from how A's items would differ from the record.
 */
class StaleDefinitionsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static SingleTableTemplate application(Class<?> type) {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.getConverter().getMappingContext().getRequiredPersistentEntity(type);
		return template;
	}

	private static SingleTableDefinitions checked(SingleTableTemplate template, String... migrations) {
		SingleTableDefinitions definitions = new SingleTableDefinitions(template);
		definitions.setMigrationVersions(List.of(migrations));
		definitions.check();
		template.setIndexDriftGuard(definitions);
		return definitions;
	}

	@Test
	void definitionsAnotherInstanceRecordedWithoutAMigrationAreNoticedByTheRecordsGeneration() {
		SingleTableTemplate a = application(Ticket.class);
		SingleTableDefinitions definitionsOfA = checked(a);
		// no ticket stored: B's start-up records its index by owner at once, with no work to do
		SingleTableTemplate b = application(TicketByOwner.class);
		SingleTableDefinitions definitionsOfB = checked(b);

		List<StaleDefinitions> stale = definitionsOfA.checkForNewerDefinitions();

		assertThat(stale).singleElement().satisfies((definitions) -> {
			assertThat(definitions.subjects()).containsExactly("gsi2");
			assertThat(definitions.recordedByMigration()).isNull();
			assertThat(definitions.recordedBy()).isEqualTo(definitionsOfB.getInstanceId());
		});
		assertThatExceptionOfType(StaleDefinitionsException.class).isThrownBy(() -> a.create(Ticket.of("ann", "open")))
			.withMessageContaining("another instance (instance " + definitionsOfB.getInstanceId())
			.withMessageContaining("index 'gsi2' is recorded (gsi2pk = 'owner#{owner}')");
		assertThat(a.query(Ticket.class).count()).isZero();
		// B, whose definitions are the record's, is not stale
		assertThat(definitionsOfB.checkForNewerDefinitions()).isEmpty();
		assertThat(b.create(TicketByOwner.of("bob", "open")).id()).isNotNull();
		// with warn, A writes (the old way)
		definitionsOfA.setStaleDefinitionsAction(IndexDriftAction.WARN);
		assertThat(definitionsOfA.getStaleDefinitions()).singleElement()
			.satisfies((definitions) -> assertThat(definitions.writesRefused()).isFalse());
		assertThat(a.create(Ticket.of("cid", "open")).id()).isNotNull();
	}

	@Test
	void aNewerInstanceBeforeItsMigrationIsNotStaleAndTheOlderOneIsOnceTheMigrationRecorded() {
		SingleTableTemplate a = application(Ticket.class);
		SingleTableDefinitions definitionsOfA = checked(a);
		a.create(Ticket.of("ann", "open"));
		a.create(Ticket.of("bob", "open"));
		SingleTableTemplate b = application(TicketByOwner.class);
		SingleTableDefinitions definitionsOfB = checked(b, "1", "2");
		assertThat(definitionsOfB.getReport().refusing()).extracting(TypeDrift::subject).containsExactly("gsi2");

		// the drift is B's migration's to fix: neither instance is stale, both write
		assertThat(definitionsOfB.checkForNewerDefinitions()).isEmpty();
		assertThat(definitionsOfA.checkForNewerDefinitions()).isEmpty();
		a.create(Ticket.of("cid", "open"));
		b.create(TicketByOwner.of("dan", "open"));

		SingleTableBackfills backfills = new SingleTableBackfills(b);
		backfills.addListener(definitionsOfB);
		backfills.reindex(TicketByOwner.class, BackfillOptions.defaults().withRunId("migration-2-step-0"));

		assertThat(definitionsOfB.checkForNewerDefinitions()).isEmpty();
		assertThat(definitionsOfA.checkForNewerDefinitions()).singleElement()
			.satisfies((definitions) -> assertThat(definitions.recordedByMigration()).isEqualTo("2"));
		assertThatExceptionOfType(StaleDefinitionsException.class).isThrownBy(() -> a.create(Ticket.of("eve", "open")))
			.withMessageContaining("migration 2 (instance " + definitionsOfB.getInstanceId());
		Map<String, AttributeValue> record = dynamo.storedItem("_INTERNAL#Definitions", "Ticket");
		assertThat(record.get("recorded_by_migration").s()).isEqualTo("2");
		assertThat(record.get("recorded_by").s()).isEqualTo(definitionsOfB.getInstanceId());

		// an instance of the older version started now is stale at once, and writes nothing to the record
		SingleTableTemplate late = application(Ticket.class);
		SingleTableDefinitions definitionsOfLate = checked(late);
		assertThat(definitionsOfLate.getStaleDefinitions()).singleElement()
			.satisfies((definitions) -> assertThat(definitions.recordedByMigration()).isEqualTo("2"));
		assertThat(dynamo.storedItem("_INTERNAL#Definitions", "Ticket")).isEqualTo(record);
		assertThatExceptionOfType(StaleDefinitionsException.class)
			.isThrownBy(() -> late.create(Ticket.of("fay", "open")));
		// an instance declaring a later migration is newer than the record, and not stale
		assertThat(checked(application(TicketByOwner.class), "3").getStaleDefinitions()).isEmpty();
	}

}
