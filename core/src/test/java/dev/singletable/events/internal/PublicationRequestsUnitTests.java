package dev.singletable.events.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;

import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.events.internal.PublicationItems.State;
import dev.singletable.events.internal.PublicationItems.Stored;
import dev.singletable.events.internal.PublicationRequests.Filter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the outbox's requests, without a server: the item a publication is stored as, each transition a
 * compare-and-set on the state read (read first when the caller has none), and reads of several status partitions
 * merged oldest first.
 */
class PublicationRequestsUnitTests {

	private static final String TABLE = "orders";

	private final PublicationRequests requests = new PublicationRequests(TABLE);

	@Test
	void aNewPublicationIsAConditionalPutInThePartitionOfItsStatusSortedByItsDate() {
		UUID id = UUID.fromString("00000000-0000-0000-0000-000000000001");
		TargetEventPublication publication = new Published(id, Instant.parse("2026-11-26T10:15:30.000000001Z"));

		WriteUnit unit = this.requests.create(publication, "{\"order\":\"o1\"}");

		assertThat(unit.describe()).isEqualTo("event publication of OrderPlaced '" + id + "'");
		assertThat(unit.items()).singleElement().satisfies((item) -> {
			Map<String, AttributeValue> stored = item.put().item();
			assertThat(stored.get("pk").s()).isEqualTo("_INTERNAL#EventPublication#" + id);
			assertThat(stored.get("sk")).isEqualTo(stored.get("pk"));
			assertThat(stored.get("gsitype").s()).isEqualTo("_INTERNAL#EventPublication#PUBLISHED");
			assertThat(stored.get("gsitypesk").s()).isEqualTo("2026-11-26T10:15:30.000000001Z");
			assertThat(stored.get("serialized_event").s()).isEqualTo("{\"order\":\"o1\"}");
			assertThat(stored.get("event_type").s()).isEqualTo(OrderPlaced.class.getName());
			assertThat(stored.get("listener_id").s()).isEqualTo("billing");
			assertThat(stored).doesNotContainKeys("data", "resource_id");
			assertThat(item.put().conditionExpression()).isEqualTo("attribute_not_exists(pk)");
		});
		Stored read = PublicationItems.read(unit.items().get(0).put().item());
		assertThat(read.id()).isEqualTo(id);
		assertThat(read.publicationDate()).isEqualTo(publication.getPublicationDate());
		assertThat(read.status()).isEqualTo(Status.PUBLISHED);
		assertThat(read.completionDate()).isNull();
		assertThat(read.completionAttempts()).isOne();
	}

	@Test
	void aTransitionComparesAndSetsTheStateReadAndMovesThePublicationToItsStatusPartition() {
		ScriptedDriver moved = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		State processing = new State(Status.PROCESSING, 2);
		assertThat(moved.run(this.requests.transition(UUID.randomUUID(), processing, Status.FAILED)))
			.isEqualTo(new State(Status.FAILED, 2));
		UpdateItemRequest update = (UpdateItemRequest) moved.sent(Request.Conditional.class).get(0).request();
		assertThat(update.updateExpression()).contains("gsitype = :partition");
		assertThat(update.expressionAttributeValues().get(":partition").s())
			.isEqualTo("_INTERNAL#EventPublication#FAILED");
		assertThat(update.conditionExpression()).isEqualTo("#status = :readStatus AND #attempts = :readAttempts");
		assertThat(update.expressionAttributeNames()).containsEntry("#status", "status")
			.containsEntry("#attempts", "completion_attempts");
		assertThat(update.expressionAttributeValues().get(":readStatus").s()).isEqualTo("PROCESSING");
		assertThat(update.expressionAttributeValues().get(":readAttempts").n()).isEqualTo("2");

		ScriptedDriver refused = new ScriptedDriver((request) -> Answer.failed(
				ConditionalCheckFailedException.builder().message("The conditional request failed").build()));
		assertThat(refused.run(this.requests.transition(UUID.randomUUID(), processing, Status.FAILED))).isNull();
	}

	@Test
	void aClaimForResubmissionCountsTheAttemptOnTheConditionThatThePublicationIsInTheStateRead() {
		ScriptedDriver claimed = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		assertThat(claimed.run(this.requests.resubmit(UUID.randomUUID(), new State(Status.FAILED, 1), Instant.now())))
			.isEqualTo(new State(Status.RESUBMITTED, 2));
		UpdateItemRequest claim = (UpdateItemRequest) claimed.sent(Request.Conditional.class).get(0).request();
		assertThat(claim.updateExpression()).contains("#attempts = :next");
		assertThat(claim.expressionAttributeValues().get(":next").n()).isEqualTo("2");
		assertThat(claim.expressionAttributeValues().get(":readStatus").s()).isEqualTo("FAILED");
		assertThat(claim.expressionAttributeValues().get(":readAttempts").n()).isEqualTo("1");

		// read resubmitted (claimed by another instance) or completed: not claimed, nothing sent
		ScriptedDriver none = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		assertThat(none.run(this.requests.resubmit(UUID.randomUUID(), new State(Status.RESUBMITTED, 2),
				Instant.now()))).isNull();
		assertThat(none.run(this.requests.resubmit(UUID.randomUUID(), new State(Status.COMPLETED, 1),
				Instant.now()))).isNull();
		assertThat(none.sent(Request.Conditional.class)).isEmpty();

		ScriptedDriver refused = new ScriptedDriver((request) -> Answer.failed(
				ConditionalCheckFailedException.builder().message("The conditional request failed").build()));
		assertThat(refused.run(this.requests.resubmit(UUID.randomUUID(), new State(Status.FAILED, 1),
				Instant.now()))).isNull();
	}

	@Test
	void aTransitionWithoutAStateReadReadsItConsistentlyFirstAndComparesThat() {
		UUID id = UUID.randomUUID();
		Map<String, AttributeValue> item = new HashMap<>(
				PublicationItems.item(new Published(id, Instant.ofEpochSecond(7)), "{}", PublicationPartitions.NONE));
		item.put("status", AttributeValue.fromS("PROCESSING"));
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Plain plain
				&& plain.request() instanceof GetItemRequest) ? Answer.of(GetItemResponse.builder().item(item).build())
						: Answer.of(UpdateItemResponse.builder().build()));

		assertThat(driver.run(this.requests.resubmit(id, null, Instant.now())))
			.isEqualTo(new State(Status.RESUBMITTED, 2));
		assertThat(((GetItemRequest) driver.sent(Request.Plain.class).get(0).request()).consistentRead()).isTrue();
		UpdateItemRequest claim = (UpdateItemRequest) driver.sent(Request.Conditional.class).get(0).request();
		assertThat(claim.expressionAttributeValues().get(":readStatus").s()).isEqualTo("PROCESSING");

		ScriptedDriver gone = new ScriptedDriver((request) -> Answer.of(GetItemResponse.builder().build()));
		assertThat(gone.run(this.requests.transition(id, null, Status.FAILED))).isNull();
		assertThat(gone.sent(Request.Conditional.class)).isEmpty();
	}

	@Test
	void completingFollowsTheCompletionModeFromTheStateRead() {
		UUID id = UUID.randomUUID();
		State processing = new State(Status.PROCESSING, 1);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		assertThat(driver.run(this.requests.complete(id, processing, Instant.now(), CompletionMode.UPDATE)))
			.isEqualTo(new State(Status.COMPLETED, 1));
		driver.run(this.requests.complete(id, processing, Instant.now(), CompletionMode.ARCHIVE));
		driver.run(this.requests.complete(id, processing, Instant.now(), CompletionMode.DELETE));

		List<Request.Conditional> sent = driver.sent(Request.Conditional.class);
		assertThat(((UpdateItemRequest) sent.get(0).request()).expressionAttributeValues().get(":partition").s())
			.isEqualTo("_INTERNAL#EventPublication#COMPLETED");
		assertThat(((UpdateItemRequest) sent.get(1).request()).expressionAttributeValues().get(":partition").s())
			.isEqualTo("_INTERNAL#EventPublication#ARCHIVED");
		DeleteItemRequest delete = (DeleteItemRequest) sent.get(2).request();
		assertThat(delete.conditionExpression()).isEqualTo("#status = :readStatus AND #attempts = :readAttempts");
		assertThat(delete.expressionAttributeValues().get(":readStatus").s()).isEqualTo("PROCESSING");
	}

	@Test
	void readsOfSeveralStatusesAreMergedOldestFirstAndLimited() {
		Map<String, List<Map<String, AttributeValue>>> partitions = Map.of(
				"_INTERNAL#EventPublication#PUBLISHED", List.of(item(3), item(5)),
				"_INTERNAL#EventPublication#PROCESSING", List.of(item(1)),
				"_INTERNAL#EventPublication#FAILED", List.of(item(2), item(4)),
				"_INTERNAL#EventPublication#RESUBMITTED", List.of());
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			QueryRequest query = (QueryRequest) ((Request.Plain) request).request();
			String partition = query.expressionAttributeValues().get(":partition").s();
			List<Map<String, AttributeValue>> items = partitions.get(partition);
			Integer limit = query.limit();
			return Answer.of(QueryResponse.builder()
				.items((limit != null && limit < items.size()) ? items.subList(0, limit) : items)
				.build());
		});

		List<Stored> all = driver.run(this.requests.find(PublicationPartitions.NONE.incomplete(), Filter.ALL));
		assertThat(all).extracting((stored) -> stored.publicationDate().getEpochSecond()).containsExactly(1L, 2L, 3L,
				4L, 5L);
		List<Stored> oldest = driver.run(this.requests.find(PublicationPartitions.NONE.incomplete(), Filter.ALL.limit(2)));
		assertThat(oldest).extracting((stored) -> stored.publicationDate().getEpochSecond()).containsExactly(1L, 2L);
		assertThat(driver.sent(Request.Plain.class)).extracting((sent) -> ((QueryRequest) sent.request()).indexName())
			.containsOnly("gsitype");
	}

	@Test
	void spreadStatusesPutEachPublicationInItsShardAtEveryTransition() {
		PublicationRequests spread = new PublicationRequests(TABLE, new PublicationPartitions(new KeyShards(4)));
		UUID id = UUID.fromString("00000000-0000-0002-0000-000000000001");
		int shard = spread.partitions().shards().shard(id.toString());
		assertThat(shard).isEqualTo(new KeyShards(4).shard("00000000-0000-0002-0000-000000000001"));

		WriteUnit unit = spread.create(new Published(id, Instant.ofEpochSecond(1)), "{}");
		assertThat(unit.items().get(0).put().item().get("gsitype").s())
			.isEqualTo("_INTERNAL#EventPublication#PUBLISHED#" + shard);

		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		driver.run(spread.transition(id, State.PUBLISHED, Status.PROCESSING));
		driver.run(spread.resubmit(id, new State(Status.FAILED, 1), Instant.now()));
		driver.run(spread.complete(id, new State(Status.PROCESSING, 2), Instant.now(), CompletionMode.UPDATE));
		driver.run(spread.complete(id, new State(Status.PROCESSING, 2), Instant.now(), CompletionMode.ARCHIVE));
		assertThat(driver.sent(Request.Conditional.class))
			.extracting((sent) -> ((UpdateItemRequest) sent.request()).expressionAttributeValues().get(":partition").s())
			.containsExactly("_INTERNAL#EventPublication#PROCESSING#" + shard,
					"_INTERNAL#EventPublication#RESUBMITTED#" + shard, "_INTERNAL#EventPublication#COMPLETED#" + shard,
					"_INTERNAL#EventPublication#ARCHIVED#" + shard);
	}

	@Test
	void aReadOfSpreadStatusesQueriesEveryShardOnceAndTheKeyOfTheLayoutBeforeAndMergesThemOldestFirst() {
		PublicationRequests spread = new PublicationRequests(TABLE, new PublicationPartitions(new KeyShards(3)));
		Map<String, List<Map<String, AttributeValue>>> partitions = Map.of(
				"_INTERNAL#EventPublication#FAILED", List.of(item(4)),
				"_INTERNAL#EventPublication#FAILED#0", List.of(item(2), item(6)),
				"_INTERNAL#EventPublication#FAILED#1", List.of(item(1), item(5)),
				"_INTERNAL#EventPublication#FAILED#2", List.of(item(3)));
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			QueryRequest query = (QueryRequest) ((Request.Plain) request).request();
			List<Map<String, AttributeValue>> items = partitions.get(query.expressionAttributeValues()
				.get(":partition")
				.s());
			Integer limit = query.limit();
			return Answer.of(QueryResponse.builder()
				.items((limit != null && limit < items.size()) ? items.subList(0, limit) : items)
				.build());
		});

		List<Stored> all = driver.run(spread.find(spread.partitions().of(Status.FAILED), Filter.ALL));
		assertThat(all).extracting((stored) -> stored.publicationDate().getEpochSecond()).containsExactly(1L, 2L, 3L,
				4L, 5L, 6L);
		assertThat(driver.sent(Request.Plain.class))
			.extracting((sent) -> ((QueryRequest) sent.request()).expressionAttributeValues().get(":partition").s())
			.containsExactlyInAnyOrderElementsOf(partitions.keySet());
		List<Stored> oldest = driver.run(spread.find(spread.partitions().of(Status.FAILED), Filter.ALL.limit(3)));
		assertThat(oldest).extracting((stored) -> stored.publicationDate().getEpochSecond()).containsExactly(1L, 2L,
				3L);
	}

	private static Map<String, AttributeValue> item(long second) {
		return PublicationItems.item(new Published(UUID.randomUUID(), Instant.ofEpochSecond(second)), "{}",
				PublicationPartitions.NONE);
	}

	record OrderPlaced(String order) {
	}

	/** A publication as Spring Modulith makes one when an event is published. */
	private record Published(UUID id, Instant date) implements TargetEventPublication {

		@Override
		public UUID getIdentifier() {
			return this.id;
		}

		@Override
		public Object getEvent() {
			return new OrderPlaced("o1");
		}

		@Override
		public PublicationTargetIdentifier getTargetIdentifier() {
			return PublicationTargetIdentifier.of("billing");
		}

		@Override
		public Instant getPublicationDate() {
			return this.date;
		}

		@Override
		public java.util.Optional<Instant> getCompletionDate() {
			return java.util.Optional.empty();
		}

		@Override
		public Status getStatus() {
			return Status.PUBLISHED;
		}

		@Override
		public Instant getLastResubmissionDate() {
			return null;
		}

		@Override
		public int getCompletionAttempts() {
			return 1;
		}

		@Override
		public void markCompleted(Instant instant) {
			throw new UnsupportedOperationException();
		}

	}

}
