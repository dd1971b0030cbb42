package dev.singletable.core.internal.write.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.internal.write.send.WriteRounds;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The delete of every stored item of a resource by id ({@code deleteById}, {@code deleteAllById}), and after it the
 * delete of its S3 objects ({@link BlobStage#resourceDelete}).
 * <p>
 * In a transaction ({@link #unit}): the latest item, even when nothing is stored (so that another operation of the
 * transaction on the resource is refused, as for any item both touch), and the history items of a versioned one as
 * they are found now (one query, the plan {@link #storedVersions}, which the transaction of either API has its
 * driver run, at the commit too). A versioned resource's latest item is deleted only in the state found — its version, or its absence — so
 * that a version written after the query fails the delete instead of staying behind without its latest item: what
 * that failure means, for this operation, is to read the versions again and send the unit built from them instead.
 * A plain resource's failed delete means it does not exist ({@link #plainUnit}).
 * <p>
 * Outside a transaction the template deletes the items itself ({@code ResourceDeletes}: the latest first, then the
 * history in batches) with the pieces this operation gives — {@link #storedVersions}, {@link #latestDeleteAsFound},
 * {@link #historyKeys}, {@link #whileStored} for a delete that carries an audit row or a count — and then runs
 * {@link #afterDelete}.
 * @param support the rules units are built with (the table, converter, timestamps, stages)
 * @param metadata the entity type
 * @param id the resource's id
 */
public record DeleteByIdOperation(WriteSupport support, SingleTablePersistentEntity<?> metadata, String id) {

	/** The operation's name. */
	static final String NAME = "deleteById";

	/**
	 * The plan of the unit of a transaction, for either API (each has its driver run it): a versioned resource's is
	 * built from its stored versions (one strongly consistent query), and a version written since makes the send
	 * read them again and send the unit built from them instead.
	 */
	public Step<WriteUnit> unit() {
		if (!this.metadata.isVersioned()) {
			return Step.done(plainUnit());
		}
		return storedVersions().then((found) -> {
			List<TransactWriteItem> items = new ArrayList<>(found.size() + 1);
			items.add(latestDeleteAsFound(found));
			items.addAll(this.support.deletes(historyKeys(found)));
			// a version written since the query: read the versions again
			WriteUnit unit = new WriteUnit(NAME, this.metadata.getType(), this.id, items,
					(failed) -> WriteUnit.Outcome.retryWith(unit()), null, null, null);
			return Step.done(BlobStage.withBlobs(unit, this.support.blobs().resourceDelete(this.metadata, this.id)));
		});
	}

	/**
	 * Returns the unit of a transaction for a plain resource: the delete of its item, whose failure means it does
	 * not exist.
	 */
	private WriteUnit plainUnit() {
		SingleTablePersistentEntity<?> metadata = this.metadata;
		WriteUnit unit = WriteUnit.failingWith(NAME, metadata.getType(), this.id,
				this.support.deletes(List.of(ItemLayout.latestKey(metadata, this.id))),
				(failed) -> ConditionFailures.ofMissing(metadata, this.id), null);
		return BlobStage.withBlobs(unit, this.support.blobs().resourceDelete(metadata, this.id));
	}

	/**
	 * Returns the delete of the latest item on the condition that it exists, for a delete sent with its audit row
	 * and count once the item was read; it fails with {@link NoSuchResourceException} when the item is gone. Its
	 * sender deletes the rest and then runs {@link #afterDelete}.
	 */
	public WriteUnit whileStored() {
		TransactWriteItem delete = this.support.deleteLatest(this.metadata, this.id, "attribute_exists(#pk)",
				Map.of("#pk", ItemAttributes.PK), Map.of(), null);
		return WriteUnit.failingWith(NAME, this.metadata.getType(), this.id, List.of(delete),
				(failed) -> ConditionFailures.ofMissing(this.metadata, this.id), null);
	}

	/**
	 * The plan of what follows the delete of the resource's items when they were sent outside a unit (in batches,
	 * or one by one): the stages a unit of this operation carries after its commit.
	 */
	public Step<?> afterDelete() {
		return this.support.blobs().afterDelete(this.support.blobs().resourceDelete(this.metadata, this.id));
	}

	/**
	 * The plan that reads the stored items of a versioned resource, {@code v0} included, with their keys and
	 * version only (one strongly consistent query).
	 */
	public Step<List<Map<String, AttributeValue>>> storedVersions() {
		return QueryAll.of(storedVersionsQuery().build());
	}

	/**
	 * The plan that deletes a versioned resource's latest item in the state found: reads the stored versions (one
	 * strongly consistent query), deletes the latest item on the condition that it is still as found
	 * ({@link #latestDeleteAsFound}), and reads again when a version was written meanwhile, up to
	 * {@link ResourceDeletes#MAX_ATTEMPTS} times — so that the history deleted next holds every version.
	 * @return the plan, done with the items found (keys and version, {@code v0} among them when it was stored)
	 * @throws org.springframework.dao.ConcurrencyFailureException when versions kept being written
	 */
	public Step<List<Map<String, AttributeValue>>> deleteLatestAsFound() {
		return deleteLatestAsFound(1);
	}

	private Step<List<Map<String, AttributeValue>>> deleteLatestAsFound(int attempt) {
		return storedVersions().then((found) -> {
			if (found.isEmpty()) {
				return Step.done(found);
			}
			return Step.send(new Request.Write(WriteRounds.deleteItem(latestDeleteAsFound(found).delete())),
					(answer) -> {
						if (answer.failure() instanceof ConditionalCheckFailedException ex) {
							if (attempt >= ResourceDeletes.MAX_ATTEMPTS) {
								throw ConditionFailures.ofDeleteById(this.metadata, this.id,
										ResourceDeletes.MAX_ATTEMPTS, ex);
							}
							return deleteLatestAsFound(attempt + 1);
						}
						answer.orThrow();
						return Step.done(found);
					});
		});
	}

	/**
	 * The query of {@link #storedVersions}, for a caller that reads without blocking.
	 */
	public QueryRequest.Builder storedVersionsQuery() {
		return this.support.retention()
			.versionsQuery(ResourceIds.partitionKey(this.metadata, this.id), List.of(ItemAttributes.VERSION));
	}

	/**
	 * The delete of a versioned resource's latest item in the state {@link #storedVersions} found: while it has the
	 * version found, or, when none was found, while it is still absent (a latest item found without a version is
	 * deleted as it is).
	 */
	public TransactWriteItem latestDeleteAsFound(List<Map<String, AttributeValue>> found) {
		Map<String, AttributeValue> latest = null;
		for (Map<String, AttributeValue> item : found) {
			if (ItemLayout.isLatestCopy(item)) {
				latest = item;
			}
		}
		Delete.Builder delete = Delete.builder()
			.tableName(this.support.tableName())
			.key(ItemLayout.latestKey(this.metadata, this.id));
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
	public static List<Map<String, AttributeValue>> historyKeys(List<Map<String, AttributeValue>> found) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>(found.size());
		for (Map<String, AttributeValue> item : found) {
			if (!ItemLayout.isLatestCopy(item)) {
				keys.add(Map.of(ItemAttributes.PK, item.get(ItemAttributes.PK), ItemAttributes.SK,
						item.get(ItemAttributes.SK)));
			}
		}
		return keys;
	}

}
