package dev.singletable.core.internal.write.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.write.item.CreationTimes;
import dev.singletable.core.internal.write.item.DroppedAttributes;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.core.internal.write.item.PlainConditions;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The shared pieces every write operation is built with, made once per template and passed to each operation
 * (never the template): the table, the converter, the item layout, the clock, the retention rule, the optimistic
 * conditions of plain types, the guard of Python's layout attributes, the creation-time rule and the blob stage;
 * plus the items the operations share. None of them sends a request: the operations return plans
 * ({@code internal.plan}) that the template's driver runs.
 * @param tableName the table the writes name
 * @param converter the converter
 * @param layout the item layout
 * @param timestamps the clock of the writes
 * @param retention the retention rule of versioned types
 * @param conditions the optimistic conditions of plain types
 * @param dropped the Python layout attributes an update must find absent
 * @param creation the creation-time rule of updates
 * @param blobs the blob stage
 */
public record WriteSupport(String tableName, SingleTableConverter converter, ItemLayout layout,
		Timestamps timestamps, VersionRetention retention, PlainConditions conditions, DroppedAttributes dropped,
		CreationTimes creation, BlobStage blobs) {

	/**
	 * Returns the shared pieces of a template's writes.
	 */
	public static WriteSupport of(String tableName, SingleTableConverter converter, Timestamps timestamps,
			VersionRetention retention, BlobStage blobs) {
		return new WriteSupport(tableName, converter, new ItemLayout(converter), timestamps, retention,
				new PlainConditions(converter), new DroppedAttributes(converter, false), new CreationTimes(converter),
				blobs);
	}

	/**
	 * Returns these pieces with another blob stage and the rule of dropped attributes of a template's settings
	 * (whether updates may drop Python's layout attributes): the others, and what configures them, are shared.
	 */
	public WriteSupport with(BlobStage blobs, boolean allowDrop) {
		return new WriteSupport(this.tableName, this.converter, this.layout, this.timestamps, this.retention,
				this.conditions, this.dropped.withAllowed(allowDrop), this.creation, blobs);
	}

	@SuppressWarnings("unchecked")
	public <T> SingleTablePersistentEntity<T> entityOf(T entity) {
		return (SingleTablePersistentEntity<T>) this.converter.getRequiredEntity(entity.getClass());
	}

	/**
	 * The put of an item on the condition that none is stored under its key.
	 */
	public TransactWriteItem putIfAbsent(Map<String, AttributeValue> item) {
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(tableName())
				.item(item)
				.conditionExpression("attribute_not_exists(#pk)")
				.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
				.build())
			.build();
	}

	/**
	 * The put of an item on a condition, returning the stored item when the condition fails.
	 */
	public TransactWriteItem put(Map<String, AttributeValue> item, String condition, Map<String, String> names,
			Map<String, AttributeValue> values) {
		return TransactWriteItem.builder()
			.put(conditioned(item, condition, names, values, ReturnValuesOnConditionCheckFailure.ALL_OLD))
			.build();
	}

	/**
	 * The delete of a resource's latest item on a condition.
	 * @param onFailure what a failed condition returns ({@code ALL_OLD}: the stored item), {@literal null} for nothing
	 */
	public TransactWriteItem deleteLatest(SingleTablePersistentEntity<?> metadata, String id, String condition,
			Map<String, String> names, Map<String, AttributeValue> values,
			@Nullable ReturnValuesOnConditionCheckFailure onFailure) {
		Map<String, AttributeValue> key = ItemLayout.latestKey(metadata, id);
		return TransactWriteItem.builder()
			.delete(ItemRequests.copied(conditioned(key, condition, names, values, onFailure), Delete.builder().key(key)))
			.build();
	}

	/**
	 * The put of an item on a condition: what a conditional delete of the item's key copies too (table, condition,
	 * what a failure returns), so that both are built in one place.
	 */
	private Put conditioned(Map<String, AttributeValue> item, String condition, Map<String, String> names,
			Map<String, AttributeValue> values, @Nullable ReturnValuesOnConditionCheckFailure onFailure) {
		return Put.builder()
			.tableName(tableName())
			.item(item)
			.conditionExpression(condition)
			.expressionAttributeNames(names)
			.expressionAttributeValues(values.isEmpty() ? null : values)
			.returnValuesOnConditionCheckFailure(onFailure)
			.build();
	}

	/**
	 * The unconditioned deletes of the items with the given keys.
	 */
	public List<TransactWriteItem> deletes(List<Map<String, AttributeValue>> keys) {
		List<TransactWriteItem> deletes = new ArrayList<>(keys.size());
		for (Map<String, AttributeValue> key : keys) {
			deletes.add(TransactWriteItem.builder().delete(Delete.builder().tableName(tableName()).key(key).build()).build());
		}
		return deletes;
	}

}
