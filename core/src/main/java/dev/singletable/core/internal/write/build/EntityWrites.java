package dev.singletable.core.internal.write.build;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Persistable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.Changes;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.item.TypeRequirements;
import dev.singletable.internal.plan.BatchGet;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ChangesApplier;
import dev.singletable.core.internal.write.item.CreationTimes;
import dev.singletable.core.internal.write.item.StoredItems;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.PlannedWrite;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The write model of entities, as a dispatcher: picks the write operation of each write of an entity and hands it
 * the shared pieces ({@link WriteSupport}); each operation — {@link CreateOperation},
 * {@link VersionedUpdateOperation}, {@link RestoreVersionOperation}, {@link PlainUpdateOperation},
 * {@link UpsertOperation}, {@link PutAllOperation}, {@link DeleteOperation}, {@link DeleteByIdOperation},
 * {@link DeleteVersionOperation}, {@link ConditionCheckOperation} — builds its {@link WriteUnit} and says itself what
 * a failed condition means, so that the {@link UnitSender} sends it alone or in a transaction with others. Here
 * lives the rule of what {@code save} does ({@link #saveOf}).
 */
public final class EntityWrites {

	private final WriteSupport support;

	/**
	 * @param support the shared pieces of the template's writes
	 */
	public EntityWrites(WriteSupport support) {
		this.support = support;
	}

	public <T> WriteUnit create(T entity) {
		return new CreateOperation<>(this.support, entityOf(entity), entity).unit();
	}

	/**
	 * The plan of an update of an entity as read (see {@link VersionedUpdateOperation}, {@link PlainUpdateOperation}):
	 * reads what it needs from the table — the stored latest item for the creation values ({@link CreationTimes}),
	 * for the audit row ({@code readBefore}) and for the blob references, plus a versioned type's history item of the
	 * version it follows and the comparisons of its objects ({@link BlobStage}) — then stamps the entity and builds
	 * the unit.
	 * @param clearedBlobs the stored names of the blob properties to clear (see {@link #applyChanges}); a
	 * {@literal null} blob property otherwise means "unchanged"
	 * @param readBefore whether the stored latest item is read for the caller (an audit row that compares with it)
	 */
	public <T> Step<PlannedWrite> update(T entity, List<String> clearedBlobs, boolean readBefore) {
		return update(entity, clearedBlobs, readBefore, true);
	}

	/**
	 * The plan of an update of an entity as read ({@link #update(Object, List, boolean)}), using the template's
	 * {@link KnownBlobFacts} of the version it follows or not: a unit a transaction collects does not (a stale fact
	 * there would fail the caller's whole transaction, where a single write plans again with the read).
	 * @param useKnownFacts whether the blob attributes of the followed version, when known, replace its read
	 */
	public <T> Step<PlannedWrite> update(T entity, List<String> clearedBlobs, boolean readBefore,
			boolean useKnownFacts) {
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, entity);
		String id = Stamps.settleId(metadata, accessor);
		boolean creation = this.support.creation().needsStoredItem(metadata, accessor);
		boolean blobs = BlobStage.hasBlobs(metadata);
		String table = this.support.tableName();
		List<Request> reads = new ArrayList<>(2);
		// a versioned type's blob references come from the history item of the version it follows (the latest item
		// only when that one is missing): the latest item is read first only when something else needs it
		boolean latestRead = creation || readBefore || (blobs && !metadata.isVersioned());
		if (latestRead) {
			reads.add(StoredItems.get(table, ItemLayout.latestKey(metadata, id)));
		}
		if (!metadata.isVersioned()) {
			return Step.sendAll(reads, (answers) -> {
				Map<String, AttributeValue> latest = answers.isEmpty() ? null : StoredItems.item(answers.get(0));
				List<String> fields = (blobs && latest != null) ? BlobAttributes.readFields(latest) : List.of();
				return Step.done(new PlannedWrite(PlainUpdateOperation.of(this.support, metadata, accessor, id,
						clearedBlobs, creation ? latest : null, fields), latest));
			});
		}
		long base = Stamps.version(metadata, accessor);
		if (base < 1) {
			throw new IllegalArgumentException(metadata.getType().getSimpleName() + " '" + id + "' has no version: "
					+ "update the entity as read from the store, or use create for a new resource");
		}
		if (!blobs) {
			return Step.sendAll(reads, (answers) -> {
				Map<String, AttributeValue> latest = latestRead ? StoredItems.item(answers.get(0)) : null;
				if (creation && latest == null) {
					throw new NoSuchResourceException(metadata.getType(), id, null);
				}
				return versionedUpdate(metadata, accessor, id, base, BlobStage.Followed.NONE, clearedBlobs,
						creation ? latest : null, latest);
			});
		}
		// the blob attributes of the version it follows, known from a read or write of this template: nothing to
		// read (the write puts v0 on the condition that they are still the stored ones)
		KnownBlobFacts.Facts known = (latestRead || !useKnownFacts) ? null
				: this.support.blobs().facts().get(ResourceIds.partitionKey(metadata, id), base);
		if (known != null) {
			return versionedUpdate(metadata, accessor, id, base, BlobStage.Followed.known(known), clearedBlobs, null,
					null);
		}
		// the history item of the version it follows (with the latest item when something else needs it, in one
		// request); the version it prunes is not read: the prune after the answer returns it for the clean-up
		List<Map<String, AttributeValue>> keys = new ArrayList<>(2);
		if (latestRead) {
			keys.add(ItemLayout.latestKey(metadata, id));
		}
		keys.add(ResourceIds.key(metadata, id, ResourceIds.versionKey(base)));
		return BatchGet.inPartition(table, keys, true).then((found) -> {
			Map<String, AttributeValue> latest = latestRead ? found.get(ResourceIds.versionKey(0)) : null;
			if (creation && latest == null) {
				throw new NoSuchResourceException(metadata.getType(), id, null);
			}
			Map<String, AttributeValue> history = found.get(ResourceIds.versionKey(base));
			Step<BlobStage.Followed> references = references(metadata, id, base, history, latestRead, latest);
			return references.then((followed) -> versionedUpdate(metadata, accessor, id, base, followed, clearedBlobs,
					creation ? latest : null, latest));
		});
	}

	private <T> Step<PlannedWrite> versionedUpdate(SingleTablePersistentEntity<T> metadata,
			PersistentPropertyAccessor<T> accessor, String id, long base, BlobStage.Followed followed,
			List<String> clearedBlobs, @Nullable Map<String, AttributeValue> creationRead,
			@Nullable Map<String, AttributeValue> latest) {
		return new VersionedUpdateOperation<>(this.support, VersionedUpdateOperation.NAME, metadata, accessor, id, base,
				followed, clearedBlobs, null)
			.plan(creationRead)
			.then((unit) -> Step.done(new PlannedWrite(unit, latest)));
	}

	/**
	 * The blob references of the version {@code base} an update follows: its history item's, else the latest item's
	 * when that is the version — read now when the update did not read it already.
	 */
	private Step<BlobStage.Followed> references(SingleTablePersistentEntity<?> metadata, String id, long base,
			@Nullable Map<String, AttributeValue> history, boolean latestRead,
			@Nullable Map<String, AttributeValue> latest) {
		if (history != null || latestRead) {
			return Step.done(VersionedUpdateOperation.storedReferences(base, history, latest));
		}
		return Step.send(StoredItems.get(this.support.tableName(), ItemLayout.latestKey(metadata, id)),
				(answer) -> Step.done(VersionedUpdateOperation.storedReferences(base, null, StoredItems.item(answer))));
	}

	/**
	 * Applies {@link Changes} to an entity, for {@link #update(Object, List, boolean)} (see {@link BlobStage#applyChanges}).
	 */
	public <T> BlobStage.Changed<T> applyChanges(T entity, Changes changes, ChangesApplier applier) {
		return this.support.blobs().applyChanges(entity, changes, applier);
	}

	/**
	 * What {@code save} does with an entity, the rule of Spring Data stores: a {@link Persistable} says itself
	 * whether it is new; otherwise an entity without id, or with a {@code @Version} property holding {@literal null}
	 * (or 0), is new and created; a plain type without {@code @Version} is upserted unless it carries its
	 * modification time (read from the store: an optimistic update then).
	 */
	public <T> Save saveOf(T entity) {
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
	public enum Save {

		CREATE, UPDATE, UPSERT

	}

	/**
	 * The plan of the write of a plain entity with an assigned id, whether it exists or not (see
	 * {@link UpsertOperation}); its stored item is the one it read.
	 */
	public <T> Step<PlannedWrite> upsert(T entity) {
		SingleTablePersistentEntity<T> metadata = entityOf(entity);
		requirePlain(metadata, "An upsert");
		return new UpsertOperation<>(this.support, metadata, entity).plan();
	}

	/**
	 * The plan that writes a stored version again as the next version (see {@link RestoreVersionOperation}); its
	 * stored item is the latest one it read.
	 */
	public <T> Step<PlannedWrite> restore(Class<T> type, String rawId, long version) {
		SingleTablePersistentEntity<T> metadata = TypeRequirements.versioned(this.support.converter(), type);
		return new RestoreVersionOperation<>(this.support, metadata, ResourceIds.check(type, rawId), version).plan();
	}

	/**
	 * The delete of an entity as read; {@literal null} when it carries neither version nor modification time (then
	 * it is deleted by id).
	 * @param existing whether a resource that no longer exists fails the delete
	 */
	public <T> @Nullable DeleteOperation delete(T entity, boolean existing) {
		return DeleteOperation.of(this.support, entityOf(entity), entity, existing);
	}

	public DeleteByIdOperation deleteById(SingleTablePersistentEntity<?> metadata, String id) {
		return new DeleteByIdOperation(this.support, metadata, id);
	}

	/**
	 * The delete of one version (see {@link DeleteVersionOperation}).
	 */
	public DeleteVersionOperation deleteVersion(SingleTablePersistentEntity<?> metadata, String id, long version) {
		return new DeleteVersionOperation(this.support, metadata, id, version);
	}

	/**
	 * A condition check on the latest item of a resource (see {@link ConditionCheckOperation}).
	 */
	public WriteUnit check(String operation, SingleTablePersistentEntity<?> metadata, String id, @Nullable Long version,
			boolean absent) {
		return new ConditionCheckOperation(this.support, operation, metadata, id, version, absent).unit();
	}

	/**
	 * The unconditional puts of plain entities that {@code putAll} writes in batches.
	 */
	<T> PutAllOperation<T> putAll(Collection<T> entities) {
		return new PutAllOperation<>(this.support, entities);
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

	public <T> SingleTablePersistentEntity<T> entityOf(T entity) {
		return this.support.entityOf(entity);
	}

}
