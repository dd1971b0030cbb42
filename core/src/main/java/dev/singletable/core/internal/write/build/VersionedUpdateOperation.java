package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.blob.StaleBlobFactsException;
import dev.singletable.core.internal.blob.BlobRequest;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.CreatedAtGuard;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.item.CreationTimes;
import dev.singletable.core.internal.write.item.DroppedAttributes;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The write of the next version of a versioned resource ({@code update}, and the write of {@code restoreVersion}):
 * stamps version {@code N+1} and the modification time, and writes {@code vN+1} if absent and {@code v0} if its
 * version is still {@code N} (and its creation time the one written, see {@link CreatedAtGuard}; and Python's layout
 * attributes the type would drop absent, see {@link DroppedAttributes}) — and, for a restore of a type with blob
 * properties, the check that the restored version is still stored, since the new version refers to its objects. The
 * version leaving the {@code maxVersions} window is pruned after the answer, at the price of a plain write
 * ({@link VersionRetention#prune}, handed off as a {@link Request.Background}), followed by the clean-up of the
 * objects it alone used.
 * <p>
 * What a failed condition means, decided by the operation itself from the failure: the stored creation time differs
 * from the one the entity carries — the unit is built again with the stored item the failure returned; else
 * {@link ConditionFailures#ofVersionedWrite}.
 * @param <T> the entity type
 */
public final class VersionedUpdateOperation<T> {

	/** The name of the operation that updates an entity as read. */
	static final String NAME = "update";

	private final WriteSupport support;

	private final String operation;

	private final SingleTablePersistentEntity<T> metadata;

	private final PersistentPropertyAccessor<T> accessor;

	private final String id;

	private final long base;

	private final Instant now;

	private final BlobStage.Followed followed;

	private final List<String> clearedBlobs;

	private final @Nullable Long referredVersion;

	/** The version a restore restores, marked on a compressed type's latest item; {@literal null} for an update. */
	private @Nullable Long restoredFrom;

	/** The comparison of the blob values with the followed version's objects, with the storage's answers. */
	private BlobStage.Compared compared = BlobStage.Compared.NONE;

	/**
	 * Creates the write of the version after {@code base}.
	 * @param operation the operation's name ({@code "update"}, {@code "restoreVersion"})
	 * @param followed what version {@code base} refers to (its blob references and their digests), and the
	 * references of the version the write prunes when they were read
	 * @param clearedBlobs the stored names of the blob properties the write clears
	 * @param referredVersion the version whose history item must still be stored, {@literal null} for none
	 */
	public VersionedUpdateOperation(WriteSupport support, String operation, SingleTablePersistentEntity<T> metadata,
			PersistentPropertyAccessor<T> accessor, String id, long base, BlobStage.Followed followed,
			List<String> clearedBlobs, @Nullable Long referredVersion) {
		this.support = support;
		this.operation = operation;
		this.metadata = metadata;
		this.accessor = accessor;
		this.id = id;
		this.base = base;
		this.followed = followed;
		this.clearedBlobs = clearedBlobs;
		this.referredVersion = referredVersion;
		this.now = support.timestamps().next(Stamps.modifiedAt(metadata, accessor));
	}

	/**
	 * Makes the write a restore of a version: a compressed type's latest item names it
	 * ({@value ItemAttributes#RESTORED_FROM_VERSION}), so that change events report a restore.
	 * @return this operation
	 */
	public VersionedUpdateOperation<T> restoring(long version) {
		this.restoredFrom = version;
		return this;
	}

	/**
	 * What version {@code version} of a resource refers to, which the write of the next version follows: from its
	 * history item (which never changes), else from the latest item when it is that version; nothing when neither
	 * is stored.
	 * @param history the version's history item as read, {@literal null} when none is stored
	 * @param latest the latest item as read, {@literal null} when none is stored
	 */
	public static BlobStage.Followed storedReferences(long version, @Nullable Map<String, AttributeValue> history,
			@Nullable Map<String, AttributeValue> latest) {
		if (history != null) {
			return BlobStage.Followed.of(history);
		}
		return (latest != null && Stamps.storedVersion(latest) == version) ? BlobStage.Followed.of(latest)
				: BlobStage.Followed.NONE;
	}

	/**
	 * The plan of the write: asks whether the stored objects of the version it follows hold the blob values the
	 * entity carries ({@link BlobStage#compare}), then stamps the entity and builds the unit, whose result is the
	 * entity as stored.
	 * @param latestRead the stored latest item when the plan read it for the creation values
	 * ({@link dev.singletable.core.internal.write.item.CreationTimes#needsStoredItem}), else {@literal null}
	 */
	public Step<WriteUnit> plan(@Nullable Map<String, AttributeValue> latestRead) {
		BlobStage.Compared compared = this.support.blobs()
			.compare(this.metadata, this.accessor.getBean(), this.base + 1, this.followed, this.clearedBlobs);
		List<BlobRequest.HoldsBlob> asks = compared.asks();
		if (asks.isEmpty()) {
			this.compared = compared;
			return Step.done(unit(latestRead));
		}
		return Step.sendAll(List.copyOf(asks), (answers) -> {
			Set<BlobLocation> holding = new HashSet<>();
			for (int i = 0; i < asks.size(); i++) {
				if (Boolean.TRUE.equals(answers.get(i).get(Boolean.class))) {
					holding.add(asks.get(i).location());
				}
			}
			this.compared = compared.answered(holding);
			return Step.done(unit(latestRead));
		});
	}

	/**
	 * Stamps the entity and returns the unit (of the first attempt, or of one built again from a failure's item),
	 * whose result is the entity as stored. Reads nothing.
	 */
	private WriteUnit unit(@Nullable Map<String, AttributeValue> latestRead) {
		SingleTablePersistentEntity<T> metadata = this.metadata;
		String id = this.id;
		long next = this.base + 1;
		Stamps.setVersion(this.accessor, metadata.getRequiredVersionProperty(), next);
		Stamps.setTimestamp(this.accessor, metadata.getLastModifiedDateProperty(), this.now);
		CreationTimes.Creation creation = this.support.creation().settle(metadata, this.accessor, id, latestRead);
		T stored = this.accessor.getBean();
		ItemLayout layout = this.support.layout();
		Map<String, AttributeValue> body = layout.body(stored, creation.instant(), creation.stored(), this.now);
		Map<String, AttributeValue> latest = layout.latest(metadata, id, stored, body, next, this.now,
				creation.instant());
		if (this.restoredFrom != null && metadata.isCompressed()) {
			latest = new HashMap<>(latest);
			latest.put(ItemAttributes.RESTORED_FROM_VERSION, AttributeValue.fromN(Long.toString(this.restoredFrom)));
		}
		Map<String, AttributeValue> history = layout.history(metadata, id, body, next, latest);
		int maxVersions = metadata.getMaxVersions();
		BlobStage.Staged blobs = this.support.blobs().versioned(metadata, stored, next, this.followed,
				this.clearedBlobs, this.compared, history, latest);
		Map<String, String> names = new HashMap<>();
		Map<String, AttributeValue> values = new HashMap<>();
		names.put("#pk", ItemAttributes.PK);
		names.put("#version", ItemAttributes.VERSION);
		values.put(":expected", AttributeValue.fromN(Long.toString(this.base)));
		String condition = creation.guard("attribute_exists(#pk) AND #version = :expected", names, values);
		List<String> guarded = this.support.dropped().guarded(metadata);
		condition = DroppedAttributes.guard(condition, guarded, names);
		KnownBlobFacts.Facts known = this.followed.known();
		if (known != null) {
			// the references were not read: they must still be the stored ones
			condition = KnownBlobFacts.condition(condition, known, names, values);
		}
		List<TransactWriteItem> items = new ArrayList<>(5);
		items.add(this.support.putIfAbsent(history));
		items.add(this.support.put(latest, condition, names, values));
		String pk = ResourceIds.partitionKey(metadata, id);
		// a restore requires the restored version to be still stored
		Long referred = this.referredVersion;
		if (referred != null) {
			items.add(versionExists(referred));
		}
		int checkedAt = (referred != null) ? 2 : -1;
		// the version leaving the window is pruned after the answer, then the objects it alone used: the delete
		// returns its item, whose references say which
		Step<?> after = null;
		if (VersionRetention.pruned(maxVersions, next) != 0) {
			BlobStage blobStage = this.support.blobs();
			Map<String, AttributeValue> written = history;
			Step<?> prune = (blobs != null)
					? this.support.retention().prune(maxVersions, pk, next, true)
						.then((pruned) -> blobStage.afterPrune(metadata, id, next, written, pruned))
					: this.support.retention().prune(maxVersions, pk, next, false);
			// after the prunes of the resource's earlier writes: its probe must not see the version the previous
			// prune is deleting (it would trim a history that is not longer than the window)
			after = Step.send(new Request.Background(prune, this.support.tableName() + "/" + pk),
					(answer) -> Step.done(null));
		}
		if (blobs != null) {
			after = BlobStage.recordOnCommit(this.support.blobs().facts(), Map.copyOf(latest), after);
		}
		return BlobStage.withBlobs(new WriteUnit(this.operation, metadata.getType(), id, List.copyOf(items), (failed) -> {
			Map<String, AttributeValue> old = failed.oldItem(1);
			if (known != null) {
				// the facts the write used may be stale: the next plan of the resource reads them
				this.support.blobs().facts().forget(pk);
				if (old != null && Stamps.storedVersion(old) == this.base && !KnownBlobFacts.matches(known, old)) {
					return WriteUnit.Outcome.fail(new StaleBlobFactsException(metadata.getType(), id, this.base));
				}
			}
			if (latestRead == null && creation.failedOn(old)) {
				// the entity carries another creation time than the stored one: the stored one wins
				return WriteUnit.Outcome.retryWith(unit(old));
			}
			return WriteUnit.Outcome.fail(ConditionFailures.ofVersionedWrite(metadata, id, this.base, referred, checkedAt,
					failed, guarded));
		}, after, stored, null), blobs);
	}

	/**
	 * The check that a version's history item is still stored (third item of a restore).
	 */
	private TransactWriteItem versionExists(long version) {
		return TransactWriteItem.builder()
			.conditionCheck(ConditionCheck.builder()
				.tableName(this.support.tableName())
				.key(ResourceIds.key(this.metadata, this.id, ResourceIds.versionKey(version)))
				.conditionExpression("attribute_exists(#pk)")
				.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
				.build())
			.build();
	}

}
