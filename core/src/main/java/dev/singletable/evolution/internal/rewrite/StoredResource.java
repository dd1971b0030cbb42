package dev.singletable.evolution.internal.rewrite;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.evolution.internal.backfill.RunRequests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * What the item-rewriting processors share: reading a resource's stored items, and building a stored item again
 * from an entity through {@link ItemLayout} (the one builder of items) with the stored version and timestamps, the
 * attributes the layout does not write from the entity (blob references) carried over.
 */
final class StoredResource {

	/** Attributes of a stored item that are not written from the entity and stay as they are. */
	private static final String[] CARRIED = { "_blob_fields", "_blob_versions" };

	private final SingleTableConverter converter;

	private final ItemLayout layout;

	private final SingleTablePersistentEntity<?> metadata;

	StoredResource(SingleTableConverter converter, SingleTablePersistentEntity<?> metadata) {
		this.converter = converter;
		this.layout = new ItemLayout(converter);
		this.metadata = metadata;
	}

	SingleTablePersistentEntity<?> metadata() {
		return this.metadata;
	}

	Object read(Map<String, AttributeValue> item) {
		return this.converter.read(this.metadata.getType(), item);
	}

	/**
	 * Reads the history items of a versioned resource's partition (without its {@code v0}), strongly consistent;
	 * none for a plain type.
	 */
	Step<List<Map<String, AttributeValue>>> history(String tableName, String pk) {
		if (!this.metadata.isVersioned()) {
			return Step.done(List.of());
		}
		return QueryAll.of(QueryRequest.builder()
			.tableName(tableName)
			.keyConditionExpression("#pk = :pk")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
			.consistentRead(true)
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build()).then((items) -> Step.done(items.stream().filter((item) -> !isLatest(item)).toList()));
	}

	/**
	 * Builds an item again from an entity, as the layout writes it, keeping the stored item's version, timestamps
	 * and type-index sort key: its latest item, or with {@code history} the version item of a versioned resource.
	 * @param stored the item as stored
	 * @param entity the entity its content comes from
	 * @param latest the resource's latest item as stored (a history item copies its TTL)
	 */
	Map<String, AttributeValue> rebuild(String id, Map<String, AttributeValue> stored, Object entity,
			Map<String, AttributeValue> latest) {
		Map<String, Instant> timestamps = this.converter.readTimestamps(stored);
		Instant updatedAt = timestamps.getOrDefault(ItemAttributes.UPDATED_AT, Instant.EPOCH);
		Instant createdAt = timestamps.get(ItemAttributes.CREATED_AT);
		Map<String, AttributeValue> body = this.layout.body(entity, createdAt, stored.get(ItemAttributes.CREATED_AT),
				updatedAt);
		long version = version(stored);
		Map<String, AttributeValue> item;
		if (isLatest(stored)) {
			item = new LinkedHashMap<>(this.layout.latest(this.metadata, id, entity, body, version, updatedAt, createdAt));
			AttributeValue typeSort = stored.get(ItemAttributes.GSI_TYPE_SK);
			boolean declaredSort = this.metadata.getIndexDefinitions()
				.stream()
				.anyMatch((definition) -> definition.isTypeIndex() && (definition.sort() != null || definition.method() != null));
			if (typeSort != null && !declaredSort) {
				item.put(ItemAttributes.GSI_TYPE_SK, typeSort);
			}
		}
		else {
			item = new LinkedHashMap<>(this.layout.history(this.metadata, id, body, version, latest));
		}
		for (String carried : CARRIED) {
			AttributeValue value = stored.get(carried);
			if (value != null) {
				item.put(carried, value);
			}
		}
		return item;
	}

	/**
	 * Puts an item conditioned on the state the item it replaces was read in: a failed condition fails the plan.
	 */
	static Step<@Nullable Object> put(String tableName, Map<String, AttributeValue> item, ReadState state) {
		return ItemRequests.conditional(PutItemRequest.builder()
			.tableName(tableName)
			.item(item)
			.conditionExpression(state.expression())
			.expressionAttributeNames(state.names(Map.of()))
			.expressionAttributeValues(state.values(Map.of()))
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build());
	}

	boolean isLatest(Map<String, AttributeValue> item) {
		return !this.metadata.isVersioned() || ItemLayout.isLatestCopy(item);
	}

	static long version(Map<String, AttributeValue> item) {
		AttributeValue version = item.get(ItemAttributes.VERSION);
		return (version != null && version.n() != null) ? Long.parseLong(version.n()) : 0;
	}

	/**
	 * The key of a version item of a resource.
	 */
	static Map<String, AttributeValue> versionKey(String pk, long version) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(pk), ItemAttributes.SK,
				AttributeValue.fromS(ResourceIds.versionKey(version)));
	}

	static @Nullable Map<String, AttributeValue> find(List<Map<String, AttributeValue>> items, String sk) {
		for (Map<String, AttributeValue> item : items) {
			if (sk.equals(item.get(ItemAttributes.SK).s())) {
				return item;
			}
		}
		return null;
	}

}
