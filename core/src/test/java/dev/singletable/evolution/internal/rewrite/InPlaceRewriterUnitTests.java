package dev.singletable.evolution.internal.rewrite;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plan of an in-place rewrite of a resource, on scripted answers: a versioned resource's latest item and the
 * version item it copies are put in one transaction conditioned on the state read, a plain one's latest item with
 * one conditional put; a transform that changes nothing sends nothing. No server.
 */
class InPlaceRewriterUnitTests {

	private static final String TABLE = "rewrites";

	private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");

	private static final Instant UPDATED = Instant.parse("2026-11-02T10:00:00Z");

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	@Test
	void aVersionedResourceIsRewrittenWithItsVersionItemInOneTransactionConditionedOnTheStateRead() {
		Map<String, AttributeValue> latest = stored(Ticket.class, new Ticket("t1", 3L, CREATED, UPDATED, "first"), 3);
		ScriptedDriver driver = new ScriptedDriver(
				(request) -> Answer.of(TransactWriteItemsResponse.builder().build()));

		Outcome outcome = driver.run(rewriter(Ticket.class, (ticket) -> ((Ticket) ticket).titled("second"))
			.plan(TABLE, latest));

		assertThat(outcome).isEqualTo(Outcome.WRITTEN);
		assertThat(driver.sent()).hasSize(1);
		TransactWriteItemsRequest transaction = (TransactWriteItemsRequest) driver.sent(Request.Conditional.class)
			.get(0)
			.request();
		assertThat(transaction.transactItems()).hasSize(2);
		Put putLatest = transaction.transactItems().get(0).put();
		Put putVersion = transaction.transactItems().get(1).put();
		assertThat(putLatest.tableName()).isEqualTo(TABLE);
		assertThat(putLatest.item().get("sk").s()).isEqualTo("v0");
		assertThat(putLatest.item().get("version").n()).isEqualTo("3");
		assertThat(putLatest.conditionExpression()).isEqualTo("#rs_state = :rs_state");
		assertThat(putLatest.expressionAttributeValues()).containsEntry(":rs_state", AttributeValue.fromN("3"));
		assertThat(putVersion.item().get("sk").s()).isEqualTo("v3");
		assertThat(putVersion.conditionExpression()).isEqualTo("attribute_exists(#rs_pk)");
		for (Put put : List.of(putLatest, putVersion)) {
			Ticket written = this.converter.read(Ticket.class, put.item());
			assertThat(written.title()).isEqualTo("second");
			assertThat(written.version()).isEqualTo(3L);
			assertThat(written.updatedAt()).isEqualTo(UPDATED);
		}
	}

	@Test
	void aConcurrentWriteFailsTheRewriteAsAStaleItemForTheRunToReadItAgain() {
		Map<String, AttributeValue> latest = stored(Ticket.class, new Ticket("t1", 3L, CREATED, UPDATED, "first"), 3);
		TransactionCanceledException cancelled = TransactionCanceledException.builder()
			.message("Transaction cancelled")
			.cancellationReasons(CancellationReason.builder().code("ConditionalCheckFailed").build(),
					CancellationReason.builder().code("None").build())
			.build();
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.failed(cancelled));

		assertThatExceptionOfType(TransactionCanceledException.class)
			.isThrownBy(() -> driver.run(rewriter(Ticket.class, (ticket) -> ((Ticket) ticket).titled("second"))
				.plan(TABLE, latest)))
			.isSameAs(cancelled)
			.matches(ConditionFailures::isStale);
	}

	@Test
	void aPlainResourceIsRewrittenWithOneConditionalPutAndAnUnchangedOneNotAtAll() {
		Map<String, AttributeValue> latest = stored(Memo.class, new Memo("m1", CREATED, UPDATED, "draft"), 0);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(PutItemResponse.builder().build()));

		assertThat(driver.run(rewriter(Memo.class, (memo) -> memo).plan(TABLE, latest)))
			.isEqualTo(Outcome.UNCHANGED);
		assertThat(driver.run(rewriter(Memo.class, (memo) -> null).plan(TABLE, latest)))
			.isEqualTo(Outcome.UNCHANGED);
		assertThat(driver.sent()).isEmpty();

		Outcome outcome = driver.run(rewriter(Memo.class, (memo) -> new Memo("m1", CREATED, UPDATED, "final"))
			.plan(TABLE, latest));

		assertThat(outcome).isEqualTo(Outcome.WRITTEN);
		PutItemRequest put = (PutItemRequest) driver.sent(Request.Conditional.class).get(0).request();
		assertThat(put.item().get("pk").s()).isEqualTo("Memo#m1");
		assertThat(this.converter.read(Memo.class, put.item()).text()).isEqualTo("final");
		assertThat(put.conditionExpression()).isEqualTo("#rs_state = :rs_state");
		// conditioned on the state read
		String state = put.expressionAttributeNames().get("#rs_state");
		assertThat(state).isIn("updated_at", "data");
		assertThat(put.expressionAttributeValues().get(":rs_state")).isEqualTo(latest.get(state));
	}

	private InPlaceRewriter rewriter(Class<?> type, UnaryOperator<Object> transform) {
		SingleTablePersistentEntity<?> metadata = metadata(type);
		return new InPlaceRewriter(this.converter, metadata, ItemSelection.latestItems(metadata, metadata.getPrefix()),
				transform);
	}

	private SingleTablePersistentEntity<?> metadata(Class<?> type) {
		return this.converter.getMappingContext().getRequiredPersistentEntity(type);
	}

	/** The latest item of a resource as a write stores it. */
	private Map<String, AttributeValue> stored(Class<?> type, Object entity, long version) {
		SingleTablePersistentEntity<?> metadata = metadata(type);
		ItemLayout layout = new ItemLayout(this.converter);
		String id = (String) metadata.getIdentifierAccessor(entity).getIdentifier();
		return layout.latest(metadata, id, entity, layout.body(entity, CREATED, null, UPDATED), version, UPDATED,
				CREATED);
	}

	@SingleTableEntity(prefix = "Ticket", versioned = true)
	record Ticket(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title) {

		Ticket titled(String title) {
			return new Ticket(this.id, this.version, this.createdAt, this.updatedAt, title);
		}

	}

	@SingleTableEntity(prefix = "Memo")
	record Memo(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String text) {

	}

}
