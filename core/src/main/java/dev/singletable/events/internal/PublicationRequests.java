package dev.singletable.events.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.modulith.events.EventPublication.Status;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;

import dev.singletable.core.IncompleteBatchWriteException;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.BatchWrite;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.events.internal.PublicationItems.State;
import dev.singletable.events.internal.PublicationItems.Stored;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The plans of the requests the outbox sends for one table: the unit that stores a new publication (which the
 * template collects into the transaction of the writes it goes with), each status transition as one
 * compare-and-set {@code UpdateItem} (or, completed in the delete mode, a {@code DeleteItem}) on the condition that
 * the publication is still in the state read (status and completion attempts), and the reads of the type index's
 * status partitions ({@link PublicationItems}). No plan touches a client: the template's driver runs them.
 */
public final class PublicationRequests {

	/** What the unit of a publication is called in messages (the 100-item limit of a transaction names it). */
	public static final String OPERATION = "event publication";

	private static final String STATUS = "#status";

	private static final String ATTEMPTS = "#attempts";

	private final String tableName;

	private final PublicationPartitions partitions;

	/**
	 * Creates the plans of a table's publications, one partition per status.
	 */
	public PublicationRequests(String tableName) {
		this(tableName, PublicationPartitions.NONE);
	}

	/**
	 * Creates the plans of a table's publications.
	 * @param partitions the partitions of the statuses
	 */
	public PublicationRequests(String tableName, PublicationPartitions partitions) {
		this.tableName = tableName;
		this.partitions = partitions;
	}

	/** The partitions of the statuses, which reads name. */
	public PublicationPartitions partitions() {
		return this.partitions;
	}

	/**
	 * Returns the unit that stores a new publication, on the condition that no item has its key.
	 * @param serializedEvent the event as the serializer wrote it
	 */
	public WriteUnit create(TargetEventPublication publication, String serializedEvent) {
		UUID id = publication.getIdentifier();
		Put put = Put.builder()
			.tableName(this.tableName)
			.item(PublicationItems.item(publication, serializedEvent, this.partitions))
			.conditionExpression("attribute_not_exists(" + ItemAttributes.PK + ")")
			.build();
		return WriteUnit.failingWith(OPERATION, publication.getEvent().getClass(), id.toString(),
				List.of(TransactWriteItem.builder().put(put).build()),
				(failures) -> new DuplicateKeyException("An event publication with the identifier " + id
						+ " is stored already in table '" + this.tableName + "'; publish the event again to get a "
						+ "new identifier"),
				null);
	}

	/**
	 * Moves a publication to a status other than completed or resubmitted (processing, failed), on the condition that
	 * it is still in the state read: compare and set.
	 * @param read the state the caller read or left it in; {@literal null} to read it now (consistently)
	 * @return the state it was left in, {@literal null} when it was not in the state read (or is gone)
	 */
	public Step<@Nullable State> transition(UUID id, @Nullable State read, Status status) {
		return fromState(id, read, (from) -> {
			Map<String, AttributeValue> values = new HashMap<>();
			values.put(":to", AttributeValue.fromS(status.name()));
			values.put(":partition", this.partitions.partition(status, id));
			return compareAndSet(update(id).updateExpression("SET " + STATUS + " = :to, " + ItemAttributes.GSI_TYPE
					+ " = :partition"), values, from, new State(status, from.attempts()));
		});
	}

	/**
	 * Completes a publication as the completion mode says: marked completed in its partition ({@code UPDATE}) or in
	 * the archive's ({@code ARCHIVE}), or deleted ({@code DELETE}); on the condition that it is still in the state
	 * read.
	 * @param read the state the caller read or left it in; {@literal null} to read it now (consistently)
	 * @return the state it was left in (completed, also when deleted), {@literal null} when it was not in the state
	 * read (or is gone)
	 */
	public Step<@Nullable State> complete(UUID id, @Nullable State read, Instant date, CompletionMode mode) {
		return fromState(id, read, (from) -> {
			State completed = new State(Status.COMPLETED, from.attempts());
			Map<String, AttributeValue> values = new HashMap<>();
			if (mode == CompletionMode.DELETE) {
				DeleteItemRequest.Builder delete = DeleteItemRequest.builder()
					.tableName(this.tableName)
					.key(PublicationItems.key(id))
					.expressionAttributeNames(names());
				return ifInState(delete.conditionExpression(inState(values, from))
					.expressionAttributeValues(values)
					.build(), completed);
			}
			values.put(":completed", AttributeValue.fromS(Status.COMPLETED.name()));
			values.put(":partition", (mode == CompletionMode.ARCHIVE) ? this.partitions.archive(id)
					: this.partitions.partition(Status.COMPLETED, id));
			values.put(":date", AttributeValue.fromS(PublicationItems.format(date)));
			return compareAndSet(update(id).updateExpression("SET " + STATUS + " = :completed, "
					+ ItemAttributes.GSI_TYPE + " = :partition, " + PublicationItems.COMPLETION_DATE + " = :date"),
					values, from, completed);
		});
	}

	/**
	 * Claims a publication for resubmission: moves it to resubmitted, counting the attempt, on the condition that it
	 * is still in the state read. A publication read resubmitted (another instance claimed it) or completed is not
	 * claimed; nor is one another instance moved on since it was read, whatever its listener did in between.
	 * @param read the state the caller read it in; {@literal null} to read it now (consistently)
	 * @return the state it was left in, {@literal null} when this caller did not claim it
	 */
	public Step<@Nullable State> resubmit(UUID id, @Nullable State read, Instant date) {
		return fromState(id, read, (from) -> {
			if (from.claimed()) {
				return Step.done(null);
			}
			Map<String, AttributeValue> values = new HashMap<>();
			values.put(":to", AttributeValue.fromS(Status.RESUBMITTED.name()));
			values.put(":partition", this.partitions.partition(Status.RESUBMITTED, id));
			values.put(":date", AttributeValue.fromS(PublicationItems.format(date)));
			values.put(":next", AttributeValue.fromN(Integer.toString(from.attempts() + 1)));
			return compareAndSet(update(id).updateExpression("SET " + STATUS + " = :to, " + ItemAttributes.GSI_TYPE
					+ " = :partition, " + PublicationItems.LAST_RESUBMISSION_DATE + " = :date, " + ATTEMPTS
					+ " = :next"), values, from, new State(Status.RESUBMITTED, from.attempts() + 1));
		});
	}

	/**
	 * Runs a transition from the state read, reading it first (consistently) when the caller has none.
	 */
	private Step<@Nullable State> fromState(UUID id, @Nullable State read,
			Function<State, Step<@Nullable State>> transition) {
		if (read != null) {
			return transition.apply(read);
		}
		GetItemRequest get = GetItemRequest.builder()
			.tableName(this.tableName)
			.key(PublicationItems.key(id))
			.consistentRead(true)
			.build();
		return Step.send(new Request.Plain(get), (answer) -> {
			GetItemResponse response = answer.get(GetItemResponse.class);
			return (response.hasItem() && !response.item().isEmpty())
					? transition.apply(PublicationItems.read(response.item()).state()) : Step.done(null);
		});
	}

	private Step<@Nullable State> compareAndSet(UpdateItemRequest.Builder update, Map<String, AttributeValue> values,
			State from, State to) {
		String condition = inState(values, from);
		return ifInState(update.conditionExpression(condition).expressionAttributeValues(values).build(), to);
	}

	/** The condition that the item is in a state, its values added to the request's. */
	private static String inState(Map<String, AttributeValue> values, State state) {
		values.put(":readStatus", AttributeValue.fromS(state.status().name()));
		values.put(":readAttempts", AttributeValue.fromN(Integer.toString(state.attempts())));
		return STATUS + " = :readStatus AND " + ATTEMPTS + " = :readAttempts";
	}

	private static Step<@Nullable State> ifInState(DynamoDbRequest request, State to) {
		return ItemRequests.ifConditionHolds(request).then((held) -> Step.done(Boolean.TRUE.equals(held) ? to : null));
	}

	/**
	 * Deletes publications by identifier, in batches; fails naming any delete not confirmed.
	 */
	public Step<Void> delete(List<UUID> ids) {
		List<WriteRequest> deletes = ids.stream()
			.map((id) -> WriteRequest.builder()
				.deleteRequest(DeleteRequest.builder().key(PublicationItems.key(id)).build())
				.build())
			.toList();
		return deletes.isEmpty() ? Step.done(null)
				: BatchWrite.confirmed(this.tableName, deletes, IncompleteBatchWriteException::new);
	}

	/**
	 * Reads the publications of some statuses, oldest first.
	 * @param statuses the partitions to read (of {@link #partitions()}: the incomplete, the completed, or one status's)
	 * @param filter what else the publications must match
	 */
	public Step<List<Stored>> find(List<AttributeValue> statuses, Filter filter) {
		List<Step<List<Stored>>> reads = statuses.stream().map((partition) -> read(partition, filter, null,
				new ArrayList<>(), filter.max())).toList();
		return Step.all(reads).then((lists) -> {
			List<Stored> all = new ArrayList<>();
			for (List<Stored> list : lists) {
				all.addAll(list);
			}
			all.sort(Comparator.comparing(Stored::publicationDate));
			return Step.done((filter.max() >= 0 && all.size() > filter.max())
					? List.copyOf(all.subList(0, (int) filter.max())) : List.copyOf(all));
		});
	}

	/**
	 * Counts the publications of some statuses.
	 */
	public Step<Integer> count(List<AttributeValue> statuses) {
		List<Step<Integer>> counts = statuses.stream()
			.map((partition) -> count(query(partition, Filter.ALL).select(Select.COUNT).build(), null, 0))
			.toList();
		return Step.all(counts).then((each) -> Step.done(each.stream().mapToInt((n) -> (n != null) ? n : 0).sum()));
	}

	private Step<List<Stored>> read(AttributeValue partition, Filter filter,
			@Nullable Map<String, AttributeValue> start, List<Stored> read, long max) {
		QueryRequest.Builder request = query(partition, filter).exclusiveStartKey(start).consistentRead(false);
		if (max >= 0 && filter.listenerId() == null && filter.completedBefore() == null) {
			// without a filter a page of the rest is exactly what is missing
			request.limit((int) Math.min(Integer.MAX_VALUE, max - read.size()));
		}
		return Step.send(new Request.Plain(request.build()), (answer) -> {
			QueryResponse response = answer.get(QueryResponse.class);
			List<Stored> all = new ArrayList<>(read);
			response.items().forEach((item) -> all.add(PublicationItems.read(item)));
			boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
			return (more && (max < 0 || all.size() < max)) ? read(partition, filter, response.lastEvaluatedKey(), all, max)
					: Step.done(all);
		});
	}

	private Step<Integer> count(QueryRequest request, @Nullable Map<String, AttributeValue> start, int counted) {
		return Step.send(new Request.Plain(request.toBuilder().exclusiveStartKey(start).build()), (answer) -> {
			QueryResponse response = answer.get(QueryResponse.class);
			int all = counted + response.count();
			boolean more = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
			return more ? count(request, response.lastEvaluatedKey(), all) : Step.done(all);
		});
	}

	private QueryRequest.Builder query(AttributeValue partition, Filter filter) {
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		names.put("#partition", ItemAttributes.GSI_TYPE);
		values.put(":partition", partition);
		String key = "#partition = :partition";
		if (filter.publishedBefore() != null) {
			names.put("#date", ItemAttributes.GSI_TYPE_SK);
			values.put(":before", AttributeValue.fromS(PublicationItems.format(filter.publishedBefore())));
			key += " AND #date < :before";
		}
		List<String> conditions = new ArrayList<>();
		if (filter.listenerId() != null && filter.serializedEvent() != null) {
			names.put("#listener", PublicationItems.LISTENER_ID);
			names.put("#event", PublicationItems.SERIALIZED_EVENT);
			values.put(":listener", AttributeValue.fromS(filter.listenerId()));
			values.put(":event", AttributeValue.fromS(filter.serializedEvent()));
			conditions.add("#listener = :listener AND #event = :event");
		}
		if (filter.completedBefore() != null) {
			names.put("#completed", PublicationItems.COMPLETION_DATE);
			values.put(":completedBefore", AttributeValue.fromS(PublicationItems.format(filter.completedBefore())));
			conditions.add("#completed < :completedBefore");
		}
		return QueryRequest.builder()
			.tableName(this.tableName)
			.indexName(ItemAttributes.TYPE_INDEX)
			.keyConditionExpression(key)
			.filterExpression(conditions.isEmpty() ? null : String.join(" AND ", conditions))
			.expressionAttributeNames(names)
			.expressionAttributeValues(values);
	}

	private UpdateItemRequest.Builder update(UUID id) {
		return UpdateItemRequest.builder()
			.tableName(this.tableName)
			.key(PublicationItems.key(id))
			.expressionAttributeNames(names());
	}

	private static Map<String, String> names() {
		return Map.of(STATUS, PublicationItems.STATUS, ATTEMPTS, PublicationItems.COMPLETION_ATTEMPTS);
	}

	/**
	 * What a read of publications selects besides their status.
	 * @param publishedBefore only those published before this instant, {@literal null} for all
	 * @param completedBefore only those completed before this instant, {@literal null} for all
	 * @param listenerId only those of this listener (with {@code serializedEvent}), {@literal null} for all
	 * @param serializedEvent only those of this event as serialized, {@literal null} for all
	 * @param max at most this many, the oldest ({@code -1} for all)
	 */
	public record Filter(@Nullable Instant publishedBefore, @Nullable Instant completedBefore,
			@Nullable String listenerId, @Nullable String serializedEvent, long max) {

		/** Every publication of the statuses read. */
		public static final Filter ALL = new Filter(null, null, null, null, -1);

		/** Those published before an instant. */
		public static Filter publishedBefore(@Nullable Instant instant) {
			return new Filter(instant, null, null, null, -1);
		}

		/** Those completed before an instant. */
		public static Filter completedBefore(Instant instant) {
			return new Filter(null, instant, null, null, -1);
		}

		/** Those of an event, as serialized, and a listener. */
		public static Filter of(String serializedEvent, String listenerId) {
			return new Filter(null, null, listenerId, serializedEvent, -1);
		}

		/** The same, at most the given number, the oldest. */
		public Filter limit(long max) {
			return new Filter(this.publishedBefore, this.completedBefore, this.listenerId, this.serializedEvent, max);
		}

	}

}
