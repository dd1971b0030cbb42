package dev.singletable.evolution.internal.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemProcessor;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import dev.singletable.evolution.internal.backfill.RunRequests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * Moves a resource stored under an earlier type prefix to the type's current one, with its whole history, in an
 * order that loses nothing and can be interrupted anywhere and run again:
 * <ol>
 * <li>its blob objects are copied to the new prefix's keys (a copy of the same object again is harmless);
 * <li>its version items are put under the new {@code pk} unless there (they never change), then its latest item
 * unless a newer one is there already (an application that wrote the new prefix meanwhile), with the index
 * attributes its definitions compute now ({@code gsitype} the new prefix);
 * <li>the old version items are deleted, then the old latest item, conditioned on the version (or modification
 * time) read: a write to the old prefix meanwhile fails it and the resource is moved again from a fresh read;
 * <li>the old blob objects are deleted.
 * </ol>
 * The move of a resource is a plan ({@link #plan}), its object requests sent to the template's blob storage.
 */
public final class Mover implements ItemProcessor.Planned {

	private final StoredResource stored;

	private final Reindexer reindexer;

	private final ItemSelection from;

	private final String toPrefix;

	private final String fromPrefix;

	/** Whether the resource has blob objects to move: a blob property, and the template's blob storage. */
	private final boolean blobs;

	/**
	 * Creates the mover of a type.
	 * @param withBlobStorage whether the template has a blob storage (its objects are moved too)
	 */
	public Mover(SingleTableConverter converter, SingleTablePersistentEntity<?> metadata, ItemSelection from,
			String fromPrefix, boolean withBlobStorage) {
		this.stored = new StoredResource(converter, metadata);
		this.from = from;
		this.fromPrefix = fromPrefix;
		this.toPrefix = metadata.getPrefix();
		this.blobs = withBlobStorage && !metadata.getBlobProperties().isEmpty();
		this.reindexer = new Reindexer(converter, metadata,
				ItemSelection.latestItems(metadata, metadata.getPrefix()));
	}

	@Override
	public Step<Outcome> plan(String tableName, Map<String, AttributeValue> latest) {
		String id = this.from.idOf(latest);
		String newPk = this.stored.metadata().getPartitionKeyPrefix() + id;
		ReadState state = ReadState.of(latest);
		DeleteItemRequest deleteLatest = DeleteItemRequest.builder()
			.tableName(tableName)
			.key(ItemProcessor.keyOf(latest))
			.conditionExpression(state.expression())
			.expressionAttributeNames(state.names(Map.of()))
			.expressionAttributeValues(state.values(Map.of()))
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build();
		return this.stored.history(tableName, latest.get(ItemAttributes.PK).s()).then((history) -> {
			List<Request> puts = history.stream()
				.map((version) -> putIfAbsent(tableName, moved(version, newPk)))
				.toList();
			List<Request> deletes = history.stream().map((version) -> delete(tableName, version)).toList();
			return copyBlobs(id, latest).then((copied) -> sendAll(puts))
				.then((put) -> putLatest(tableName, withIndexes(moved(latest, newPk))))
				.then((put) -> sendAll(deletes))
				.then((deleted) -> ItemRequests.conditional(deleteLatest))
				.then((deleted) -> this.blobs ? sendAll(List.of(new BlobRequest.DeleteBlobResource(this.fromPrefix, id)))
						: Step.done(null))
				.then((done) -> Step.done(Outcome.WRITTEN));
		});
	}

	/**
	 * Copies the objects of the resource's blob properties to the new prefix's keys.
	 */
	private Step<Void> copyBlobs(String id, Map<String, AttributeValue> latest) {
		if (!this.blobs) {
			return Step.done(null);
		}
		if (this.stored.metadata().isVersioned()) {
			return Step.send(new BlobRequest.ListBlobs(this.fromPrefix, id), (answer) -> {
				List<Request> copies = new ArrayList<>();
				for (Object location : answer.get(List.class)) {
					BlobLocation from = (BlobLocation) location;
					copies.add(new BlobRequest.CopyBlob(from,
							new BlobLocation(this.toPrefix, id, from.version(), from.field())));
				}
				return sendAll(copies);
			});
		}
		List<Request> copies = new ArrayList<>();
		AttributeValue fields = latest.get("_blob_fields");
		if (fields != null && fields.hasL()) {
			for (AttributeValue field : fields.l()) {
				copies.add(new BlobRequest.CopyBlob(BlobLocation.of(this.fromPrefix, id, field.s()),
						BlobLocation.of(this.toPrefix, id, field.s())));
			}
		}
		return sendAll(copies);
	}

	/**
	 * Sends requests together: a failed condition (a version item moved by an earlier attempt) is no failure, any
	 * other failure fails the plan once all are answered.
	 */
	private static Step<Void> sendAll(List<Request> requests) {
		return Step.sendAll(requests, (answers) -> {
			for (Answer answer : answers) {
				RuntimeException failure = answer.failure();
				if (failure != null && !ConditionFailures.isStale(failure)) {
					throw failure;
				}
			}
			return Step.done(null);
		});
	}

	private Map<String, AttributeValue> moved(Map<String, AttributeValue> item, String newPk) {
		Map<String, AttributeValue> copy = new HashMap<>(item);
		boolean plainKey = item.get(ItemAttributes.SK).s().equals(item.get(ItemAttributes.PK).s());
		copy.put(ItemAttributes.PK, AttributeValue.fromS(newPk));
		if (plainKey) {
			copy.put(ItemAttributes.SK, AttributeValue.fromS(newPk));
		}
		return copy;
	}

	private Map<String, AttributeValue> withIndexes(Map<String, AttributeValue> item) {
		Map<String, AttributeValue> indexed = new HashMap<>(item);
		this.reindexer.changes(item).forEach((name, value) -> {
			if (value != null) {
				indexed.put(name, value);
			}
			else {
				indexed.remove(name);
			}
		});
		return indexed;
	}

	private static Request putIfAbsent(String tableName, Map<String, AttributeValue> item) {
		// its condition fails when an earlier attempt moved it already: a version item never changes
		return new Request.Conditional(PutItemRequest.builder()
			.tableName(tableName)
			.item(item)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build());
	}

	private static Request delete(String tableName, Map<String, AttributeValue> item) {
		return new Request.Plain(DeleteItemRequest.builder()
			.tableName(tableName)
			.key(ItemProcessor.keyOf(item))
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build());
	}

	/**
	 * Puts the latest item under the new prefix unless a newer one is stored there.
	 */
	private static Step<Boolean> putLatest(String tableName, Map<String, AttributeValue> item) {
		String attribute = item.containsKey(ItemAttributes.VERSION) ? ItemAttributes.VERSION
				: item.containsKey(ItemAttributes.UPDATED_AT) ? ItemAttributes.UPDATED_AT : null;
		Map<String, String> names = new HashMap<>(Map.of("#pk", ItemAttributes.PK));
		String condition = "attribute_not_exists(#pk)";
		Map<String, AttributeValue> values = null;
		if (attribute != null) {
			names.put("#state", attribute);
			condition += " OR #state <= :state";
			values = Map.of(":state", item.get(attribute));
		}
		// false when a newer latest item is stored under the new prefix: it stays
		return ItemRequests.ifConditionHolds(PutItemRequest.builder()
			.tableName(tableName)
			.item(item)
			.conditionExpression(condition)
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build());
	}

}
