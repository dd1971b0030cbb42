package dev.singletable.core.internal.write.build;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.data.mapping.PersistentPropertyAccessor;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.internal.item.Expiry;
import dev.singletable.core.internal.item.ExpressionBuilder;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The create of a resource ({@code create}, and {@code save} of a new entity): stamps the entity — its id when it
 * has none, creation and modification time, version 1 — and writes, for a versioned type, {@code v1} and
 * {@code v0}, each if absent; for a plain type its one item, unless one is stored that reads return (an expired item
 * of a type whose reads hide expired items counts as absent and is replaced, so that a create agrees with
 * {@code findById}; a versioned resource's expired history items still hold their keys until DynamoDB deletes them).
 * A failed condition means the resource exists: {@link DuplicateResourceException}.
 * @param support the rules units are built with (the table, converter, timestamps, stages)
 * @param metadata the entity type
 * @param entity the entity to write
 * @param <T> the entity type
 */
public record CreateOperation<T>(WriteSupport support, SingleTablePersistentEntity<T> metadata, T entity) {

	/** The operation's name. */
	static final String NAME = "create";

	/**
	 * Stamps the entity and returns its unit, whose result is the entity as stored.
	 */
	public WriteUnit unit() {
		SingleTablePersistentEntity<T> metadata = this.metadata;
		PersistentPropertyAccessor<T> accessor = Stamps.accessor(metadata, this.entity);
		String id = Stamps.assignId(metadata, accessor);
		Instant now = this.support.timestamps().next(null);
		Instant createdAt = Stamps.setCreatedIfAbsent(metadata, accessor, now);
		Stamps.setTimestamp(accessor, metadata.getLastModifiedDateProperty(), now);
		Stamps.setVersion(accessor, metadata.getVersionProperty(), 1);
		T stored = accessor.getBean();
		ItemLayout layout = this.support.layout();
		Map<String, AttributeValue> body = layout.body(stored, createdAt, null, now);
		long version = (metadata.getVersionProperty() != null) ? 1L : 0L;
		Map<String, AttributeValue> latest = layout.latest(metadata, id, stored, body, version, now, createdAt);
		if (metadata.isVersioned()) {
			Map<String, AttributeValue> history = layout.history(metadata, id, body, 1L, latest);
			BlobStage blobStage = this.support.blobs();
			BlobStage.Staged blobs = blobStage.versioned(metadata, stored, 1L, BlobStage.Followed.NONE, List.of(),
					blobStage.compare(metadata, stored, 1L, BlobStage.Followed.NONE, List.of()), history, latest);
			WriteUnit unit = unit(id, List.of(this.support.putIfAbsent(history), this.support.putIfAbsent(latest)),
					stored);
			if (blobs != null) {
				unit = unit.afterCommit(BlobStage.recordOnCommit(blobStage.facts(), Map.copyOf(latest), null));
			}
			return BlobStage.withBlobs(unit, blobs);
		}
		BlobStage.Staged blobs = this.support.blobs().plain(metadata, stored, List.of(), List.of(), latest);
		return BlobStage.withBlobs(unit(id, List.of(putIfAbsentOrExpired(latest)), stored), blobs);
	}

	private WriteUnit unit(String id, List<TransactWriteItem> items, T stored) {
		return WriteUnit.failingWith(NAME, this.metadata.getType(), id, items,
				(failed) -> ConditionFailures.ofCreate(this.metadata, id), stored);
	}

	/**
	 * The put of a plain resource's item unless one is stored that reads return.
	 */
	private TransactWriteItem putIfAbsentOrExpired(Map<String, AttributeValue> item) {
		ExpressionBuilder expression = new ExpressionBuilder();
		return TransactWriteItem.builder()
			.put(Put.builder()
				.tableName(this.support.tableName())
				.item(item)
				.conditionExpression(Expiry.absentCondition(this.metadata, expression, this.support.timestamps().now()))
				.expressionAttributeNames(expression.names())
				.expressionAttributeValues(expression.values())
				.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
				.build())
			.build();
	}

}
