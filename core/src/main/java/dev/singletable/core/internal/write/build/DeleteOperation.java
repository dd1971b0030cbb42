package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.item.PlainConditions;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The delete of an entity as read ({@code delete}, {@code deleteExisting}): of its latest item, on the condition
 * that its version (or, for a plain type without one, its modification time) is unchanged — OR'ed with the item's
 * absence unless the resource must still exist ({@code CrudRepository.delete}). In a transaction, the history of a
 * versioned resource as found now goes with it ({@link #planWithHistory}); after the commit, the resource's S3
 * objects are deleted ({@link BlobStage#resourceDelete}).
 * <p>
 * What a failed condition means, decided by the operation itself from the stored item the failure returned: none —
 * the resource was deleted meanwhile ({@link ConditionFailures#ofGoneDelete}); an item the Python library wrote with
 * {@code updated_at} only inside {@code data}, whose one is the modification time read — the unit is built again on
 * the condition that the whole {@code data} is still the one returned; else {@link ConditionFailures#ofDelete}.
 * @param support the rules units are built with (the table, converter, timestamps, stages)
 * @param metadata the entity type
 * @param id the resource's id
 * @param expected the version or modification time read, which the stored item must still have
 * @param modified the modification time read, if any
 * @param names the condition's attribute names
 * @param values the condition's attribute values
 * @param condition the condition on the stored item
 */
public record DeleteOperation(WriteSupport support, SingleTablePersistentEntity<?> metadata, String id, Object expected,
		@Nullable Instant modified, Map<String, String> names, Map<String, AttributeValue> values, String condition) {

	/** The operation's name. */
	static final String NAME = "delete";

	/**
	 * Returns the delete of an entity as read; {@literal null} when it carries neither version nor modification time
	 * (then it is deleted by id).
	 * @param existing whether a resource that no longer exists fails the delete rather than leaving nothing to do
	 */
	public static <T> @Nullable DeleteOperation of(WriteSupport support, SingleTablePersistentEntity<T> metadata, T entity,
			boolean existing) {
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
		return new DeleteOperation(support, metadata, id, expected, modified, names, values, condition);
	}

	/**
	 * Returns the unit: the delete of the latest item.
	 */
	public WriteUnit unit() {
		return unit(this.names, this.values, this.condition, true);
	}

	/**
	 * The plan of the unit of a transaction: a versioned resource's history as found now (one strongly consistent
	 * query, page by page, {@link #historyQuery}) goes with it.
	 */
	public Step<WriteUnit> planWithHistory() {
		if (!this.metadata.isVersioned()) {
			return Step.done(unit());
		}
		return QueryAll.of(historyQuery().build()).then((stored) -> Step.done(unitWithHistory(stored)));
	}

	/**
	 * Returns the unit of a transaction with the history items among the given keys, as its plan read them
	 * ({@link #planWithHistory}).
	 * @param stored the keys of every stored item of the resource, {@code v0} included
	 */
	public WriteUnit unitWithHistory(List<Map<String, AttributeValue>> stored) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		for (Map<String, AttributeValue> key : stored) {
			if (!ItemLayout.isLatestCopy(key)) {
				keys.add(key);
			}
		}
		return unit().with(this.support.deletes(keys));
	}

	/**
	 * The query of the keys {@link #unitWithHistory(List)} takes.
	 */
	public QueryRequest.Builder historyQuery() {
		return this.support.retention().versionsQuery(ResourceIds.partitionKey(this.metadata, this.id), List.of());
	}

	private WriteUnit unit(Map<String, String> names, Map<String, AttributeValue> values, String condition,
			boolean first) {
		TransactWriteItem delete = this.support.deleteLatest(this.metadata, this.id, condition, names, values,
				ReturnValuesOnConditionCheckFailure.ALL_OLD);
		WriteUnit unit = new WriteUnit(NAME, this.metadata.getType(), this.id, List.of(delete),
				(failed) -> whenFailed(failed.oldItem(0), names, first), null, null, null);
		return BlobStage.withBlobs(unit, this.support.blobs().resourceDelete(this.metadata, this.id));
	}

	/**
	 * What a failed condition of an attempt means.
	 * @param old the stored item the failure returned, if any
	 * @param first whether the attempt is the first (on the version or modification time read)
	 */
	private WriteUnit.Outcome whenFailed(@Nullable Map<String, AttributeValue> old, Map<String, String> names,
			boolean first) {
		if (old == null) {
			return WriteUnit.Outcome.fail(ConditionFailures.ofGoneDelete(this.metadata, this.id, this.expected));
		}
		Instant unstamped = (this.expected instanceof String)
				? this.support.conditions().unstampedModification(this.metadata, old) : null;
		if (first && unstamped != null && unstamped.equals(this.modified)) {
			// updated_at is inside data: delete exactly the stored item whose content was checked
			Map<String, String> unchangedNames = new HashMap<>(names);
			unchangedNames.put("#pk", ItemAttributes.PK);
			Map<String, AttributeValue> unchangedValues = new HashMap<>();
			String unchanged = PlainConditions.unchangedDataCondition(unchangedNames, unchangedValues, old);
			return WriteUnit.Outcome.retryWith(unit(unchangedNames, unchangedValues, unchanged, false));
		}
		return WriteUnit.Outcome.fail(ConditionFailures.ofDelete(this.metadata, this.id, this.expected,
				PlainConditions.storedState(this.metadata, old, unstamped)));
	}

}
