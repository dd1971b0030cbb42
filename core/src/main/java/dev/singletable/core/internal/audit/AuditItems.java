package dev.singletable.core.internal.audit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.FieldChange;
import dev.singletable.internal.format.AttributeValues;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.internal.item.KeyShards;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/**
 * Converts between {@link AuditEntry audit entries} and items in {@code simplesingletable}'s {@code AuditLog}
 * layout: a plain, uncompressed item with {@code pk = sk = _INTERNAL#AuditLog#<id>}, its fields
 * ({@code resource_id}, {@code created_at}, {@code updated_at}, {@code audited_resource_type},
 * {@code audited_resource_id}, {@code operation}, {@code changed_by}, {@code changed_fields},
 * {@code resource_snapshot}, {@code audit_metadata}) as top-level attributes, and its index keys:
 * {@code gsitype = _INTERNAL#AuditLog} sorted by {@code created_at}; {@code gsi1pk = _INTERNAL#AuditLog#<type>#<id>}
 * (by resource) and {@code gsi2pk = _INTERNAL#AuditLog#<type>} (by type), both sorted by {@code pk}, so by time;
 * and, when {@code changed_by} is set, {@code gsi3pk = _INTERNAL#AuditLog#changer#<changed_by>} with
 * {@code gsi3sk = created_at}, as the Python library writes since 17.0 (16.5 reads and ignores them).
 * With {@link KeyShards} of more than one shard, {@code gsitype} and {@code gsi2pk} get the row's shard appended
 * ({@code #<k>}); the Python library's reads of all rows and of a type's rows do not see such rows.
 * <p>
 * Internal: public for the template and {@code AuditLogQueries}, which live in another package.
 *
 * @param jsonMapper the mapper that reads stored values into JSON trees (the storage mapper)
 * @param shards the shards rows are written to
 */
public record AuditItems(JsonMapper jsonMapper, KeyShards shards) {

	/** The type prefix and {@code gsitype} of audit rows. */
	public static final String PREFIX = "_INTERNAL#AuditLog";

	/** Attribute: the audited resource's type name. */
	public static final String RESOURCE_TYPE = "audited_resource_type";

	/** Attribute: the audited resource's id. */
	public static final String RESOURCE_ID = "audited_resource_id";

	/** Attribute: the operation. */
	public static final String OPERATION = "operation";

	/** Attribute: who made the change. */
	public static final String CHANGED_BY = "changed_by";

	/** Attribute: the changed fields, {@code {field: {"old": ..., "new": ...}}}. */
	public static final String CHANGED_FIELDS = "changed_fields";

	/** Attribute: the resource after the change. */
	public static final String RESOURCE_SNAPSHOT = "resource_snapshot";

	/** Attribute: free-form metadata. */
	public static final String METADATA = "audit_metadata";

	private static final String OLD = "old";

	private static final String NEW = "new";

	/**
	 * Creates a codec.
	 */
	public AuditItems {
		Assert.notNull(jsonMapper, "JsonMapper must not be null");
		Assert.notNull(shards, "KeyShards must not be null");
	}

	/**
	 * Creates a codec of the unspread layout.
	 * @param jsonMapper the mapper that reads stored values into JSON trees
	 */
	public AuditItems(JsonMapper jsonMapper) {
		this(jsonMapper, KeyShards.NONE);
	}

	/**
	 * Returns the partition (and sort) key of an entry's row.
	 * @param id the entry id
	 * @return the key value
	 */
	public static String key(String id) {
		return PREFIX + "#" + id;
	}

	/**
	 * Returns the {@code gsi1} partition of a resource's entries.
	 * @param resourceType the resource type name
	 * @param resourceId the resource id
	 * @return the partition key value
	 */
	public static String resourcePartition(String resourceType, String resourceId) {
		return PREFIX + "#" + resourceType + "#" + resourceId;
	}

	/**
	 * Returns the {@code gsi2} partition of a type's entries.
	 * @param resourceType the resource type name
	 * @return the partition key value
	 */
	public static String typePartition(String resourceType) {
		return PREFIX + "#" + resourceType;
	}

	/**
	 * Returns the {@code gsi3} partition of one changer's entries.
	 * @param changedBy who made the changes
	 * @return the partition key value
	 */
	public static String changerPartition(String changedBy) {
		return PREFIX + "#changer#" + changedBy;
	}

	/**
	 * Writes an entry as an item.
	 * @param entry the entry
	 * @return the item's attributes
	 */
	public Map<String, AttributeValue> toItem(AuditEntry entry) {
		String key = key(entry.id());
		String createdAt = StorageTimestamps.format(entry.createdAt());
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put(ItemAttributes.PK, AttributeValue.fromS(key));
		item.put(ItemAttributes.SK, AttributeValue.fromS(key));
		item.put(ItemAttributes.RESOURCE_ID, AttributeValue.fromS(entry.id()));
		item.put(ItemAttributes.CREATED_AT, AttributeValue.fromS(createdAt));
		item.put(ItemAttributes.UPDATED_AT, AttributeValue.fromS(createdAt));
		item.put(RESOURCE_TYPE, AttributeValue.fromS(entry.resourceType()));
		item.put(RESOURCE_ID, AttributeValue.fromS(entry.resourceId()));
		item.put(OPERATION, AttributeValue.fromS(entry.operation()));
		item.put(CHANGED_BY, (entry.changedBy() != null) ? AttributeValue.fromS(entry.changedBy()) : nul());
		item.put(CHANGED_FIELDS, (entry.changedFields() != null) ? changes(entry.changedFields()) : nul());
		item.put(RESOURCE_SNAPSHOT,
				(entry.resourceSnapshot() != null) ? AttributeValues.toAttributeValue(entry.resourceSnapshot()) : nul());
		Map<String, AttributeValue> metadata = new LinkedHashMap<>();
		entry.metadata().forEach((name, value) -> metadata.put(name, AttributeValues.toAttributeValue(value)));
		item.put(METADATA, AttributeValue.fromM(metadata));
		item.put(ItemAttributes.GSI_TYPE, AttributeValue.fromS(this.shards.key(PREFIX, entry.id())));
		item.put(ItemAttributes.GSI_TYPE_SK, AttributeValue.fromS(createdAt));
		item.put(ItemAttributes.GSI1_PK, AttributeValue.fromS(resourcePartition(entry.resourceType(), entry.resourceId())));
		item.put(ItemAttributes.GSI2_PK,
				AttributeValue.fromS(this.shards.key(typePartition(entry.resourceType()), entry.id())));
		if (entry.changedBy() != null && !entry.changedBy().isEmpty()) {
			item.put(ItemAttributes.GSI3_PK, AttributeValue.fromS(changerPartition(entry.changedBy())));
			item.put(ItemAttributes.GSI3_SK, AttributeValue.fromS(createdAt));
		}
		return item;
	}

	private static AttributeValue changes(Map<String, FieldChange> changes) {
		Map<String, AttributeValue> fields = new LinkedHashMap<>();
		changes.forEach((name, change) -> {
			Map<String, AttributeValue> pair = new LinkedHashMap<>();
			pair.put(OLD, AttributeValues.toAttributeValue(change.oldValue()));
			pair.put(NEW, AttributeValues.toAttributeValue(change.newValue()));
			fields.put(name, AttributeValue.fromM(pair));
		});
		return AttributeValue.fromM(fields);
	}

	private static AttributeValue nul() {
		return AttributeValue.fromNul(true);
	}

	/**
	 * Returns whether an item is an audit row.
	 * @param item the item
	 * @return {@literal true} when its {@code pk} starts with {@value #PREFIX}{@code #}
	 */
	public static boolean isAuditItem(Map<String, AttributeValue> item) {
		AttributeValue pk = item.get(ItemAttributes.PK);
		return pk != null && pk.s() != null && pk.s().startsWith(PREFIX + "#");
	}

	/**
	 * Reads an audit row, whichever library wrote it.
	 * @param item the item
	 * @return the entry
	 * @throws IllegalArgumentException naming the row and attribute when the item is not an audit row
	 */
	public AuditEntry fromItem(Map<String, AttributeValue> item) {
		String pk = (item.get(ItemAttributes.PK) != null) ? item.get(ItemAttributes.PK).s() : null;
		if (!isAuditItem(item)) {
			throw new IllegalArgumentException("Item " + pk + " is not an audit row (its pk does not start with "
					+ PREFIX + "#)");
		}
		String id = pk.substring(PREFIX.length() + 1);
		String createdAt = requiredString(item, ItemAttributes.CREATED_AT, pk);
		JsonNode fields = tree(item.get(CHANGED_FIELDS));
		Map<String, FieldChange> changes = null;
		if (fields.isObject()) {
			changes = new LinkedHashMap<>();
			for (Map.Entry<String, JsonNode> field : fields.properties()) {
				changes.put(field.getKey(), new FieldChange(orNull(field.getValue().get(OLD)),
						orNull(field.getValue().get(NEW))));
			}
		}
		JsonNode snapshot = tree(item.get(RESOURCE_SNAPSHOT));
		JsonNode metadataTree = tree(item.get(METADATA));
		Map<String, JsonNode> metadata = new LinkedHashMap<>();
		if (metadataTree.isObject()) {
			metadataTree.properties().forEach((entry) -> metadata.put(entry.getKey(), entry.getValue()));
		}
		return new AuditEntry(id, requiredString(item, RESOURCE_TYPE, pk), requiredString(item, RESOURCE_ID, pk),
				requiredString(item, OPERATION, pk), optionalString(item.get(CHANGED_BY)), changes,
				snapshot.isNull() ? null : snapshot, metadata, StorageTimestamps.parseInstant(createdAt));
	}

	private JsonNode tree(@Nullable AttributeValue value) {
		return (value == null) ? NullNode.getInstance() : AttributeValues.toJsonTree(value, this.jsonMapper);
	}

	private static JsonNode orNull(@Nullable JsonNode node) {
		return (node == null || node.isMissingNode()) ? NullNode.getInstance() : node;
	}

	private static @Nullable String optionalString(@Nullable AttributeValue value) {
		return (value != null && value.s() != null) ? value.s() : null;
	}

	private static String requiredString(Map<String, AttributeValue> item, String name, String pk) {
		String value = optionalString(item.get(name));
		if (value == null) {
			throw new IllegalArgumentException("Audit row " + pk + " has no string attribute '" + name + "'");
		}
		return value;
	}

}
