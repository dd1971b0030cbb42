package dev.singletable.evolution.internal.migration;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The writes of the migration records and the fleet's lease, run on scripted answers: each is one conditional
 * request, a failed condition answers {@literal false}, any other failure is thrown. No server.
 */
class MigrationRecordsUnitTests {

	private static final String TABLE = "records";

	@Test
	void theLeaseIsTakenWithOneConditionalUpdateWhenFreeExpiredOrOwn() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		long before = System.currentTimeMillis();

		boolean taken = new MigrationRecords(driver::run, TABLE).acquireLease("me", 30_000);

		assertThat(taken).isTrue();
		UpdateItemRequest update = onlyConditional(driver, UpdateItemRequest.class);
		assertThat(update.tableName()).isEqualTo(TABLE);
		assertThat(update.key()).isEqualTo(key(MigrationRecords.LEASE));
		assertThat(update.updateExpression()).isEqualTo("SET #owner = :me, #until = :until");
		assertThat(update.conditionExpression())
			.isEqualTo("attribute_not_exists(#owner) OR #until < :now OR #owner = :me");
		assertThat(update.expressionAttributeValues().get(":me").s()).isEqualTo("me");
		long now = Long.parseLong(update.expressionAttributeValues().get(":now").n());
		assertThat(now).isBetween(before, System.currentTimeMillis());
		assertThat(Long.parseLong(update.expressionAttributeValues().get(":until").n())).isEqualTo(now + 30_000);
	}

	@Test
	void aLeaseHeldByAnotherInstanceIsNotTakenAndAFailureOtherThanTheConditionIsThrown() {
		MigrationRecords refused = new MigrationRecords(new ScriptedDriver(failing(conditionFailed()))::run, TABLE);
		assertThat(refused.acquireLease("me", 30_000)).isFalse();
		assertThat(refused.renewLease("me", 30_000)).isFalse();
		assertThat(refused.releaseLease("me")).isFalse();

		TransientDataAccessResourceException throttled = new TransientDataAccessResourceException("throttled");
		MigrationRecords failing = new MigrationRecords(new ScriptedDriver(failing(throttled))::run, TABLE);
		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> failing.acquireLease("me", 30_000))
			.isSameAs(throttled);
	}

	@Test
	void theLeaseIsRenewedAndGivenBackOnlyByItsOwner() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		MigrationRecords records = new MigrationRecords(driver::run, TABLE);

		assertThat(records.renewLease("me", 1_000)).isTrue();
		assertThat(records.releaseLease("me")).isTrue();

		List<Request.Conditional> sent = driver.sent(Request.Conditional.class);
		assertThat(sent).hasSize(2);
		UpdateItemRequest renew = (UpdateItemRequest) sent.get(0).request();
		UpdateItemRequest release = (UpdateItemRequest) sent.get(1).request();
		assertThat(renew.updateExpression()).isEqualTo("SET #until = :until");
		assertThat(release.updateExpression()).isEqualTo("REMOVE #owner, #until");
		for (UpdateItemRequest update : List.of(renew, release)) {
			assertThat(update.key()).isEqualTo(key(MigrationRecords.LEASE));
			assertThat(update.conditionExpression()).isEqualTo("#owner = :me");
			assertThat(update.expressionAttributeValues().get(":me").s()).isEqualTo("me");
		}
	}

	@Test
	void aRecordIsStartedUnlessAppliedAndChangedOnlyByItsHolder() {
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(PutItemResponse.builder().build()));
		MigrationRecord record = new MigrationRecord("2.0", "add owners", "sum", MigrationRecord.RUNNING, 0, 2,
				List.of("reindex", "forEach"), Instant.parse("2026-11-25T10:00:00Z"), null, 0, "me", null);

		assertThat(new MigrationRecords(driver::run, TABLE).start(record)).isTrue();

		PutItemRequest put = onlyConditional(driver, PutItemRequest.class);
		// the canonical version is the key: 2.0 and 2 share one record
		assertThat(put.item()).containsEntry("sk", AttributeValue.fromS("version#2"))
			.containsEntry("holder", AttributeValue.fromS("me"))
			.containsEntry("state", AttributeValue.fromS(MigrationRecord.RUNNING));
		assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#pk) OR #state <> :success");

		ScriptedDriver holders = new ScriptedDriver(failing(conditionFailed()));
		MigrationRecords records = new MigrationRecords(holders::run, TABLE);
		assertThat(records.progress("2", "me", 1, 10)).isFalse();
		assertThat(records.succeed("2", "me", 10, Instant.now())).isFalse();
		assertThat(holders.sent(Request.Conditional.class)).allSatisfy((sent) -> {
			UpdateItemRequest update = (UpdateItemRequest) sent.request();
			assertThat(update.key()).isEqualTo(key("version#2"));
			assertThat(update.conditionExpression()).isEqualTo("#holder = :me");
		});
	}

	private static <T> T onlyConditional(ScriptedDriver driver, Class<T> type) {
		assertThat(driver.sent()).hasSize(1);
		return type.cast(driver.sent(Request.Conditional.class).get(0).request());
	}

	private static Function<Request, Answer> failing(RuntimeException failure) {
		return (request) -> Answer.failed(failure);
	}

	private static ConditionalCheckFailedException conditionFailed() {
		return ConditionalCheckFailedException.builder().message("The conditional request failed").build();
	}

	private static Map<String, AttributeValue> key(String sk) {
		return Map.of("pk", AttributeValue.fromS(MigrationRecords.PARTITION), "sk", AttributeValue.fromS(sk));
	}

}
