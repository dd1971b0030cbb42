package dev.singletable.evolution.internal.rewrite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The plan of the move of a resource to its type's new prefix, on scripted answers: its history is read, copied
 * (a version item moved by an earlier attempt is no failure), then its latest item, then the old items deleted, the
 * old latest item last and conditioned on the state read. No server.
 */
class MoverUnitTests {

	private static final String TABLE = "moves";

	private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private final SingleTablePersistentEntity<?> metadata = this.converter.getMappingContext()
		.getRequiredPersistentEntity(Ticket.class);

	private final Mover mover = new Mover(this.converter, this.metadata,
			ItemSelection.latestItems(this.metadata, "OldTicket"), "OldTicket", false);

	@Test
	void aResourceIsCopiedWithItsHistoryUnderTheNewPrefixThenDeletedUnderTheOldOne() {
		List<Map<String, AttributeValue>> partition = oldPartition();
		List<DynamoDbRequest> sent = new ArrayList<>();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			DynamoDbRequest dynamo = dynamoDb(request);
			sent.add(dynamo);
			if (dynamo instanceof QueryRequest) {
				return Answer.of(QueryResponse.builder().items(partition).build());
			}
			if (dynamo instanceof PutItemRequest put && put.item().get("sk").s().equals("v1")) {
				// an earlier attempt moved it already
				return Answer.failed(conditionFailed());
			}
			return Answer.of((dynamo instanceof PutItemRequest) ? PutItemResponse.builder().build()
					: DeleteItemResponse.builder().build());
		});

		Outcome outcome = driver.run(this.mover.plan(TABLE, partition.get(0)));

		assertThat(outcome).isEqualTo(Outcome.WRITTEN);
		assertThat(sent).hasSize(7);
		QueryRequest history = (QueryRequest) sent.get(0);
		assertThat(history.expressionAttributeValues().get(":pk").s()).isEqualTo("OldTicket#t1");
		assertThat(history.consistentRead()).isTrue();
		// the version items, then the latest, under the new prefix
		for (int i = 1; i <= 3; i++) {
			PutItemRequest put = (PutItemRequest) sent.get(i);
			assertThat(put.item().get("pk").s()).isEqualTo("Ticket#t1");
			assertThat(put.item().get("sk").s()).isEqualTo((i < 3) ? "v" + i : "v0");
		}
		assertThat(((PutItemRequest) sent.get(1)).conditionExpression()).isEqualTo("attribute_not_exists(#pk)");
		PutItemRequest putLatest = (PutItemRequest) sent.get(3);
		assertThat(putLatest.conditionExpression()).isEqualTo("attribute_not_exists(#pk) OR #state <= :state");
		assertThat(putLatest.item().get("gsitype").s()).isEqualTo("Ticket");
		// then the old version items, and the old latest item last, conditioned on the version read
		assertThat(List.of(sent.get(4), sent.get(5), sent.get(6))).allSatisfy((request) -> {
			assertThat(request).isInstanceOf(DeleteItemRequest.class);
			assertThat(((DeleteItemRequest) request).key().get("pk").s()).isEqualTo("OldTicket#t1");
		});
		DeleteItemRequest deleteLatest = (DeleteItemRequest) sent.get(6);
		assertThat(deleteLatest.key().get("sk").s()).isEqualTo("v0");
		assertThat(deleteLatest.conditionExpression()).isEqualTo("#rs_state = :rs_state");
		assertThat(deleteLatest.expressionAttributeValues()).containsEntry(":rs_state", AttributeValue.fromN("2"));
		assertThat(driver.sent().get(6)).isInstanceOf(Request.Conditional.class);
		assertThat(List.of(driver.sent().get(4), driver.sent().get(5))).allMatch(Request.Plain.class::isInstance);
	}

	@Test
	void aWriteToTheOldPrefixMeanwhileFailsTheMoveAtTheOldLatestItemsDelete() {
		List<Map<String, AttributeValue>> partition = oldPartition();
		ConditionalCheckFailedException changed = conditionFailed();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			DynamoDbRequest dynamo = dynamoDb(request);
			if (dynamo instanceof QueryRequest) {
				return Answer.of(QueryResponse.builder().items(partition).build());
			}
			if (dynamo instanceof DeleteItemRequest delete && delete.conditionExpression() != null) {
				return Answer.failed(changed);
			}
			return Answer.of((dynamo instanceof PutItemRequest) ? PutItemResponse.builder().build()
					: DeleteItemResponse.builder().build());
		});

		assertThatExceptionOfType(ConditionalCheckFailedException.class)
			.isThrownBy(() -> driver.run(this.mover.plan(TABLE, partition.get(0))))
			.isSameAs(changed);
		assertThat(driver.sent()).hasSize(7);
	}

	/** A resource at version 2 stored under the old prefix: its latest item and two version items. */
	private List<Map<String, AttributeValue>> oldPartition() {
		ItemLayout layout = new ItemLayout(this.converter);
		Ticket ticket = new Ticket("t1", 2L, AT, AT, "moving");
		Map<String, AttributeValue> body = layout.body(ticket, AT, null, AT);
		Map<String, AttributeValue> latest = layout.latest(this.metadata, "t1", ticket, body, 2, AT, AT);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		items.add(underOldPrefix(latest));
		items.add(underOldPrefix(layout.history(this.metadata, "t1", body, 1, latest)));
		items.add(underOldPrefix(layout.history(this.metadata, "t1", body, 2, latest)));
		return items;
	}

	private static Map<String, AttributeValue> underOldPrefix(Map<String, AttributeValue> item) {
		Map<String, AttributeValue> old = new HashMap<>(item);
		old.put("pk", AttributeValue.fromS("OldTicket#t1"));
		if (old.containsKey("gsitype")) {
			old.put("gsitype", AttributeValue.fromS("OldTicket"));
		}
		return old;
	}

	private static DynamoDbRequest dynamoDb(Request request) {
		if (request instanceof Request.Plain plain) {
			return plain.request();
		}
		return ((Request.Conditional) request).request();
	}

	private static ConditionalCheckFailedException conditionFailed() {
		return ConditionalCheckFailedException.builder().message("The conditional request failed").build();
	}

	@SingleTableEntity(prefix = "Ticket", versioned = true)
	record Ticket(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title) {

	}

}
