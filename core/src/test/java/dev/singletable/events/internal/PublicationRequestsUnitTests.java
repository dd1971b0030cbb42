package dev.singletable.events.internal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;

import dev.singletable.core.internal.plan.Answer;
import dev.singletable.core.internal.plan.Request;
import dev.singletable.core.internal.plan.ScriptedDriver;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.events.internal.PublicationItems.Stored;
import dev.singletable.events.internal.PublicationRequests.Filter;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plans of the outbox's requests, without a server: the item a publication is stored as, each transition's
 * condition, and reads of several status partitions merged oldest first.
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
	void aTransitionMovesThePublicationToItsStatusPartitionUnlessItHasItIsCompletedOrIsGone() {
		ScriptedDriver moved = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		assertThat(moved.run(this.requests.transition(UUID.randomUUID(), Status.FAILED))).isTrue();
		UpdateItemRequest update = (UpdateItemRequest) moved.sent(Request.Conditional.class).get(0).request();
		assertThat(update.updateExpression()).contains("gsitype = :partition");
		assertThat(update.expressionAttributeValues().get(":partition").s())
			.isEqualTo("_INTERNAL#EventPublication#FAILED");
		assertThat(update.conditionExpression())
			.isEqualTo("attribute_exists(pk) AND #status <> :to AND #status <> :completed");

		ScriptedDriver refused = new ScriptedDriver((request) -> Answer.failed(
				ConditionalCheckFailedException.builder().message("The conditional request failed").build()));
		assertThat(refused.run(this.requests.resubmit(UUID.randomUUID(), Instant.now()))).isFalse();
	}

	@Test
	void completingFollowsTheCompletionMode() {
		UUID id = UUID.randomUUID();
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(UpdateItemResponse.builder().build()));
		driver.run(this.requests.complete(id, Instant.now(), CompletionMode.UPDATE));
		driver.run(this.requests.complete(id, Instant.now(), CompletionMode.ARCHIVE));
		driver.run(this.requests.complete(id, Instant.now(), CompletionMode.DELETE));

		List<Request.Conditional> sent = driver.sent(Request.Conditional.class);
		assertThat(((UpdateItemRequest) sent.get(0).request()).expressionAttributeValues().get(":partition").s())
			.isEqualTo("_INTERNAL#EventPublication#COMPLETED");
		assertThat(((UpdateItemRequest) sent.get(1).request()).expressionAttributeValues().get(":partition").s())
			.isEqualTo("_INTERNAL#EventPublication#ARCHIVED");
		assertThat(sent.get(2).request()).isInstanceOf(DeleteItemRequest.class);
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

		List<Stored> all = driver.run(this.requests.find(PublicationRequests.incomplete(), Filter.ALL));
		assertThat(all).extracting((stored) -> stored.publicationDate().getEpochSecond()).containsExactly(1L, 2L, 3L,
				4L, 5L);
		List<Stored> oldest = driver.run(this.requests.find(PublicationRequests.incomplete(), Filter.ALL.limit(2)));
		assertThat(oldest).extracting((stored) -> stored.publicationDate().getEpochSecond()).containsExactly(1L, 2L);
		assertThat(driver.sent(Request.Plain.class)).extracting((sent) -> ((QueryRequest) sent.request()).indexName())
			.containsOnly("gsitype");
	}

	private static Map<String, AttributeValue> item(long second) {
		return PublicationItems.item(new Published(UUID.randomUUID(), Instant.ofEpochSecond(second)), "{}");
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
