package dev.singletable.evolution.internal.rewrite;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ItemLayout.IndexAttributes;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.ItemProcessor;
import dev.singletable.evolution.internal.backfill.ItemSelection;
import dev.singletable.evolution.internal.backfill.RunRequests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Re-indexes a latest item: computes its index attributes from the type's current definitions
 * ({@link ItemLayout#indexAttributes}, the code every write uses, so values render as Python renders them) and,
 * when they differ from the stored ones, sets the changed ones and removes those no longer computed with one
 * {@code UpdateItem} conditioned on the state read ({@link ReadState}). Content, version, timestamps and history
 * are not touched; an item already right is not written.
 */
public final class Reindexer implements ItemProcessor.Planned {

	private final SingleTableConverter converter;

	private final ItemLayout layout;

	private final SingleTablePersistentEntity<?> metadata;

	private final ItemSelection selection;

	private final StoredResource stored;

	public Reindexer(SingleTableConverter converter, SingleTablePersistentEntity<?> metadata, ItemSelection selection) {
		this.converter = converter;
		this.layout = new ItemLayout(converter);
		this.metadata = metadata;
		this.selection = selection;
		this.stored = new StoredResource(converter, metadata);
	}

	@Override
	public Step<Outcome> plan(String tableName, Map<String, AttributeValue> item) {
		Map<String, AttributeValue> computed = changes(item);
		if (computed.isEmpty()) {
			return Step.done(Outcome.UNCHANGED);
		}
		// first the history, so that a run stopped in between finds the latest item still to do
		Step<Void> history = (computed.containsKey(this.metadata.getTtlAttribute())
				&& this.metadata.getTtlProperty() != null) ? reindexHistoryTtl(tableName, item) : Step.done(null);
		List<String> sets = new ArrayList<>();
		List<String> removes = new ArrayList<>();
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		int i = 0;
		for (Map.Entry<String, AttributeValue> change : computed.entrySet()) {
			names.put("#a" + i, change.getKey());
			if (change.getValue() != null) {
				values.put(":a" + i, change.getValue());
				sets.add("#a" + i + " = :a" + i);
			}
			else {
				removes.add("#a" + i);
			}
			i++;
		}
		String expression = (sets.isEmpty() ? "" : "SET " + String.join(", ", sets))
				+ (removes.isEmpty() ? "" : " REMOVE " + String.join(", ", removes));
		ReadState state = ReadState.of(item);
		UpdateItemRequest update = UpdateItemRequest.builder()
			.tableName(tableName)
			.key(ItemProcessor.keyOf(item))
			.updateExpression(expression.trim())
			.conditionExpression(state.expression())
			.expressionAttributeNames(state.names(names))
			.expressionAttributeValues(state.values(values))
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build();
		return history.then((done) -> ItemRequests.conditional(update)).then((written) -> Step.done(Outcome.WRITTEN));
	}

	/**
	 * Sets the TTL attribute of every version item of a versioned resource as a write sets it (computed from that
	 * version's content), so that its history expires with it. Version items never change, so each update is
	 * conditioned on the item still existing only (retention may delete one meanwhile), and sent one after the other
	 * (the first failure ends the plan).
	 */
	private Step<Void> reindexHistoryTtl(String tableName, Map<String, AttributeValue> latest) {
		String attribute = this.metadata.getTtlAttribute();
		return this.stored.history(tableName, latest.get(ItemAttributes.PK).s()).then((history) -> {
			Step<Void> updates = Step.done(null);
			for (Map<String, AttributeValue> version : history) {
				AttributeValue value = indexAttributes(version).values().get(attribute);
				if (Objects.equals(value, version.get(attribute))) {
					continue;
				}
				ReadState exists = ReadState.exists();
				UpdateItemRequest update = UpdateItemRequest.builder()
					.tableName(tableName)
					.key(ItemProcessor.keyOf(version))
					.updateExpression((value != null) ? "SET #ttl = :ttl" : "REMOVE #ttl")
					.conditionExpression(exists.expression())
					.expressionAttributeNames(exists.names(Map.of("#ttl", attribute)))
					.expressionAttributeValues(exists.values((value != null) ? Map.of(":ttl", value) : Map.of()))
					.returnConsumedCapacity(RunRequests.TOTAL)
					.build();
				updates = updates.then((done) -> ItemRequests.conditional(update)).then((written) -> Step.done(null));
			}
			return updates;
		});
	}

	/**
	 * The index attributes of an item that differ from what the definitions compute: the new value, or
	 * {@literal null} for one the item must no longer carry.
	 */
	Map<String, AttributeValue> changes(Map<String, AttributeValue> item) {
		IndexAttributes computed = indexAttributes(item);
		Map<String, AttributeValue> changes = new HashMap<>();
		for (String name : computed.managed()) {
			AttributeValue value = computed.values().get(name);
			AttributeValue stored = item.get(name);
			if (!Objects.equals(value, stored)) {
				changes.put(name, value);
			}
		}
		return changes;
	}

	/**
	 * The index attributes the type's definitions compute for an item.
	 */
	IndexAttributes indexAttributes(Map<String, AttributeValue> item) {
		Object entity = this.converter.read(this.metadata.getType(), item);
		// the timestamps of a compressed item are inside its data: read them only when the keys need them (an item
		// without a type-index sort key, a TTL counted from the creation time)
		boolean needed = !item.containsKey(ItemAttributes.GSI_TYPE_SK) || this.metadata.getTtlProperty() != null;
		Map<String, Instant> timestamps = needed ? this.converter.readTimestamps(item) : Map.of();
		Instant updatedAt = timestamps.getOrDefault(ItemAttributes.UPDATED_AT, Instant.EPOCH);
		return this.layout.indexAttributes(this.metadata, this.selection.idOf(item), entity, item, updatedAt,
				timestamps.get(ItemAttributes.CREATED_AT));
	}

}
