package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;
import org.springframework.data.mapping.PersistentPropertyAccessor;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.convert.StorageTimestamps;
import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.mapping.SingleTablePersistentProperty;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The write model of entities: turns each write of an entity (a create, an update, a restore, a delete, a condition
 * check) into a {@link WriteUnit} — stamped entity, items, conditions and the meaning of their failure — that the
 * {@link UnitWriter} sends alone or in a transaction with others.
 * <p>
 * Versioned types write {@code vN+1} if absent and {@code v0} if its version is still {@code N}, plus the retention
 * items of {@link VersionRetention}; plain types one conditional put (optimistic on {@code version} or
 * {@code updated_at}). The creation time is settled as {@link CreatedAtGuard} describes: when the stored one differs
 * from the one the entity carries, the unit is replaced by one that writes the stored one.
 */
final class EntityWrites {

	private static final String CONDITION_NEW = "attribute_not_exists(#pk)";

	private final DynamoDbExecutor executor;

	private final String tableName;

	private final SingleTableConverter converter;

	private final ItemLayout layout;

	private final Timestamps timestamps;

	private final VersionRetention retention;

	private final BatchReader batchReads;

	private final PlainConditions conditions;

	private final BlobWrites blobs;

	private final DroppedAttributes dropped;

	EntityWrites(DynamoDbExecutor executor, SingleTableConverter converter, ItemLayout layout, Timestamps timestamps,
			VersionRetention retention, BatchReader batchReads, BlobWrites blobs) {
		this.blobs = blobs;
		this.batchReads = batchReads;
		this.conditions = new PlainConditions(converter);
		this.dropped = new DroppedAttributes(converter);
		this.executor = executor;
		this.tableName = executor.getTableName();
		this.converter = converter;
		this.layout = layout;
		this.timestamps = timestamps;
		this.retention = retention;
	}

	/**
	 * Sets whether updates may drop the Python layout attributes a type does not map (see
	 * {@link DroppedAttributes}).
	 */
	void setAllowDroppingBlobsAndMetadata(boolean allowed) {
		this.dropped.setAllowed(allowed);
	}

	// ---- create ----------------------------------------------------------------------------------------

	<T> WriteUnit create(T entity) {
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
		String id = Stamps.assignId(metadata, accessor);
		Instant now = this.timestamps.next(null);
		Instant createdAt = Stamps.setCreatedIfAbsent(metadata, accessor, now);
		Stamps.setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
		Stamps.setVersion(accessor, metadata.getVersionProperty(), 1);
		T stored = accessor.getBean();
		Map<String, AttributeValue> body = this.layout.body(stored, createdAt, null, now);
		long version = (metadata.getVersionProperty() != null) ? 1L : 0L;
		Map<String, AttributeValue> latest = this.layout.latest(metadata, id, stored, body, version, now, createdAt);
		Map<String, AttributeValue> history = metadata.isVersioned()
				? this.layout.history(metadata, id, body, 1L, latest) : null;
		if (BlobWrites.hasBlobs(metadata)) {
			if (history != null) {
				this.blobs.attachVersioned(metadata, stored, 1L, Map.of(), List.of(), List.of(history, latest));
			}
			else {
				this.blobs.attachPlain(metadata, stored, List.of(), List.of(), latest);
			}
		}
		List<TransactWriteItem> items = (history != null)
				? List.of(putIfAbsent(history), putIfAbsent(latest))
				: List.of(putIfAbsentOrExpired(metadata, latest));
		return WriteUnit.failingWith("create", metadata.getType(), id, items,
				(failed) -> ConditionFailures.ofCreate(metadata, id), stored);
	}

	// ---- put -------------------------------------------------------------------------------------------

	/**
	 * Unconditional puts of plain entities, as a batch writes them: each keeps the creation time of the item it
	 * replaces, read (strongly consistent, batched) for the entities with an id but no creation time — no read when
	 * every entity carries one.
	 */
	<T> List<WriteUnit> puts(Collection<T> entities) {
		Map<String, Map<String, AttributeValue>> replaced = replacedWithoutCreation(entities);
		List<WriteUnit> puts = new ArrayList<>(entities.size());
		for (T entity : entities) {
			SingleTablePersistentEntity<T> metadata = entityOf(entity);
			PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
			boolean given = accessor.getProperty(metadata.getRequiredIdProperty()) != null;
			String id = Stamps.assignId(metadata, accessor);
			Instant now = this.timestamps.next(null);
			Map<String, AttributeValue> old = given ? replaced.get(ResourceIds.partitionKey(metadata, id)) : null;
			Instant storedCreated = (old != null) ? this.converter.readCreatedAt(old) : null;
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
			Map<String, AttributeValue> body = this.layout.body(bean, createdAt,
					(storedCreated != null) ? old.get(ItemAttributes.CREATED_AT) : null, now);
			Map<String, AttributeValue> item = this.layout.latest(metadata, id, bean, body, version, now, createdAt);
			puts.add(WriteUnit.failingWith("putAll", metadata.getType(), id,
					List.of(TransactWriteItem.builder().put(Put.builder().tableName(this.tableName).item(item).build()).build()),
					(failed) -> ConditionFailures.ofMissing(metadata, id), bean));
		}
		return puts;
	}

	/**
	 * Reads the stored items that entities with an id but no creation time replace, by partition key.
	 */
	private Map<String, Map<String, AttributeValue>> replacedWithoutCreation(Collection<?> entities) {
		Map<String, Map<String, AttributeValue>> keys = new LinkedHashMap<>();
		for (Object entity : entities) {
			Assert.notNull(entity, "Entities must not contain null");
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
			requirePlain(metadata, "putAll");
			if (BlobWrites.hasBlobs(metadata)) {
				throw new IllegalArgumentException("putAll cannot write " + metadata.getType().getSimpleName()
						+ ", whose @BlobField properties are stored in S3 before the item; use save for each entity");
			}
			PersistentPropertyAccessor<?> accessor = metadata.getPropertyAccessor(entity);
			Object id = accessor.getProperty(metadata.getRequiredIdProperty());
			if (id != null && Stamps.createdAt(metadata, accessor) == null) {
				String checked = ResourceIds.check(metadata.getType(), id);
				keys.put(ResourceIds.partitionKey(metadata, checked), ItemLayout.latestKey(metadata, checked));
			}
		}
		return keys.isEmpty() ? Map.of() : this.batchReads.findItems(new ArrayList<>(keys.values()));
	}

	/**
	 * Returns the metadata of an entity type.
	 */
	SingleTablePersistentEntity<?> entity(Class<?> type) {
		return this.converter.getRequiredEntity(type);
	}

	/**
	 * Refuses a batch operation on a versioned type, whose writes must each keep its history.
	 */
	static void requirePlain(SingleTablePersistentEntity<?> metadata, String operation) {
		if (metadata.isVersioned()) {
			throw new IllegalArgumentException(operation + " is for plain types; " + metadata.getType().getSimpleName()
					+ " is versioned, so each write must go through create/update to keep its history");
		}
	}

	/**
	 * What {@code save} does with an entity, the rule of Spring Data stores: a {@link Persistable} says itself
	 * whether it is new; otherwise an entity without id, or with a {@code @Version} property holding {@literal null}
	 * (or 0), is new and created; a plain type without {@code @Version} is upserted unless it carries its
	 * modification time (read from the store: an optimistic update then).
	 */
	<T> Save saveOf(T entity) {
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		if (entity instanceof Persistable<?> persistable) {
			return persistable.isNew() ? Save.CREATE : Save.UPDATE;
		}
		PersistentPropertyAccessor<T> accessor = metadata.getPropertyAccessor(entity);
		if (accessor.getProperty(metadata.getRequiredIdProperty()) == null) {
			return Save.CREATE;
		}
		if (metadata.getVersionProperty() != null) {
			return (Stamps.version(metadata, accessor) == 0) ? Save.CREATE : Save.UPDATE;
		}
		return (Stamps.modifiedAt(metadata, accessor) != null) ? Save.UPDATE : Save.UPSERT;
	}

	/**
	 * What {@code save} does: create only, update only (optimistic), or write whether the item exists or not.
	 */
	enum Save {

		CREATE, UPDATE, UPSERT

	}

	/**
	 * The write of a plain entity with an assigned id, whether it exists or not: the stored item is read (one
	 * strongly consistent {@code GetItem}); when there is none the entity is created ({@code attribute_not_exists}),
	 * else it replaces the item keeping its creation values, on the condition that the item's creation time is
	 * still the one read. A create that finds an item created since becomes such a replace of that item.
	 */
	@SuppressWarnings("unchecked")
	<T> WriteUnit upsert(T entity) {
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		requirePlain(metadata, "An upsert");
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
		String id = Stamps.settleId(metadata, accessor);
		Map<String, AttributeValue> stored = this.executor.getItem(ItemLayout.latestKey(metadata, id), true).orElse(null);
		if (stored != null && !Expiry.isExpired(metadata, stored, this.timestamps.now())) {
			return replace(metadata, accessor, id, stored);
		}
		// none stored, or an expired one that reads hide: a create, which replaces such an item
		WriteUnit created = create(entity);
		return new WriteUnit("save", metadata.getType(), id, created.items(), (failed) -> {
			Map<String, AttributeValue> old = failed.oldItem(0);
			if (old == null || old.isEmpty()) {
				return created.onFailure().apply(failed);
			}
			// created by another writer since the read: replace that item, keeping its creation values
			return WriteUnit.Outcome.retryWith(replace(metadata, Stamps.accessor(metadata, (T) created.result()), id, old));
		}, null, created.result());
	}

	private <T> WriteUnit replace(SingleTablePersistentEntity<T> metadata, PersistentPropertyAccessor<T> accessor,
			String id, Map<String, AttributeValue> stored) {
		Instant now = this.timestamps.next(null);
		Map<String, String> names = new HashMap<>();
		names.put("#pk", ItemAttributes.PK);
		Stamps.setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
		return plainUpdateUnit(new Plain<>(metadata, accessor, id, now, null, null, 0,
				dev.singletable.core.blob.BlobAttributes.readFields(stored), List.of()), names, new HashMap<>(),
				"attribute_exists(#pk)", stored);
	}

	// ---- update ----------------------------------------------------------------------------------------

	<T> WriteUnit update(T entity) {
		return update(entity, List.of());
	}

	/**
	 * An update that also clears blob properties: their references are dropped (a {@literal null} blob property
	 * otherwise means "unchanged").
	 * @param clearedBlobs the names of the blob properties to clear
	 */
	<T> WriteUnit update(T entity, Collection<String> clearedBlobs) {
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
		String id = Stamps.settleId(metadata, accessor);
		List<String> cleared = this.blobs.storedNames(metadata, clearedBlobs);
		if (!metadata.isVersioned()) {
			return plainUpdate(metadata, accessor, id, cleared);
		}
		long base = Stamps.version(metadata, accessor);
		if (base < 1) {
			throw new IllegalArgumentException(metadata.getType().getSimpleName() + " '" + id + "' has no version: "
					+ "update the entity as read from the store, or use create for a new resource");
		}
		return nextVersion("update", metadata, accessor, id, base, null,
				BlobWrites.hasBlobs(metadata) ? this.blobs.storedReferences(metadata, id, base) : Map.of(), cleared);
	}

	/**
	 * Returns the metadata of a versioned type.
	 * @throws IllegalArgumentException when the type is not versioned
	 */
	<T> SingleTablePersistentEntity<T> requireVersioned(Class<T> type) {
		SingleTablePersistentEntity<T> metadata = this.converter.getRequiredEntity(type);
		if (!metadata.isVersioned()) {
			throw new IllegalArgumentException(type.getSimpleName()
					+ " is not versioned; set @SingleTableEntity(versioned = true) to keep versions");
		}
		return metadata;
	}

	/**
	 * Writes a stored version again as the next version: reads it and the latest item (strongly consistent).
	 */
	<T> WriteUnit restore(Class<T> type, String rawId, long version) {
		SingleTablePersistentEntity<T> metadata = requireVersioned(type);
		String id = ResourceIds.check(type, rawId);
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
		Map<String, AttributeValue> restored = this.executor
			.getItem(ResourceIds.key(metadata, id, ResourceIds.versionKey(version)), true)
			.orElseThrow(() -> new NoSuchResourceException(metadata.getType(), id, version));
		Map<String, AttributeValue> latest = this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
			.orElseThrow(() -> new NoSuchResourceException(metadata.getType(), id, null));
		T old = this.converter.read(metadata.getType(), this.layout.withLatestOnly(metadata.getType(), restored, latest));
		// the creation time is the latest one's (never the restored version's): passing the latest item keeps it
		// the new version refers to the restored version's objects
		// the new version refers to the restored version's objects, which stay while that version is stored: the
		// write is conditioned on it (a version delete that wins removes them, and the restore then fails)
		return nextVersion("restoreVersion", metadata, Stamps.accessor(metadata, old), id, Stamps.storedVersion(latest),
				latest, dev.singletable.core.blob.BlobAttributes.readVersions(restored), List.of(),
				BlobWrites.hasBlobs(metadata) ? version : null);
	}

	private <T> WriteUnit nextVersion(String operation, SingleTablePersistentEntity<T> metadata,
			PersistentPropertyAccessor<T> accessor, String id, long base, @Nullable Map<String, AttributeValue> latestRead,
			Map<String, Long> blobReferences, List<String> clearedBlobs) {
		return nextVersion(operation, metadata, accessor, id, base, latestRead, blobReferences, clearedBlobs, null);
	}

	private <T> WriteUnit nextVersion(String operation, SingleTablePersistentEntity<T> metadata,
			PersistentPropertyAccessor<T> accessor, String id, long base, @Nullable Map<String, AttributeValue> latestRead,
			Map<String, Long> blobReferences, List<String> clearedBlobs, @Nullable Long referredVersion) {
		Instant now = this.timestamps.next(Stamps.modifiedAt(metadata, accessor));
		return versionedUnit(new Versioned<>(operation, metadata, accessor, id, base, now, blobReferences, clearedBlobs,
				referredVersion), latestRead);
	}

	private <T> WriteUnit versionedUnit(Versioned<T> write, @Nullable Map<String, AttributeValue> latestRead) {
		SingleTablePersistentEntity<T> metadata = write.metadata();
		String id = write.id();
		long next = write.base() + 1;
		Stamps.setVersion(write.accessor(), metadata.getRequiredVersionProperty(), next);
		Stamps.setTimestamp(write.accessor(), metadata.getLastModifiedDateProperty(), write.now());
		Creation creation = creation(metadata, write.accessor(), id, latestRead);
		T stored = write.accessor().getBean();
		Map<String, AttributeValue> body = this.layout.body(stored, creation.instant(), creation.stored(), write.now());
		Map<String, AttributeValue> latest = this.layout.latest(metadata, id, stored, body, next, write.now(),
				creation.instant());
		Map<String, AttributeValue> history = this.layout.history(metadata, id, body, next, latest);
		int maxVersions = metadata.getMaxVersions();
		Runnable blobCleanup = null;
		if (BlobWrites.hasBlobs(metadata)) {
			this.blobs.attachVersioned(metadata, stored, next, write.blobReferences(), write.clearedBlobs(),
					List.of(history, latest));
			if (maxVersions > 0 && next - maxVersions >= 1) {
				// the objects only pruned versions used
				blobCleanup = () -> this.blobs.removeUnreferenced(metadata, id, next - maxVersions);
			}
		}
		Runnable pruned = blobCleanup;
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		names.put("#pk", ItemAttributes.PK);
		names.put("#version", ItemAttributes.VERSION);
		values.put(":expected", AttributeValue.fromN(Long.toString(write.base())));
		String condition = "attribute_exists(#pk) AND #version = :expected";
		if (creation.guard() != null) {
			condition += " AND " + creation.guard().condition(names, values);
		}
		List<String> guarded = this.dropped.guarded(metadata);
		condition = DroppedAttributes.guard(condition, guarded, names);
		List<TransactWriteItem> items = new ArrayList<>(5);
		items.add(putIfAbsent(history));
		items.add(put(latest, condition, names, values));
		String pk = ResourceIds.partitionKey(metadata, id);
		List<TransactWriteItem> retained = new ArrayList<>(this.retention.transactionItems(maxVersions, pk, next));
		// a restore requires the restored version to be still stored (see referredIndex)
		Long referred = write.referredVersion();
		List<TransactWriteItem> own = new ArrayList<>(items);
		int referredIndex = -1;
		if (referred != null) {
			TransactWriteItem check = versionExists(metadata, id, referred);
			own.add(check);
			int touched = retained.stream().map(WriteUnit::keyOf).toList().indexOf(WriteUnit.keyOf(check));
			if (touched < 0) {
				items.add(check);
				referredIndex = 2;
			}
			else if (retained.get(touched).delete() != null) {
				// the version leaves the window with this write: its delete is the check
				retained.set(touched, TransactWriteItem.builder()
					.delete(retained.get(touched).delete().toBuilder()
						.conditionExpression(check.conditionCheck().conditionExpression())
						.expressionAttributeNames(check.conditionCheck().expressionAttributeNames())
						.build())
					.build());
				referredIndex = 2 + touched;
			}
			// else the probe looks at it: being stored, it fails the probe, and the unit without it checks it
		}
		items.addAll(retained);
		int checkedAt = referredIndex;
		boolean probe = VersionRetention.hasProbe(maxVersions, next);
		// without the probe and the pruning delete: the trim deletes the leaving version, last (see VersionRetention)
		WriteUnit withoutProbe = WriteUnit.failingWith(write.operation(), metadata.getType(), id, own,
				(failed) -> ConditionFailures.ofVersionedWrite(metadata, id, write.base(), referred,
						(referred != null) ? 2 : -1, failed, guarded), stored)
			.afterCommit(() -> {
				this.retention.trim(maxVersions, pk, next);
				if (pruned != null) {
					pruned.run();
				}
			});
		return new WriteUnit(write.operation(), metadata.getType(), id, List.copyOf(items), (failed) -> {
			if (probe && VersionRetention.probeFailed(failed, items.size())) {
				return WriteUnit.Outcome.retryWith(withoutProbe);
			}
			Map<String, AttributeValue> old = failed.oldItem(1);
			if (latestRead == null && creation.guard() != null && creation.guard().failedOn(old)) {
				// the entity carries another creation time than the stored one: the stored one wins
				return WriteUnit.Outcome.retryWith(versionedUnit(write, old));
			}
			return WriteUnit.Outcome.fail(ConditionFailures.ofVersionedWrite(metadata, id, write.base(), referred,
					checkedAt, failed, guarded));
		}, pruned, stored);
	}

	/**
	 * The check that a version's history item is still stored (third item of a versioned write).
	 */
	private TransactWriteItem versionExists(SingleTablePersistentEntity<?> metadata, String id, long version) {
		return TransactWriteItem.builder()
			.conditionCheck(ConditionCheck.builder()
				.tableName(this.executor.getTableName())
				.key(ResourceIds.key(metadata, id, ResourceIds.versionKey(version)))
				.conditionExpression("attribute_exists(#pk)")
				.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
				.build())
			.build();
	}

	/**
	 * A versioned write in preparation: the entity (through its accessor) and the version it is based on.
	 */
	private record Versioned<T>(String operation, SingleTablePersistentEntity<T> metadata,
			PersistentPropertyAccessor<T> accessor, String id, long base, Instant now, Map<String, Long> blobReferences,
			List<String> clearedBlobs, @Nullable Long referredVersion) {
	}

	private <T> WriteUnit plainUpdate(SingleTablePersistentEntity<T> metadata, PersistentPropertyAccessor<T> accessor,
			String id, List<String> clearedBlobs) {
		Instant now = this.timestamps.next(Stamps.modifiedAt(metadata, accessor));
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		names.put("#pk", ItemAttributes.PK);
		String condition = "attribute_exists(#pk)";
		Object expected = null;
		Instant previousModification = null;
		long nextVersion = 0;
		if (metadata.getVersionProperty() != null) {
			long base = Stamps.version(metadata, accessor);
			expected = base;
			names.put("#version", ItemAttributes.VERSION);
			if (base == 0) {
				condition += " AND attribute_not_exists(#version)";
			}
			else {
				values.put(":expected", AttributeValue.fromN(Long.toString(base)));
				condition += " AND #version = :expected";
			}
			nextVersion = base + 1;
			Stamps.setVersion(accessor, metadata.getVersionProperty(), nextVersion);
		}
		else if (Stamps.modifiedAt(metadata, accessor) != null) {
			previousModification = Stamps.modifiedAt(metadata, accessor);
			expected = StorageTimestamps.format(previousModification);
			condition += " AND (" + PlainConditions.modifiedCondition(names, values, (String) expected) + ")";
		}
		Stamps.setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
		List<String> blobFields = BlobWrites.hasBlobs(metadata) ? this.blobs.storedFields(metadata, id) : List.of();
		return plainUpdateUnit(new Plain<>(metadata, accessor, id, now, expected, previousModification, nextVersion,
				blobFields, clearedBlobs), names, values, condition, null);
	}

	private <T> WriteUnit plainUpdateUnit(Plain<T> write, Map<String, String> names, Map<String, AttributeValue> values,
			String optimistic, @Nullable Map<String, AttributeValue> storedItem) {
		SingleTablePersistentEntity<T> metadata = write.metadata();
		String id = write.id();
		Creation creation = creation(metadata, write.accessor(), id, storedItem);
		T stored = write.accessor().getBean();
		Map<String, AttributeValue> body = this.layout.body(stored, creation.instant(), creation.stored(), write.now());
		Map<String, AttributeValue> item = this.layout.latest(metadata, id, stored, body, write.nextVersion(),
				write.now(), creation.instant());
		Runnable blobCleanup = null;
		if (BlobWrites.hasBlobs(metadata)) {
			java.util.Set<String> unreferenced = this.blobs.attachPlain(metadata, stored, write.blobFields(),
					write.clearedBlobs(), item);
			blobCleanup = unreferenced.isEmpty() ? null : () -> this.blobs.deleteFields(metadata, id, unreferenced);
		}
		Map<String, String> attemptNames = new HashMap<>(names);
		Map<String, AttributeValue> attemptValues = new HashMap<>(values);
		String condition = optimistic;
		if (creation.guard() != null) {
			condition += " AND " + creation.guard().condition(attemptNames, attemptValues);
		}
		List<String> guarded = this.dropped.guarded(metadata);
		condition = DroppedAttributes.guard(condition, guarded, attemptNames);
		boolean first = storedItem == null;
		return new WriteUnit("update", metadata.getType(), id, List.of(put(item, condition, attemptNames, attemptValues)),
				(failed) -> {
					Map<String, AttributeValue> old = failed.oldItem(0);
					if (first && old != null && creation.guard() != null && creation.guard().failedOn(old)) {
						// the entity carries another creation time than the stored one: the stored one wins
						return WriteUnit.Outcome.retryWith(plainUpdateUnit(write, names, values, optimistic, old));
					}
					Instant unstamped = (metadata.getVersionProperty() == null)
							? this.conditions.unstampedModification(metadata, old) : null;
					if (first && old != null && write.previousModification() != null
							&& write.previousModification().equals(unstamped)) {
						// updated_at is inside data: accept exactly the stored item whose content was checked
						Map<String, String> unchangedNames = new HashMap<>(names);
						Map<String, AttributeValue> unchangedValues = new HashMap<>(values);
						String unchanged = PlainConditions.unchangedDataCondition(unchangedNames, unchangedValues, old);
						return WriteUnit.Outcome
							.retryWith(plainUpdateUnit(write, unchangedNames, unchangedValues, unchanged, old));
					}
					return WriteUnit.Outcome.fail(ConditionFailures.ofUpdate(metadata, id, write.expected(), old,
							(stale) -> PlainConditions.storedState(metadata, stale, unstamped), guarded));
				}, blobCleanup, stored);
	}

	/**
	 * A plain update in preparation: the entity (through its accessor) and what its condition expects.
	 */
	private record Plain<T>(SingleTablePersistentEntity<T> metadata, PersistentPropertyAccessor<T> accessor, String id,
			Instant now, @Nullable Object expected, @Nullable Instant previousModification, long nextVersion,
			List<String> blobFields, List<String> clearedBlobs) {
	}

	// ---- delete ----------------------------------------------------------------------------------------

	/**
	 * The delete of an entity as read, conditioned on its version (or modification time) being unchanged; for a
	 * versioned type the latest item only. Returns {@literal null} when the entity carries neither (then it is
	 * deleted by id).
	 * @param existing whether a resource that no longer exists fails the delete ({@code CrudRepository.delete})
	 * rather than leaving nothing to do
	 */
	<T> @Nullable WriteUnit delete(T entity, boolean existing) {
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		PersistentPropertyAccessor<T> accessor = metadata.getPropertyAccessor(entity);
		String id = Stamps.requireId(metadata, accessor);
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		String condition;
		Object expected;
		Instant modified = Stamps.modifiedAt(metadata, accessor);
		if (metadata.getVersionProperty() != null && accessor.getProperty(metadata.getVersionProperty()) != null) {
			expected = Stamps.version(metadata, accessor);
			condition = "#version = :expected";
			names.put("#version", ItemAttributes.VERSION);
			values.put(":expected", AttributeValue.fromN(expected.toString()));
		}
		else if (!metadata.isVersioned() && modified != null) {
			expected = StorageTimestamps.format(modified);
			condition = PlainConditions.modifiedCondition(names, values, (String) expected);
		}
		else {
			return null;
		}
		if (!existing) {
			names.put("#pk", ItemAttributes.PK);
			condition = "attribute_not_exists(#pk) OR (" + condition + ")";
		}
		return deleteUnit(metadata, id, expected, modified, names, values, condition, true);
	}

	private WriteUnit deleteUnit(SingleTablePersistentEntity<?> metadata, String id, Object expected,
			@Nullable Instant modified, Map<String, String> names, Map<String, AttributeValue> values, String condition,
			boolean first) {
		TransactWriteItem delete = TransactWriteItem.builder()
			.delete(Delete.builder()
				.tableName(this.tableName)
				.key(ItemLayout.latestKey(metadata, id))
				.conditionExpression(condition)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values.isEmpty() ? null : values)
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build();
		return new WriteUnit("delete", metadata.getType(), id, List.of(delete), (failed) -> {
			Map<String, AttributeValue> old = failed.oldItem(0);
			if (old == null) {
				return WriteUnit.Outcome.fail(ConditionFailures.ofGoneDelete(metadata, id, expected));
			}
			Instant unstamped = (expected instanceof String) ? this.conditions.unstampedModification(metadata, old) : null;
			if (first && unstamped != null && unstamped.equals(modified)) {
				// updated_at is inside data: delete exactly the stored item whose content was checked
				Map<String, String> unchangedNames = new HashMap<>(names);
				unchangedNames.put("#pk", ItemAttributes.PK);
				Map<String, AttributeValue> unchangedValues = new HashMap<>();
				String unchanged = PlainConditions.unchangedDataCondition(unchangedNames, unchangedValues, old);
				return WriteUnit.Outcome.retryWith(deleteUnit(metadata, id, expected, modified, unchangedNames,
						unchangedValues, unchanged, false));
			}
			return WriteUnit.Outcome.fail(ConditionFailures.ofDelete(metadata, id, expected,
					PlainConditions.storedState(metadata, old, unstamped)));
		}, afterResourceDelete(metadata, id), null);
	}

	/**
	 * The delete of every stored item of a resource: its latest item, even when nothing is stored (so that another
	 * operation of a transaction on the resource is refused, as for any item both touch), and the history items of a
	 * versioned one as they are found now (one query). A versioned resource's latest item is deleted only in the
	 * state found — its version, or its absence — so that a version written after the query fails the delete
	 * instead of staying behind without its latest item; the unit then asks to be built again from a new query.
	 */
	WriteUnit deleteById(SingleTablePersistentEntity<?> metadata, String id) {
		if (!metadata.isVersioned()) {
			return WriteUnit.failingWith("deleteById", metadata.getType(), id,
					deletes(List.of(ItemLayout.latestKey(metadata, id))),
					(failed) -> ConditionFailures.ofMissing(metadata, id), null)
				.afterCommit(afterResourceDelete(metadata, id));
		}
		List<Map<String, AttributeValue>> found = storedVersions(metadata, id);
		List<TransactWriteItem> items = new ArrayList<>(found.size() + 1);
		items.add(latestDeleteAsFound(metadata, id, found));
		items.addAll(deletes(historyKeys(found)));
		return new WriteUnit("deleteById", metadata.getType(), id, items,
				(failed) -> WriteUnit.Outcome.retryWith(deleteById(metadata, id)), afterResourceDelete(metadata, id),
				null);
	}

	/**
	 * The stored items of a versioned resource, {@code v0} included, with their keys and version only (one
	 * strongly consistent query).
	 */
	List<Map<String, AttributeValue>> storedVersions(SingleTablePersistentEntity<?> metadata, String id) {
		return this.retention.versions(ResourceIds.partitionKey(metadata, id), List.of(ItemAttributes.VERSION));
	}

	/**
	 * The delete of a versioned resource's latest item in the state {@link #storedVersions} found: while it has the
	 * version found, or, when none was found, while it is still absent (a latest item found without a version is
	 * deleted as it is).
	 */
	TransactWriteItem latestDeleteAsFound(SingleTablePersistentEntity<?> metadata, String id,
			List<Map<String, AttributeValue>> found) {
		Map<String, AttributeValue> latest = null;
		for (Map<String, AttributeValue> item : found) {
			if (ItemLayout.isLatestCopy(item)) {
				latest = item;
			}
		}
		Delete.Builder delete = Delete.builder().tableName(this.tableName).key(ItemLayout.latestKey(metadata, id));
		if (latest != null && latest.get(ItemAttributes.VERSION) != null) {
			delete.conditionExpression("#version = :found")
				.expressionAttributeNames(Map.of("#version", ItemAttributes.VERSION))
				.expressionAttributeValues(Map.of(":found", latest.get(ItemAttributes.VERSION)));
		}
		else if (latest == null) {
			delete.conditionExpression("attribute_not_exists(#pk)")
				.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK));
		}
		return TransactWriteItem.builder().delete(delete.build()).build();
	}

	/**
	 * The keys of the history items ({@code v1..vN}) among the items {@link #storedVersions} found.
	 */
	static List<Map<String, AttributeValue>> historyKeys(List<Map<String, AttributeValue>> found) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>(found.size());
		for (Map<String, AttributeValue> item : found) {
			if (!ItemLayout.isLatestCopy(item)) {
				keys.add(Map.of(ItemAttributes.PK, item.get(ItemAttributes.PK), ItemAttributes.SK,
						item.get(ItemAttributes.SK)));
			}
		}
		return keys;
	}

	/**
	 * What follows the delete of a resource: the delete of its S3 objects, for a type with blob properties.
	 */
	@Nullable Runnable afterResourceDelete(SingleTablePersistentEntity<?> metadata, String id) {
		return BlobWrites.hasBlobs(metadata) ? () -> this.blobs.deleteResource(metadata, id) : null;
	}

	/**
	 * The deletes of the stored versions of a versioned resource, as they are found now (one key-only query).
	 * @param withLatest whether {@code v0} is among them
	 */
	List<TransactWriteItem> versionDeletes(SingleTablePersistentEntity<?> metadata, String id, boolean withLatest) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		for (Map<String, AttributeValue> key : this.retention.versions(ResourceIds.partitionKey(metadata, id), true)) {
			if (withLatest || !ItemLayout.isLatestCopy(key)) {
				keys.add(key);
			}
		}
		return deletes(keys);
	}

	private List<TransactWriteItem> deletes(List<Map<String, AttributeValue>> keys) {
		List<TransactWriteItem> deletes = new ArrayList<>(keys.size());
		for (Map<String, AttributeValue> key : keys) {
			deletes.add(TransactWriteItem.builder()
				.delete(Delete.builder().tableName(this.tableName).key(key).build())
				.build());
		}
		return deletes;
	}

	// ---- condition checks ------------------------------------------------------------------------------

	/**
	 * A condition check on the latest item of a resource: that it has the given version, exists, or is absent.
	 * @param version the version required, {@literal null} to require only existence (or absence)
	 * @param absent whether the resource must not exist
	 */
	WriteUnit check(String operation, SingleTablePersistentEntity<?> metadata, String id, @Nullable Long version,
			boolean absent) {
		Instant now = this.timestamps.now();
		ExpressionBuilder expression = new ExpressionBuilder();
		// an expired item that reads hide is missing here too
		String condition = absent ? Expiry.absentCondition(metadata, expression, now)
				: Expiry.existsCondition(metadata, expression, now);
		if (version != null) {
			condition += " AND " + expression.name(ItemAttributes.VERSION) + " = "
					+ expression.value(AttributeValue.fromN(Long.toString(version)));
		}
		ConditionCheck check = ConditionCheck.builder()
			.tableName(this.tableName)
			.key(ItemLayout.latestKey(metadata, id))
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
			.conditionExpression(condition)
			.expressionAttributeNames(expression.names())
			.expressionAttributeValues(expression.values())
			.build();
		return WriteUnit.failingWith(operation, metadata.getType(), id,
				List.of(TransactWriteItem.builder().conditionCheck(check).build()), (failed) -> {
					Map<String, AttributeValue> old = failed.oldItem(0);
					return ConditionFailures.ofCheck(metadata, id, version, absent,
							Expiry.isExpired(metadata, old, now) ? null : old);
				}, null);
	}

	// ---- creation time ---------------------------------------------------------------------------------

	/**
	 * What an update writes as creation time and how its condition guards it (see {@link CreatedAtGuard}).
	 */
	private record Creation(@Nullable Instant instant, @Nullable AttributeValue stored, @Nullable CreatedAtGuard guard) {
	}

	/**
	 * Settles the creation time of an update: the one the entity carries, else the one stored, read with one
	 * strongly consistent {@code GetItem} unless the caller already holds the stored item. The entity's
	 * {@code @CreatedDate} property is set to the stored value when that is used.
	 */
	private Creation creation(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor, String id,
			@Nullable Map<String, AttributeValue> storedItem) {
		Instant carried = Stamps.createdAt(metadata, accessor);
		List<SingleTablePersistentProperty> creators = metadata.getCreationProperties();
		if (storedItem == null && carried != null && creators.isEmpty()) {
			return new Creation(carried, null, CreatedAtGuard.of(metadata.isCompressed(), carried, null));
		}
		Map<String, AttributeValue> item = (storedItem != null) ? storedItem
				: this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
					.orElseThrow(() -> new NoSuchResourceException(metadata.getType(), id, null));
		keepCreationValues(metadata, accessor, item, creators);
		Instant stored = this.converter.readCreatedAt(item);
		if (stored == null) {
			return new Creation(carried, null, CreatedAtGuard.of(metadata.isCompressed(), carried, null));
		}
		Stamps.setTimestamp(accessor, metadata.getCreatedDateProperty(), stored);
		AttributeValue attribute = item.get(ItemAttributes.CREATED_AT);
		return new Creation(stored, attribute, CreatedAtGuard.of(metadata.isCompressed(), stored, attribute));
	}

	/**
	 * Sets the stored values of the creation properties ({@code @CreatedBy}, an {@code Auditable}'s
	 * {@code createdBy}/{@code createdDate}) on the entity: an update never changes them, whether the entity carries
	 * {@literal null} (a bound request body) or another value. A property stored without value takes the entity's.
	 * The write's condition on the stored {@code created_at} makes sure the item is still the one read.
	 */
	@SuppressWarnings("unchecked")
	private void keepCreationValues(SingleTablePersistentEntity<?> metadata, PersistentPropertyAccessor<?> accessor,
			Map<String, AttributeValue> item, List<SingleTablePersistentProperty> creators) {
		if (creators.isEmpty()) {
			return;
		}
		SingleTablePersistentEntity<Object> entity = (SingleTablePersistentEntity<Object>) metadata;
		PersistentPropertyAccessor<Object> stored = entity.getPropertyAccessor(this.converter.read(entity.getType(), item));
		for (SingleTablePersistentProperty creator : creators) {
			Object value = stored.getProperty(creator);
			if (value != null) {
				accessor.setProperty(creator, value);
			}
		}
	}

	// ---- items -----------------------------------------------------------------------------------------

	private TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.tableName)
				.item(item)
				.conditionExpression(CONDITION_NEW)
				.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
				.build())
			.build();
	}

	/**
	 * The put of a plain resource's item unless one is stored that reads return: an expired item of a type whose
	 * reads hide expired items counts as absent and is replaced, so a create agrees with {@code findById}. (A
	 * versioned resource's expired history items still hold their keys until DynamoDB deletes them.)
	 */
	private TransactWriteItem putIfAbsentOrExpired(SingleTablePersistentEntity<?> metadata,
			Map<String, AttributeValue> item) {
		ExpressionBuilder expression = new ExpressionBuilder();
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.tableName)
				.item(item)
				.conditionExpression(Expiry.absentCondition(metadata, expression, this.timestamps.now()))
				.expressionAttributeNames(expression.names())
				.expressionAttributeValues(expression.values())
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build();
	}

	private TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, String> names,
			Map<String, AttributeValue> values) {
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.tableName)
				.item(item)
				.conditionExpression(condition)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values.isEmpty() ? null : values)
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build();
	}

	@SuppressWarnings("unchecked")
	<T> SingleTablePersistentEntity<T> entityOf(T entity) {
		return (SingleTablePersistentEntity<T>) this.converter.getRequiredEntity(entity.getClass());
	}

}
