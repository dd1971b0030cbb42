package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.item.CreationTimes;
import dev.singletable.core.internal.write.item.DroppedAttributes;
import dev.singletable.core.internal.write.item.PlainConditions;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The update of a plain resource: one put of its item, on the condition that it exists and — for an entity as read
 * ({@link #of}) — that its {@code version}, or else its modification time, is still the one read
 * ({@link PlainConditions}); for the replace of an upsert ({@link #replacing}), that it exists. Its creation time
 * stays the stored one ({@link CreationTimes}), and Python's layout attributes the type would drop must be absent
 * ({@link DroppedAttributes}).
 * <p>
 * What a failed condition means, decided by the operation itself from the stored item the failure returned: the
 * stored creation time differs from the one the entity carries — the unit is built again with that item; the item
 * is one the Python library wrote with {@code updated_at} only inside {@code data}, and that one is the modification
 * time read — the unit is built again on the condition that the whole {@code data} is still the one returned; else
 * {@link ConditionFailures#ofUpdate}.
 * @param <T> the entity type
 */
public final class PlainUpdateOperation<T> {

	/** The operation's name. */
	static final String NAME = "update";

	private final WriteSupport support;

	private final SingleTablePersistentEntity<T> metadata;

	private final PersistentPropertyAccessor<T> accessor;

	private final String id;

	private final Instant now;

	private final @Nullable Object expected;

	private final @Nullable Instant previousModification;

	private final long nextVersion;

	private final List<String> blobFields;

	private final List<String> clearedBlobs;

	private PlainUpdateOperation(WriteSupport support, SingleTablePersistentEntity<T> metadata,
			PersistentPropertyAccessor<T> accessor, String id, Instant now, @Nullable Object expected,
			@Nullable Instant previousModification, long nextVersion, List<String> blobFields,
			List<String> clearedBlobs) {
		this.support = support;
		this.metadata = metadata;
		this.accessor = accessor;
		this.id = id;
		this.now = now;
		this.expected = expected;
		this.previousModification = previousModification;
		this.nextVersion = nextVersion;
		this.blobFields = blobFields;
		this.clearedBlobs = clearedBlobs;
	}

	/**
	 * The optimistic update of an entity as read: stamps it (its next version, if it has one, and the modification
	 * time) and returns the unit, whose result is the entity as stored.
	 * Reads nothing: the plan that calls it read what it needs first.
	 * @param clearedBlobs the stored names of the blob properties the update clears
	 * @param storedItem the stored latest item when the plan read it for the creation values
	 * ({@link CreationTimes#needsStoredItem}), else {@literal null}
	 * @param blobFields the properties the stored item lists as having an object
	 */
	public static <T> WriteUnit of(WriteSupport support, SingleTablePersistentEntity<T> metadata,
			PersistentPropertyAccessor<T> accessor, String id, List<String> clearedBlobs,
			@Nullable Map<String, AttributeValue> storedItem, List<String> blobFields) {
		Instant now = support.timestamps().next(Stamps.modifiedAt(metadata, accessor));
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
		return new PlainUpdateOperation<>(support, metadata, accessor, id, now, expected, previousModification,
				nextVersion, blobFields, clearedBlobs)
			.unit(names, values, condition, storedItem, true);
	}

	/**
	 * The replace of a stored item by the write of an entity with an assigned id ({@link UpsertOperation}): on the
	 * condition that the item exists, keeping its creation values.
	 * @param stored the stored item
	 */
	static <T> WriteUnit replacing(WriteSupport support, SingleTablePersistentEntity<T> metadata,
			PersistentPropertyAccessor<T> accessor, String id, Map<String, AttributeValue> stored) {
		Instant now = support.timestamps().next(null);
		Map<String, String> names = new HashMap<>();
		names.put("#pk", ItemAttributes.PK);
		Stamps.setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
		return new PlainUpdateOperation<>(support, metadata, accessor, id, now, null, null, 0,
				BlobAttributes.readFields(stored), List.of())
			.unit(names, new HashMap<>(), "attribute_exists(#pk)", stored, false);
	}

	/**
	 * The unit of one attempt.
	 * @param optimistic the condition on the stored item, its names and values in {@code names} and {@code values}
	 * @param storedItem the stored item, when read (then its creation time is kept without another read)
	 * @param first whether the attempt is the operation's first (not a replacement built from a failure's item)
	 */
	private WriteUnit unit(Map<String, String> names, Map<String, AttributeValue> values, String optimistic,
			@Nullable Map<String, AttributeValue> storedItem, boolean first) {
		SingleTablePersistentEntity<T> metadata = this.metadata;
		String id = this.id;
		CreationTimes.Creation creation = this.support.creation().settle(metadata, this.accessor, id, storedItem);
		T stored = this.accessor.getBean();
		ItemLayout layout = this.support.layout();
		Map<String, AttributeValue> body = layout.body(stored, creation.instant(), creation.stored(), this.now);
		Map<String, AttributeValue> item = layout.latest(metadata, id, stored, body, this.nextVersion, this.now,
				creation.instant());
		BlobStage.Staged blobs = this.support.blobs().plain(metadata, stored, this.blobFields, this.clearedBlobs, item);
		Map<String, String> attemptNames = new HashMap<>(names);
		Map<String, AttributeValue> attemptValues = new HashMap<>(values);
		String condition = creation.guard(optimistic, attemptNames, attemptValues);
		List<String> guarded = this.support.dropped().guarded(metadata);
		condition = DroppedAttributes.guard(condition, guarded, attemptNames);
		WriteUnit unit = new WriteUnit(NAME, metadata.getType(), id,
				List.of(this.support.put(item, condition, attemptNames, attemptValues)),
				(failed) -> whenFailed(failed.oldItem(0), first, creation, names, values, optimistic, guarded), null,
				stored, null);
		return BlobStage.withBlobs(unit, blobs);
	}

	/**
	 * What a failed condition of an attempt means.
	 * @param old the stored item the failure returned, if any
	 * @param first whether the attempt is the first (built without the stored item)
	 */
	private WriteUnit.Outcome whenFailed(@Nullable Map<String, AttributeValue> old, boolean first,
			CreationTimes.Creation creation, Map<String, String> names, Map<String, AttributeValue> values,
			String optimistic, List<String> guarded) {
		if (first && old != null && creation.failedOn(old)) {
			// the entity carries another creation time than the stored one: the stored one wins
			return WriteUnit.Outcome.retryWith(unit(names, values, optimistic, old, false));
		}
		Instant unstamped = (this.metadata.getVersionProperty() == null)
				? this.support.conditions().unstampedModification(this.metadata, old) : null;
		if (first && old != null && this.previousModification != null && this.previousModification.equals(unstamped)) {
			// updated_at is inside data: accept exactly the stored item whose content was checked
			Map<String, String> unchangedNames = new HashMap<>(names);
			Map<String, AttributeValue> unchangedValues = new HashMap<>(values);
			String unchanged = PlainConditions.unchangedDataCondition(unchangedNames, unchangedValues, old);
			return WriteUnit.Outcome.retryWith(unit(unchangedNames, unchangedValues, unchanged, old, false));
		}
		return WriteUnit.Outcome.fail(ConditionFailures.ofUpdate(this.metadata, this.id, this.expected, old,
				(stale) -> PlainConditions.storedState(this.metadata, stale, unstamped), guarded));
	}

}
