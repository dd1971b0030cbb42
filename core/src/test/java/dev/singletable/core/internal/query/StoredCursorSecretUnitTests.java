package dev.singletable.core.internal.query;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.repository.sample.Ticket;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The plan that reads or creates the table's cursor secret, driven with canned answers: found, created, lost to
 * another instance (with and without the winner's item), and the failures it passes on; and the plan that makes
 * the cursor keys known before a page, which reads it only while it is not known.
 */
class StoredCursorSecretUnitTests {

	private static final String TABLE = "table";

	private static final byte[] STORED = bytes(7);

	private static final byte[] WINNER = bytes(9);

	private final Timestamps time = new Timestamps();

	StoredCursorSecretUnitTests() {
		this.time.setClock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
	}

	@Test
	void aStoredSecretIsReadStronglyConsistentAndNothingIsWritten() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(found(STORED)));

		assertThat(driver.run(StoredCursorSecret.readOrCreate(TABLE, this.time))).isEqualTo(STORED);
		assertThat(driver.sent()).hasSize(1);
		GetItemRequest get = (GetItemRequest) ((Request.Plain) driver.sent().get(0)).request();
		assertThat(get.tableName()).isEqualTo(TABLE);
		assertThat(get.consistentRead()).isTrue();
		assertThat(get.key()).isEqualTo(StoredCursorSecret.key());
	}

	@Test
	void aMissingSecretIsCreatedWithAConditionalPut() {
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Plain)
				? Answer.of(GetItemResponse.builder().build()) : Answer.of(PutItemResponse.builder().build()));

		byte[] secret = driver.run(StoredCursorSecret.readOrCreate(TABLE, this.time));

		PutItemRequest put = (PutItemRequest) driver.sent(Request.Conditional.class).get(0).request();
		assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#pk)");
		assertThat(put.item().get(StoredCursorSecret.SECRET).b().asByteArray()).isEqualTo(secret)
			.hasSize(StoredCursorSecret.SECRET_BYTES);
		assertThat(put.item().get("created_at").s()).isEqualTo("2026-01-02T03:04:05Z");
		assertThat(driver.sent()).hasSize(2);
	}

	@Test
	void aSecretCreatedFirstByAnotherInstanceIsTheWinnersReturnedWithTheFailedCondition() {
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Plain)
				? Answer.of(GetItemResponse.builder().build())
				: Answer.failed(ConditionalCheckFailedException.builder().item(item(WINNER)).build()));

		assertThat(driver.run(StoredCursorSecret.readOrCreate(TABLE, this.time))).isEqualTo(WINNER);
		assertThat(driver.sent()).hasSize(2);
	}

	@Test
	void aConflictWithoutTheWinnersItemReadsTheSecretAgain() {
		int[] reads = new int[1];
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Conditional) {
				return Answer.failed(ConditionalCheckFailedException.builder().build());
			}
			return Answer.of((reads[0]++ == 0) ? GetItemResponse.builder().build() : found(WINNER));
		});

		assertThat(driver.run(StoredCursorSecret.readOrCreate(TABLE, this.time))).isEqualTo(WINNER);
		assertThat(driver.sent()).extracting((request) -> request.getClass().getSimpleName())
			.containsExactly("Plain", "Conditional", "Plain");
	}

	@Test
	void aSecretThatDisappearsWhileBeingCreatedFails() {
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Plain)
				? Answer.of(GetItemResponse.builder().build())
				: Answer.failed(ConditionalCheckFailedException.builder().build()));

		assertThatIllegalStateException().isThrownBy(() -> driver.run(StoredCursorSecret.readOrCreate(TABLE, this.time)))
			.withMessageContaining("disappeared while it was being created");
	}

	@Test
	void anotherFailureOfTheCreationIsPassedOn() {
		DataAccessResourceFailureException failure = new DataAccessResourceFailureException("unreachable");
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Plain)
				? Answer.of(GetItemResponse.builder().build()) : Answer.failed(failure));

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> driver.run(StoredCursorSecret.readOrCreate(TABLE, this.time)))
			.isSameAs(failure);
	}

	@Test
	void theKnownPlanReadsTheTablesSecretOnceAndNothingWhenASecretIsConfiguredOrKnown() {
		CursorSecrets secrets = new CursorSecrets(this.time);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(found(STORED)));
		assertThat(secrets.ready()).isFalse();

		driver.run(secrets.known(TABLE));
		driver.run(secrets.known(TABLE));

		assertThat(driver.sent()).hasSize(1);
		assertThat(secrets.ready()).isTrue();
		assertThat(secrets.current().id()).isEqualTo(CursorSecrets.derive(STORED).id());
		CursorSecrets configured = CursorSecrets.of(WINNER);
		driver.run(configured.known(TABLE));
		assertThat(driver.sent()).hasSize(1);
		assertThat(CursorCodec.NONE.known(TABLE)).isEqualTo(Step.done(null));
	}

	@Test
	void aPageOfAReadWhoseSecretIsNotKnownReadsItBeforeItsQuery() {
		CursorSecrets secrets = new CursorSecrets(this.time);
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		QueryPlans plans = new QueryPlans(new QueryReads(TABLE, converter, this.time, null), new CursorCodec(secrets));
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Plain plain
				&& plain.request() instanceof QueryRequest) ? Answer.of(QueryResponse.builder().items(List.of()).build())
						: Answer.of(found(STORED)));

		driver.run(plans.page(QuerySpec.of(converter.getRequiredEntity(Ticket.class)), null, 10, true, true));

		assertThat(driver.sent()).extracting((request) -> (Object) ((Request.Plain) request).request().getClass())
			.containsExactly(GetItemRequest.class, QueryRequest.class);
		assertThat(secrets.ready()).isTrue();
	}

	@Test
	void aPageOfTheAuditLogWhoseSecretIsNotKnownReadsItBeforeItsQuery() {
		CursorSecrets secrets = new CursorSecrets(this.time);
		AuditLogReads reads = new AuditLogReads(TABLE, StorageJsonMapper.create());
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Plain plain
				&& plain.request() instanceof QueryRequest) ? Answer.of(QueryResponse.builder().items(List.of()).count(0).scannedCount(0).build())
						: Answer.of(found(STORED)));

		driver.run(reads.page(AuditLogPlan.forType("Ticket").limit(5), null, new CursorCodec(secrets)));

		assertThat(driver.sent()).extracting((request) -> (Object) ((Request.Plain) request).request().getClass())
			.first()
			.isEqualTo(GetItemRequest.class);
		assertThat(driver.sent(Request.Plain.class)).extracting((request) -> (Object) request.request().getClass())
			.contains(QueryRequest.class);
		assertThat(secrets.ready()).isTrue();
	}

	private static GetItemResponse found(byte[] secret) {
		return GetItemResponse.builder().item(item(secret)).build();
	}

	private static Map<String, AttributeValue> item(byte[] secret) {
		return Map.of("pk", AttributeValue.fromS(StoredCursorSecret.KEY), "sk",
				AttributeValue.fromS(StoredCursorSecret.KEY), StoredCursorSecret.SECRET,
				AttributeValue.fromB(SdkBytes.fromByteArray(secret)));
	}

	private static byte[] bytes(int value) {
		byte[] bytes = new byte[32];
		Arrays.fill(bytes, (byte) value);
		return bytes;
	}

}
