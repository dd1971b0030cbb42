package dev.singletable.core.internal.write.send;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.data.annotation.Id;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.internal.plan.Step;
import dev.singletable.internal.plan.TransientRetry;
import dev.singletable.core.internal.write.item.ItemFailures;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plan of a send of write units, run on scripted answers: which requests each round sends, and what the
 * answers make of it. No server.
 */
class UnitSendUnitTests {

	private static final String TABLE = "table";

	private TypeCounts counts;

	private AuditRecords audit;

	private VersionRetention retention;

	private UnitSend plans;

	@BeforeEach
	void setUp() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		Timestamps timestamps = new Timestamps();
		this.counts = new TypeCounts(TABLE, converter, timestamps);
		this.retention = new VersionRetention(TABLE);
		this.audit = new AuditRecords(TABLE, converter, timestamps);
		this.plans = send(this.counts);
	}

	/** The send plans with these counts. */
	private UnitSend send(TypeCounts counts) {
		return new UnitSend(counts, this.audit, (ex, request) -> (ex instanceof DataAccessException) ? ex : new Translated(ex));
	}

	@Test
	void aSingleWriteOfOneItemIsOnePutItemWithItsCondition() {
		WriteUnit create = create("n1");
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(null));

		UnitSend.Result result = driver.run(this.plans.send(List.of(create), false));

		assertThat(driver.sent()).hasSize(1);
		PutItemRequest put = (PutItemRequest) ((Request.Write) driver.sent().get(0)).request();
		assertThat(put.item()).isEqualTo(create.items().get(0).put().item());
		assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(#pk)");
		assertThat(result.written()).containsExactly(create);
		assertThat(result.failures()).isEmpty();
	}

	@Test
	void aCreateWhoseCountsRowHasNoMapYetCreatesTheRowAndIsSentAgain() {
		this.counts = this.counts.withEnabled(true);
		this.plans = send(this.counts);
		WriteUnit create = create("n1");
		AtomicInteger transactions = new AtomicInteger();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Transact
				&& transactions.incrementAndGet() == 1) ? Answer.failed(cancelled("None", "ConditionalCheckFailed"))
						: Answer.of(null));

		UnitSend.Result result = driver.run(this.plans.send(List.of(create), false));

		assertThat(driver.sent()).hasSize(3);
		List<Request.Transact> sent = driver.sent(Request.Transact.class);
		assertThat(sent).hasSize(2);
		// the same request again, its counts item made again
		for (Request.Transact transact : sent) {
			assertThat(transact.items()).hasSize(2);
			assertThat(transact.items().get(0)).isEqualTo(create.items().get(0));
			assertThat(transact.items().get(1).update().key()).isEqualTo(TypeCounts.key());
		}
		UpdateItemRequest createRow = (UpdateItemRequest) ((Request.Plain) driver.sent().get(1)).request();
		assertThat(createRow.key()).isEqualTo(TypeCounts.key());
		assertThat(createRow.updateExpression()).contains("if_not_exists(#c, :empty)");
		assertThat(result.written()).containsExactly(create);
	}

	@Test
	void aVersionedUpdateWhoseRetentionProbeFailsIsSentAgainWithoutProbeAndDelete() {
		this.counts = this.counts.withEnabled(true);
		this.plans = send(this.counts);
		WriteUnit update = versionedUpdate("d1", 5, true);
		AtomicInteger transactions = new AtomicInteger();
		ScriptedDriver driver = new ScriptedDriver((request) -> (transactions.incrementAndGet() == 1)
				? Answer.failed(cancelled("None", "None", "None", "ConditionalCheckFailed")) : Answer.of(null));

		UnitSend.Result result = driver.run(this.plans.send(List.of(update), false));

		List<Request.Transact> sent = driver.sent(Request.Transact.class);
		assertThat(driver.sent()).hasSize(2);
		// an update changes no count: no counts item joins it
		assertThat(sent.get(0).items()).hasSize(4);
		assertThat(sent.get(1).items()).hasSize(2).noneMatch((item) -> item.conditionCheck() != null);
		assertThat(result.written()).singleElement().satisfies((written) -> {
			assertThat(written).isNotSameAs(update);
			assertThat(written.items()).hasSize(2);
		});
	}

	@Test
	void afterTheCommitTheRetentionTrimQueriesTheKeysAndDeletesOlderVersionsTheWindowLast() {
		WriteUnit update = versionedUpdate("d1", 7, false).afterCommit(this.retention.trim(2, "Note#d1", 7));
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Plain plain && plain.request() instanceof QueryRequest) {
				return Answer.of(QueryResponse.builder()
					.items(List.of(key("d1", "v0"), key("d1", "v3"), key("d1", "v4"), key("d1", "v5"), key("d1", "v6"),
							key("d1", "v7")))
					.build());
			}
			return Answer.of((request instanceof Request.Plain) ? BatchWriteItemResponse.builder().build() : null);
		});

		UnitSend.Result result = driver.run(this.plans.send(List.of(update), false));

		assertThat(result.written()).containsExactly(update);
		List<Request> sent = driver.sent();
		assertThat(sent).hasSize(4);
		assertThat(sent.get(0)).isInstanceOf(Request.Transact.class);
		QueryRequest query = (QueryRequest) ((Request.Plain) sent.get(1)).request();
		assertThat(query.consistentRead()).isTrue();
		assertThat(deletedKeys(sent.get(2))).containsExactly("v3", "v4");
		assertThat(deletedKeys(sent.get(3))).containsExactly("v5");
	}

	@Test
	void aRetentionTrimWhoseQueryFailsLeavesTheWriteWritten() {
		WriteUnit update = versionedUpdate("d1", 7, false).afterCommit(this.retention.trim(2, "Note#d1", 7));
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Plain)
				? Answer.failed(new TransientDataAccessResourceException("query failed")) : Answer.of(null));

		UnitSend.Result result = driver.run(this.plans.send(List.of(update), false));

		assertThat(result.written()).containsExactly(update);
		assertThat(result.failures()).isEmpty();
		assertThat(driver.sent()).hasSize(2);
	}

	@Test
	void afterCommitWorkThatFailsNeverFailsTheSend() {
		WriteUnit create = create("n1").afterCommit(Step.send(new BlobRequest.ListBlobs("Note", "n1"), (answer) -> {
			throw new IllegalStateException("after-commit work failed");
		}));
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(null));

		UnitSend.Result result = driver.run(this.plans.send(List.of(create), false));

		assertThat(result.written()).containsExactly(create);
		assertThat(driver.sent()).hasSize(2);
	}

	@Test
	void failedConditionsTheUnitDoesNotRetryAreItsFailureAndNothingElseIsSent() {
		WriteUnit create = create("n1");
		ConditionalCheckFailedException failed = ConditionalCheckFailedException.builder().message("exists").build();
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.failed(failed));

		UnitSend.Result result = driver.run(this.plans.send(List.of(create), false));

		assertThat(driver.sent()).hasSize(1);
		assertThat(result.written()).isEmpty();
		assertThat(result.failures()).singleElement().satisfies((failure) -> {
			assertThat(failure.unit()).isSameAs(create);
			assertThat(failure.exception()).isInstanceOf(DataIntegrityViolationException.class)
				.hasMessageContaining("n1");
		});
		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> new ScriptedDriver((request) -> Answer.failed(failed)).run(this.plans.write(create)))
			.withMessageContaining("n1");
	}

	@Test
	void aCancellationNoUnitInterpretsFailsThePlanTranslatedOnceTheRetriesRunOut() {
		TransactionCanceledException conflict = cancelled("TransactionConflict", "None");
		ScriptedDriver driver = new ScriptedDriver(
				(request) -> (request instanceof Request.Backoff) ? Answer.of(null) : Answer.failed(conflict));

		assertThatExceptionOfType(Translated.class)
			.isThrownBy(() -> driver.run(this.plans.send(List.of(create("n1"), create("n2")), true)))
			.withCause(conflict);
		// the same request on every attempt: its token too
		assertThat(driver.sent(Request.Transact.class)).hasSize(TransientRetry.MAX_ATTEMPTS)
			.containsOnly(driver.sent(Request.Transact.class).get(0));
		assertThat(driver.sent(Request.Backoff.class)).hasSize(TransientRetry.MAX_ATTEMPTS - 1);
	}

	@Test
	void theAuditRowsOfEveryRoundOfASendCarryOneTransactionId() {
		WriteUnit audited = audited(create("n1"));
		AtomicInteger transactions = new AtomicInteger();
		ScriptedDriver driver = new ScriptedDriver((request) -> (transactions.incrementAndGet() == 1)
				? Answer.failed(cancelled("None", "None", "ConditionalCheckFailed")) : Answer.of(null));
		WriteUnit other = retriedOnce(create("n2"));

		driver.run(this.plans.send(List.of(audited, other), true));
		driver.run(this.plans.send(List.of(audited), true));

		List<String> ids = new ArrayList<>();
		for (Request.Transact transact : driver.sent(Request.Transact.class)) {
			ids.add(transact.items().get(1).put().item().get(AuditItems.METADATA).m().get("transaction_id").s());
		}
		assertThat(ids).hasSize(3);
		assertThat(ids.get(0)).isEqualTo(ids.get(1)).isNotEqualTo(ids.get(2));
	}

	@Test
	void theUnitsOfSeveralSendersShareOneCountsItem() {
		this.counts = this.counts.withEnabled(true);
		this.plans = send(this.counts);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(null));

		UnitSend.Result result = driver
			.run(UnitSend.sendAll(List.of(create("n1"), create("n2")), List.of(this.plans, this.plans)));

		Request.Transact sent = driver.sent(Request.Transact.class).get(0);
		assertThat(sent.items()).hasSize(3);
		assertThat(sent.items().get(2).update().expressionAttributeValues()).containsValue(AttributeValue.fromN("2"));
		assertThat(result.written()).hasSize(2);
	}

	private static WriteUnit create(String id) {
		TransactWriteItem put = TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(TABLE)
				.item(Map.of(ItemAttributes.PK, AttributeValue.fromS("Note#" + id), ItemAttributes.SK,
						AttributeValue.fromS("v0")))
				.conditionExpression("attribute_not_exists(#pk)")
				.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
				.build())
			.build();
		return WriteUnit.failingWith("create", Note.class, id, List.of(put),
				(failed) -> new DataIntegrityViolationException("Note '" + id + "' exists"), null);
	}

	/** A unit whose failed conditions ask for it to be sent again once. */
	private static WriteUnit retriedOnce(WriteUnit unit) {
		return new WriteUnit(unit.operation(), unit.type(), unit.id(), unit.items(),
				(failed) -> WriteUnit.Outcome.retryWith(unit), null, null, null);
	}

	private static WriteUnit audited(WriteUnit unit) {
		TransactWriteItem row = TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(TABLE)
				.item(Map.of(ItemAttributes.PK, AttributeValue.fromS(AuditItems.PREFIX + "#1"), ItemAttributes.SK,
						AttributeValue.fromS("1")))
				.build())
			.build();
		return unit.with(List.of(row));
	}

	/**
	 * A versioned update of version {@code next}: history and latest item, the delete of the version leaving the
	 * window of two and, with {@code probe}, the probe below it.
	 */
	private static WriteUnit versionedUpdate(String id, long next, boolean probe) {
		List<TransactWriteItem> items = new ArrayList<>();
		items.add(item("v" + next));
		items.add(item("v0"));
		if (probe) {
			items.add(TransactWriteItem.builder()
				.delete(Delete.builder().tableName(TABLE).key(key(id, "v" + (next - 2))).build())
				.build());
			items.add(TransactWriteItem.builder()
				.conditionCheck(ConditionCheck.builder()
					.tableName(TABLE)
					.key(key(id, "v" + (next - 3)))
					.conditionExpression("attribute_not_exists(#pk)")
					.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
					.build())
				.build());
		}
		int size = items.size();
		Function<ItemFailures, WriteUnit.Outcome> onFailure = (failed) -> failed.onlyFailed(size - 1)
				? WriteUnit.Outcome.retryWith(versionedUpdate(id, next, false))
				: WriteUnit.Outcome.fail(new IllegalStateException("conflict"));
		return new WriteUnit("update", Note.class, id, items, onFailure, null, null, null);
	}

	private static TransactWriteItem item(String sk) {
		return TransactWriteItem.builder()
			.put(Put.builder().tableName(TABLE).item(Map.of(ItemAttributes.PK, AttributeValue.fromS("Note#d1"),
					ItemAttributes.SK, AttributeValue.fromS(sk))).build())
			.build();
	}

	private static Map<String, AttributeValue> key(String id, String sk) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS("Note#" + id), ItemAttributes.SK, AttributeValue.fromS(sk));
	}

	private static List<String> deletedKeys(Request request) {
		BatchWriteItemRequest batch = (BatchWriteItemRequest) ((Request.Plain) request).request();
		return batch.requestItems()
			.get(TABLE)
			.stream()
			.map((write) -> write.deleteRequest().key().get(ItemAttributes.SK).s())
			.toList();
	}

	private static TransactionCanceledException cancelled(String... codes) {
		List<CancellationReason> reasons = new ArrayList<>();
		for (String code : codes) {
			reasons.add(CancellationReason.builder().code(code).build());
		}
		return TransactionCanceledException.builder().message("cancelled").cancellationReasons(reasons).build();
	}

	/** What the plans' translation makes of a failure. */
	static final class Translated extends TransientDataAccessResourceException {

		Translated(RuntimeException cause) {
			super("translated", cause);
		}

	}

	@SingleTableEntity
	static class Note {

		@Id
		public String id;

	}

}
