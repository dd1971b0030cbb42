package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.util.Assert;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The unconditional puts of plain entities that {@code putAll} writes in batches: each keeps the creation time of
 * the item it replaces, read (strongly consistent, batched) for the entities with an id but no creation time — no
 * read when every entity carries one. Only plain types whose whole state is their one item are written: not
 * versioned types (their history), nor types with {@code @BlobField} properties (their objects in S3).
 * @param <T> the entity type
 */
public final class PutAllOperation<T> {

	/** The operation's name. */
	static final String NAME = "putAll";

	private final WriteSupport support;

	private final Collection<T> entities;

	PutAllOperation(WriteSupport support, Collection<T> entities) {
		this.support = support;
		this.entities = entities;
	}

	/**
	 * Refuses, before anything is read or sent, every type {@code putAll} cannot write, with one exception naming
	 * each such type, why, and what is supported: plain {@code @SingleTableEntity} types (several in one call) whose
	 * whole state is the one item.
	 * @throws IllegalArgumentException for a {@literal null} entity or any type not supported
	 */
	public void refuseUnsupportedTypes() {
		Map<Class<?>, String> refused = new LinkedHashMap<>();
		for (Object entity : this.entities) {
			Assert.notNull(entity, "Entities must not contain null");
			Class<?> type = entity.getClass();
			if (refused.containsKey(type)) {
				continue;
			}
			if (!SingleTableMappingContext.isEntityType(type)) {
				refused.put(type, "not a @SingleTableEntity");
				continue;
			}
			SingleTablePersistentEntity<?> metadata = this.support.converter().getRequiredEntity(type);
			if (metadata.isVersioned()) {
				refused.put(type, "versioned: each write must go through create/update to keep its history");
			}
			else if (BlobStage.hasBlobs(metadata)) {
				refused.put(type, "its @BlobField properties are stored in S3 before the item");
			}
		}
		if (!refused.isEmpty()) {
			throw new IllegalArgumentException("putAll cannot write " + refused.entrySet()
				.stream()
				.map((entry) -> entry.getKey().getName() + " (" + entry.getValue() + ")")
				.collect(Collectors.joining(", ")) + ". It writes plain @SingleTableEntity types (several in one call "
					+ "are fine) whose whole state is their one item: unversioned, without @BlobField properties. "
					+ "Use save (or create/update) for each entity of the others; nothing was written");
		}
	}

	/**
	 * Stamps the entities and returns one unit each (its one put), whose result is the entity as stored.
	 * @param replaced the stored items of {@link #replacedKeys}, by partition key, as found (strongly consistent)
	 */
	public List<WriteUnit> units(Map<String, Map<String, AttributeValue>> replaced) {
		List<WriteUnit> puts = new ArrayList<>(this.entities.size());
		for (T entity : this.entities) {
			SingleTablePersistentEntity<T> metadata = this.support.entityOf(entity);
			PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
			boolean given = accessor.getProperty(metadata.getRequiredIdProperty()) != null;
			String id = Stamps.assignId(metadata, accessor);
			Instant now = this.support.timestamps().next(null);
			Map<String, AttributeValue> old = given ? replaced.get(ResourceIds.partitionKey(metadata, id)) : null;
			Instant storedCreated = (old != null) ? this.support.converter().readCreatedAt(old) : null;
			if (storedCreated != null) {
				Stamps.setTimestamp(accessor, metadata.getCreatedDateProperty(), storedCreated);
			}
			Instant createdAt = (storedCreated != null) ? storedCreated
					: Stamps.setCreatedIfAbsent(metadata, accessor, now);
			Stamps.setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
			long version = 0;
			if (metadata.getVersionProperty() != null) {
				version = Stamps.version(metadata, accessor) + 1;
				Stamps.setVersion(accessor, metadata.getVersionProperty(), version);
			}
			T bean = accessor.getBean();
			Map<String, AttributeValue> body = this.support.layout().body(bean, createdAt,
					(storedCreated != null) ? old.get(ItemAttributes.CREATED_AT) : null, now);
			Map<String, AttributeValue> item = this.support.layout().latest(metadata, id, bean, body, version, now,
					createdAt);
			puts.add(WriteUnit.failingWith(NAME, metadata.getType(), id,
					List.of(TransactWriteItem.builder()
						.put(Put.builder().tableName(this.support.tableName()).item(item).build())
						.build()),
					(failed) -> ConditionFailures.ofMissing(metadata, id), bean));
		}
		return puts;
	}

	/**
	 * The keys of the stored items that entities with an id but no creation time replace, whose creation time the
	 * puts keep: read them (strongly consistent, as stored) and give them to {@link #units(Map)}. Empty when every
	 * entity carries its creation time or has no id.
	 */
	public List<Map<String, AttributeValue>> replacedKeys() {
		Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
		for (T entity : this.entities) {
			Assert.notNull(entity, "Entities must not contain null");
			SingleTablePersistentEntity<T> metadata = this.support.entityOf(entity);
			PersistentPropertyAccessor<T> accessor = metadata.getPropertyAccessor(entity);
			Object id = accessor.getProperty(metadata.getRequiredIdProperty());
			if (id != null && Stamps.createdAt(metadata, accessor) == null) {
				String checked = ResourceIds.check(metadata.getType(), id);
				keys.put(ResourceIds.partitionKey(metadata, checked), ItemLayout.latestKey(metadata, checked));
			}
		}
		return new ArrayList<>(keys.values());
	}

	/**
	 * The {@code BatchWriteItem} requests of the units: each unit's one put, without condition.
	 */
	public static List<WriteRequest> requests(List<WriteUnit> puts) {
		List<WriteRequest> requests = new ArrayList<>(puts.size());
		for (WriteUnit put : puts) {
			requests.add(WriteRequest.builder()
				.putRequest(PutRequest.builder().item(put.items().get(0).put().item()).build())
				.build());
		}
		return requests;
	}

	/**
	 * The entities as stored, from the units.
	 */
	@SuppressWarnings("unchecked")
	public static <T> List<T> results(List<WriteUnit> puts) {
		List<T> stored = new ArrayList<>(puts.size());
		for (WriteUnit put : puts) {
			stored.add((T) put.result());
		}
		return stored;
	}

}
