package dev.singletable.core.internal.item;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.util.CollectionUtils;
import org.springframework.util.ReflectionUtils;

import dev.singletable.core.IncompleteIndexKeyException;
import dev.singletable.core.ItemTooLargeException;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.ItemSize;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.mapping.IndexDefinition;
import dev.singletable.core.mapping.IndexKeyPair;
import dev.singletable.core.mapping.KeyTemplate;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import dev.singletable.core.schema.IndexDriftGuard;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The one place that builds stored items from an entity: keys, {@code gsitype}/{@code gsitypesk}, the rendered
 * index attributes, the filter {@code metadata}, TTL and system attributes around the body the converter writes;
 * the latest item ({@code v0} of versioned types, the only item of plain ones) and a history item ({@code vN}). The
 * converter reads them back.
 */
public final class ItemLayout {

	private final SingleTableConverter converter;

	/** Consulted before a latest item is built: refuses types whose definitions are older than the table's. */
	private volatile @Nullable IndexDriftGuard guard;

	public ItemLayout(SingleTableConverter converter) {
		this.converter = converter;
	}

	/**
	 * Sets what {@link #latest} consults before it builds an item ({@link IndexDriftGuard#checkWrite}).
	 */
	public void setGuard(@Nullable IndexDriftGuard guard) {
		this.guard = guard;
	}

	/**
	 * Writes the body of an entity: the stored creation time, when given, is kept exactly as stored, also by types
	 * that do not map it.
	 * @param createdAt the creation time written
	 * @param storedCreatedAt the stored {@code created_at} attribute to keep, if any
	 */
	public Map<String, AttributeValue> body(Object entity, @Nullable Instant createdAt, @Nullable AttributeValue storedCreatedAt,
			Instant now) {
		Map<String, AttributeValue> body = this.converter.writeBody(entity, createdAt, now);
		if (storedCreatedAt != null && storedCreatedAt.s() != null && body.containsKey(ItemAttributes.CREATED_AT)) {
			Map<String, AttributeValue> exact = new LinkedHashMap<>(body);
			exact.put(ItemAttributes.CREATED_AT, storedCreatedAt);
			return exact;
		}
		return body;
	}

	/**
	 * Builds the latest item of a resource and checks its size.
	 * @param version the version written, 0 for types without one
	 * @throws ItemTooLargeException when the item exceeds 400 KB
	 * @throws dev.singletable.core.schema.StaleDefinitionsException when the guard refuses writes of the type
	 */
	public Map<String, AttributeValue> latest(SingleTablePersistentEntity<?> metadata, String id, Object entity,
			Map<String, AttributeValue> body, long version, Instant updatedAt, @Nullable Instant createdAt) {
		IndexDriftGuard guard = this.guard;
		if (guard != null) {
			guard.checkWrite(metadata.getType());
		}
		// room for the keys, stamps, index keys, filter metadata and TTL added to the body, without a resize
		Map<String, AttributeValue> item = CollectionUtils.newLinkedHashMap(body.size() + 16);
		String pk = ResourceIds.partitionKey(metadata, id);
		item.put(ItemAttributes.PK, AttributeValue.fromS(pk));
		item.put(ItemAttributes.SK, AttributeValue.fromS(latestSortKey(metadata, id)));
		item.putAll(body);
		String modified = StorageTimestamps.format(updatedAt);
		if (version > 0) {
			item.put(ItemAttributes.VERSION, AttributeValue.fromN(Long.toString(version)));
		}
		else if (metadata.isCompressed()) {
			item.put(ItemAttributes.UPDATED_AT, AttributeValue.fromS(modified));
		}
		item.put(ItemAttributes.GSI_TYPE, AttributeValue.fromS(typePartition(metadata, id)));
		item.put(ItemAttributes.GSI_TYPE_SK, AttributeValue.fromS(modified));
		if (!metadata.isVersioned()) {
			// unique per write: lets a retried conditional put recognize its own earlier attempt, never another's
			item.put(ItemAttributes.VERSION_TOKEN, AttributeValue.fromS(ResourceIds.generate()));
		}
		putIndexKeys(metadata, id, entity, item);
		putFilterMetadata(metadata, entity, item);
		putTtl(metadata, entity, createdAt, item);
		checkSize(metadata, id, item);
		return item;
	}

	/**
	 * The index attributes of a stored latest item as the type's definitions compute them now, for a backfill that
	 * rewrites only them: {@code gsitype}, {@code gsitypesk}, every declared index's keys, the filter
	 * {@code metadata} and the TTL attribute, computed by the same code as {@link #latest}. The type index's sort key
	 * keeps the stored {@code gsitypesk} unless the type declares one (the default is the stored modification time,
	 * which the item already holds in the form it was written in, by either library).
	 * @param stored the stored latest item (its {@code metadata} map is kept under the declared keys)
	 * @param updatedAt the stored modification time
	 * @param createdAt the stored creation time (a TTL given as a duration counts from it)
	 * @return the attributes as computed, and the names the type manages (a managed name absent from the values is
	 * one the item must not carry)
	 */
	public IndexAttributes indexAttributes(SingleTablePersistentEntity<?> metadata, String id, Object entity,
			Map<String, AttributeValue> stored, Instant updatedAt, @Nullable Instant createdAt) {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		AttributeValue kept = stored.get(ItemAttributes.METADATA);
		if (kept != null) {
			item.put(ItemAttributes.METADATA, kept);
		}
		AttributeValue storedSort = stored.get(ItemAttributes.GSI_TYPE_SK);
		item.put(ItemAttributes.GSI_TYPE, AttributeValue.fromS(typePartition(metadata, id)));
		item.put(ItemAttributes.GSI_TYPE_SK,
				(storedSort != null) ? storedSort : AttributeValue.fromS(StorageTimestamps.format(updatedAt)));
		putIndexKeys(metadata, id, entity, item);
		putFilterMetadata(metadata, entity, item);
		putTtl(metadata, entity, createdAt, item);
		Set<String> managed = new LinkedHashSet<>();
		managed.add(ItemAttributes.GSI_TYPE);
		managed.add(ItemAttributes.GSI_TYPE_SK);
		for (IndexDefinition definition : metadata.getIndexDefinitions()) {
			managed.add(definition.partitionAttribute());
			if (definition.sortWritten() && definition.sortAttribute() != null) {
				managed.add(definition.sortAttribute());
			}
		}
		if (!metadata.getFilterMetadataProperties().isEmpty()) {
			managed.add(ItemAttributes.METADATA);
		}
		else {
			item.remove(ItemAttributes.METADATA);
		}
		if (metadata.getTtlProperty() != null) {
			managed.add(metadata.getTtlAttribute());
		}
		return new IndexAttributes(item, managed);
	}

	/**
	 * The type index partition written before the declared index keys: the resource's shard of a spread type, else
	 * the prefix (which a declared type index partition then replaces).
	 */
	private static String typePartition(SingleTablePersistentEntity<?> metadata, String id) {
		return TypeIndex.spread(metadata) ? TypeIndex.partitionOf(metadata, id) : metadata.getPrefix();
	}

	/**
	 * The index attributes of a latest item as computed from the type's definitions.
	 * @param values the attributes with a value
	 * @param managed every attribute name the type's definitions write (those without a value must be absent)
	 */
	public record IndexAttributes(Map<String, AttributeValue> values, Set<String> managed) {

	}

	/**
	 * Builds the history item {@code vN} of a versioned resource from the same body as its latest item.
	 */
	public Map<String, AttributeValue> history(SingleTablePersistentEntity<?> metadata, String id,
			Map<String, AttributeValue> body, long version, Map<String, AttributeValue> latest) {
		Map<String, AttributeValue> item = CollectionUtils.newLinkedHashMap(body.size() + 5);
		item.put(ItemAttributes.PK, AttributeValue.fromS(ResourceIds.partitionKey(metadata, id)));
		item.put(ItemAttributes.SK, AttributeValue.fromS(ResourceIds.versionKey(version)));
		item.putAll(this.converter.historyBody(metadata.getType(), body));
		item.put(ItemAttributes.VERSION, AttributeValue.fromN(Long.toString(version)));
		AttributeValue ttl = latest.get(metadata.getTtlAttribute());
		if (metadata.getTtlProperty() != null && ttl != null) {
			item.put(metadata.getTtlAttribute(), ttl);
		}
		return item;
	}

	/**
	 * Returns a history item with the attributes the layout keeps on the latest copy only (a {@code metadata}, the
	 * index attributes an {@code @UnmappedAttributes} property keeps), as the latest copy holds them: history items
	 * never carry them, and a restore keeps them as last written instead of dropping them.
	 */
	public Map<String, AttributeValue> withLatestOnly(Class<?> type, Map<String, AttributeValue> history,
			Map<String, AttributeValue> latest) {
		Map<String, AttributeValue> latestOnly = new LinkedHashMap<>(latest);
		latestOnly.keySet().removeAll(this.converter.historyBody(type, latest).keySet());
		if (latestOnly.isEmpty()) {
			return history;
		}
		Map<String, AttributeValue> item = new LinkedHashMap<>(history);
		latestOnly.forEach(item::putIfAbsent);
		return item;
	}

	/**
	 * The sort key of the latest item: {@code v0} for versioned types, the partition key for plain ones.
	 */
	public static String latestSortKey(SingleTablePersistentEntity<?> metadata, String id) {
		return metadata.isVersioned() ? ResourceIds.versionKey(0) : ResourceIds.partitionKey(metadata, id);
	}

	/**
	 * Whether a stored item of a versioned resource is its latest copy ({@code v0}) rather than a version of its
	 * history ({@code v1..vN}).
	 */
	public static boolean isLatestCopy(Map<String, AttributeValue> item) {
		return ResourceIds.versionKey(0).equals(item.get(ItemAttributes.SK).s());
	}

	/**
	 * The key of the latest item.
	 */
	public static Map<String, AttributeValue> latestKey(SingleTablePersistentEntity<?> metadata, String id) {
		return ResourceIds.key(metadata, id, latestSortKey(metadata, id));
	}

	/**
	 * Writes the keys of every secondary index the type declares. A key "does not render" when a property of its
	 * template is {@literal null} or the whole key renders as the empty string (which DynamoDB refuses as an index key
	 * value; a property rendering empty inside literal text, {@code folder#{folder}}, leaves a key). An index is left
	 * out when its partition key does not render (a sparse index), and when a literal partition's sort key does not;
	 * a partition template with
	 * properties that renders without its sort key is refused ({@link IncompleteIndexKeyException},
	 * {@link IndexDefinition#refusesMissingSort()}), never left silently out of the index its partition's queries
	 * read, unless the index allows it ({@code @IndexKey(allowMissingSort = true)}).
	 */
	private static void putIndexKeys(SingleTablePersistentEntity<?> metadata, String id, Object entity,
			Map<String, AttributeValue> item) {
		List<IndexDefinition> definitions = metadata.getIndexDefinitions();
		if (definitions.isEmpty()) {
			return;
		}
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		for (IndexDefinition definition : definitions) {
			String partition;
			String sort;
			if (definition.method() != null) {
				Object computed = ReflectionUtils.invokeMethod(definition.method(), entity);
				if (computed instanceof IndexKeyPair pair) {
					partition = pair.partition();
					sort = pair.sort();
				}
				else {
					partition = (String) computed;
					sort = null;
				}
			}
			else {
				partition = render(definition.partition(), metadata, accessor);
				sort = render(definition.sort(), metadata, accessor);
			}
			if (definition.isTypeIndex()) {
				// DynamoDB refuses an empty string as an index key: a key that renders empty, as one that does not
				// render, keeps the defaults written before (the type prefix, the modification time); a spread type's
				// declared partition is its prefix, which its shard written before stands for
				if (partition != null && !partition.isEmpty() && !TypeIndex.spread(metadata)) {
					item.put(ItemAttributes.GSI_TYPE, AttributeValue.fromS(partition));
				}
				if (sort != null && !sort.isEmpty()) {
					item.put(ItemAttributes.GSI_TYPE_SK, AttributeValue.fromS(sort));
				}
				continue;
			}
			boolean partitioned = partition != null && !partition.isEmpty();
			boolean sorted = !definition.sortWritten() || (sort != null && !sort.isEmpty());
			if (partitioned && !sorted && definition.refusesMissingSort()) {
				throw Failures.incompleteKey(metadata.getType(), id, definition.index(),
						unrendered(definition.sort(), metadata, accessor));
			}
			boolean complete = partitioned && sorted;
			if (complete) {
				item.put(definition.partitionAttribute(), AttributeValue.fromS(partition));
				if (definition.sortWritten()) {
					item.put(definition.sortAttribute(), AttributeValue.fromS(sort));
				}
			}
		}
	}

	/**
	 * Writes the {@link dev.singletable.core.mapping.FilterMetadata @FilterMetadata} properties into the
	 * {@code metadata} map, keyed by stored name, over the entries of a {@code metadata} map the body already holds
	 * (kept by an {@code @UnmappedAttributes} property): declared keys take the entity's values, the others stay.
	 */
	private void putFilterMetadata(SingleTablePersistentEntity<?> metadata, Object entity,
			Map<String, AttributeValue> item) {
		List<SingleTablePersistentProperty> properties = metadata.getFilterMetadataProperties();
		if (properties.isEmpty()) {
			return;
		}
		AttributeValue kept = item.get(ItemAttributes.METADATA);
		Map<String, AttributeValue> values = new LinkedHashMap<>((kept != null && kept.hasM()) ? kept.m() : Map.of());
		PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
		for (SingleTablePersistentProperty property : properties) {
			values.put(this.converter.getStoredName(property), this.converter.writeValue(accessor.getProperty(property)));
		}
		item.put(ItemAttributes.METADATA, AttributeValue.fromM(values));
	}

	/**
	 * The properties of a template whose value is {@literal null} or renders empty.
	 */
	private static List<String> unrendered(KeyTemplate template, SingleTablePersistentEntity<?> metadata,
			PersistentPropertyAccessor<?> accessor) {
		List<String> missing = new java.util.ArrayList<>();
		for (String name : template.getProperties()) {
			Object value = accessor.getProperty(metadata.getRequiredPersistentProperty(name));
			if (value == null || value.toString().isEmpty()) {
				missing.add(name);
			}
		}
		return missing.isEmpty() ? template.getProperties() : missing;
	}

	private static @Nullable String render(@Nullable KeyTemplate template, SingleTablePersistentEntity<?> metadata,
			PersistentPropertyAccessor<?> accessor) {
		if (template == null) {
			return null;
		}
		return template.render((name) -> accessor.getProperty(metadata.getRequiredPersistentProperty(name)));
	}

	private static void putTtl(SingleTablePersistentEntity<?> metadata, Object entity, @Nullable Instant createdAt,
			Map<String, AttributeValue> item) {
		SingleTablePersistentProperty property = metadata.getTtlProperty();
		if (property == null) {
			return;
		}
		Object value = metadata.getPropertyAccessor(entity).getProperty(property);
		Long epochSeconds = null;
		if (value instanceof Instant instant) {
			epochSeconds = instant.getEpochSecond();
		}
		else if (value instanceof OffsetDateTime dateTime) {
			epochSeconds = dateTime.toEpochSecond();
		}
		else if (value != null && createdAt != null) {
			long seconds = (value instanceof Duration duration) ? duration.getSeconds() : ((Number) value).longValue();
			epochSeconds = createdAt.getEpochSecond() + seconds;
		}
		if (epochSeconds != null) {
			item.put(metadata.getTtlAttribute(), AttributeValue.fromN(Long.toString(epochSeconds)));
		}
	}

	private static void checkSize(SingleTablePersistentEntity<?> metadata, String id, Map<String, AttributeValue> item) {
		long size = ItemSize.exceeding(item, ItemTooLargeException.MAX_ITEM_BYTES);
		if (size >= 0) {
			throw Failures.tooLarge(metadata.getType(), id, size);
		}
	}

	/**
	 * The failures of building an item, made in a class of their own: verifying a throw of an exception where it is
	 * made loads its class and its bases, which the start of a template, that makes the layout, does not need.
	 */
	private static final class Failures {

		static RuntimeException incompleteKey(Class<?> type, String id, String index, List<String> missing) {
			return new IncompleteIndexKeyException(type, id, index, missing);
		}

		static RuntimeException tooLarge(Class<?> type, String id, long size) {
			return new ItemTooLargeException(type, id, size);
		}

	}

}
