package dev.singletable.evolution.internal.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemProcessor;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import dev.singletable.evolution.internal.backfill.RunRequests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

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
 */
public final class Mover implements ItemProcessor {

	private final StoredResource stored;

	private final Reindexer reindexer;

	private final ItemSelection from;

	private final String toPrefix;

	private final String fromPrefix;

	private final @Nullable BlobStorage blobs;

	public Mover(SingleTableConverter converter, SingleTablePersistentEntity<?> metadata, ItemSelection from,
			String fromPrefix, @Nullable BlobStorage blobs) {
		this.stored = new StoredResource(converter, metadata);
		this.from = from;
		this.fromPrefix = fromPrefix;
		this.toPrefix = metadata.getPrefix();
		this.blobs = blobs;
		this.reindexer = new Reindexer(converter, metadata,
				ItemSelection.latestItems(metadata, metadata.getPrefix()));
	}

	@Override
	public Outcome process(Map<String, AttributeValue> latest, RunRequests requests) {
		String id = this.from.idOf(latest);
		String oldPk = latest.get(ItemAttributes.PK).s();
		String newPk = this.stored.metadata().getPartitionKeyPrefix() + id;
		List<Map<String, AttributeValue>> history = new ArrayList<>();
		if (this.stored.metadata().isVersioned()) {
			for (Map<String, AttributeValue> item : StoredResource.partition(requests, oldPk)) {
				if (!this.stored.isLatest(item)) {
					history.add(item);
				}
			}
		}
		copyBlobs(id, latest);
		for (Map<String, AttributeValue> version : history) {
			putIfAbsent(requests, moved(version, newPk));
		}
		putLatest(requests, withIndexes(moved(latest, newPk)));
		for (Map<String, AttributeValue> version : history) {
			requests.send((client) -> client.deleteItem((request) -> request
				.tableName(requests.tableName())
				.key(ItemProcessor.keyOf(version))
				.returnConsumedCapacity(RunRequests.TOTAL)), (response) -> response.consumedCapacity());
		}
		ReadState state = ReadState.of(latest);
		requests.sendConditional((client) -> client.deleteItem((request) -> request
			.tableName(requests.tableName())
			.key(ItemProcessor.keyOf(latest))
			.conditionExpression(state.expression())
			.expressionAttributeNames(state.names(Map.of()))
			.expressionAttributeValues(state.values(Map.of()))
			.returnConsumedCapacity(RunRequests.TOTAL)), (response) -> response.consumedCapacity());
		if (this.blobs != null && !this.stored.metadata().getBlobProperties().isEmpty()) {
			this.blobs.deleteResource(this.fromPrefix, id);
		}
		return Outcome.WRITTEN;
	}

	/**
	 * Copies the objects of the resource's blob properties to the new prefix's keys.
	 */
	private void copyBlobs(String id, Map<String, AttributeValue> latest) {
		if (this.blobs == null || this.stored.metadata().getBlobProperties().isEmpty()) {
			return;
		}
		if (this.stored.metadata().isVersioned()) {
			for (BlobLocation location : this.blobs.listVersioned(this.fromPrefix, id)) {
				this.blobs.copy(location, new BlobLocation(this.toPrefix, id, location.version(), location.field()));
			}
		}
		else {
			AttributeValue fields = latest.get("_blob_fields");
			if (fields != null && fields.hasL()) {
				for (AttributeValue field : fields.l()) {
					this.blobs.copy(BlobLocation.of(this.fromPrefix, id, field.s()),
							BlobLocation.of(this.toPrefix, id, field.s()));
				}
			}
		}
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

	private static void putIfAbsent(RunRequests requests, Map<String, AttributeValue> item) {
		// false when an earlier attempt moved it already: a version item never changes
		requests.sendIfConditionHolds((client) -> client.putItem((request) -> request
			.tableName(requests.tableName())
			.item(item)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
			.returnConsumedCapacity(RunRequests.TOTAL)), (response) -> response.consumedCapacity());
	}

	/**
	 * Puts the latest item under the new prefix unless a newer one is stored there.
	 */
	private static void putLatest(RunRequests requests, Map<String, AttributeValue> item) {
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
		String expression = condition;
		Map<String, AttributeValue> conditionValues = values;
		// false when a newer latest item is stored under the new prefix: it stays
		requests.sendIfConditionHolds((client) -> client.putItem((request) -> request
			.tableName(requests.tableName())
			.item(item)
			.conditionExpression(expression)
			.expressionAttributeNames(names)
			.expressionAttributeValues(conditionValues)
			.returnConsumedCapacity(RunRequests.TOTAL)), (response) -> response.consumedCapacity());
	}

}
