package dev.singletable.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.Assert;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The deletes the template sends outside a transaction: by id (whether anything was deleted is returned; a
 * versioned resource loses its latest item first, then its history in batches, so that a partial failure never
 * leaves a visible resource without its history), of an entity as read (its conditional {@link WriteUnit}, then the
 * history of a versioned one), and of one version.
 */
final class ResourceDeletes {

	/** How often a delete by id reads the versions again when a version was written meanwhile. */
	private static final int MAX_ATTEMPTS = 3;

	private final DynamoDbExecutor executor;

	private final EntityWrites writes;

	private final UnitWriter writer;

	private final BatchWriter batches;

	private final VersionRetention retention;

	private final BlobWrites blobs;

	private final AuditRecords audit;

	private final TypeCounts counts;

	ResourceDeletes(DynamoDbExecutor executor, EntityWrites writes, UnitWriter writer, BatchWriter batches,
			VersionRetention retention, BlobWrites blobs, AuditRecords audit, TypeCounts counts) {
		this.blobs = blobs;
		this.audit = audit;
		this.counts = counts;
		this.executor = executor;
		this.writes = writes;
		this.writer = writer;
		this.batches = batches;
		this.retention = retention;
	}

	/**
	 * Deletes a resource by id. For an audited type, or with per-type counts, the latest item is read first
	 * (strongly consistent) and deleted, if it is still there, in one transaction with the audit row and the count;
	 * then the history of a versioned one.
	 */
	boolean deleteById(SingleTablePersistentEntity<?> metadata, String id) {
		if (this.audit.audits(metadata.getType()) || this.counts.isEnabled()) {
			Map<String, AttributeValue> latest = this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
				.orElse(null);
			if (latest == null) {
				return metadata.isVersioned() && deleteAll(metadata, id);
			}
			TransactWriteItem delete = TransactWriteItem.builder()
				.delete(Delete.builder()
					.tableName(this.executor.getTableName())
					.key(ItemLayout.latestKey(metadata, id))
					.conditionExpression("attribute_exists(#pk)")
					.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
					.build())
				.build();
			WriteUnit unit = WriteUnit.failingWith("deleteById", metadata.getType(), id, List.of(delete),
					(failed) -> ConditionFailures.ofMissing(metadata, id), null);
			try {
				this.writer.write(this.audit.record(unit, AuditEntry.DELETE, latest));
			}
			catch (NoSuchResourceException ex) {
				return false;
			}
			if (metadata.isVersioned()) {
				deleteAll(metadata, id);
			}
			else {
				this.blobs.deleteResource(metadata, id);
			}
			return true;
		}
		return deleteAll(metadata, id);
	}

	/**
	 * Deletes every item of a resource: the latest first, then the history of a versioned one in batches.
	 */
	private boolean deleteAll(SingleTablePersistentEntity<?> metadata, String id) {
		if (!metadata.isVersioned()) {
			boolean deleted = deleteItem(ItemLayout.latestKey(metadata, id));
			this.blobs.deleteResource(metadata, id);
			return deleted;
		}
		List<Map<String, AttributeValue>> found = deleteLatestAsFound(metadata, id);
		if (found.isEmpty()) {
			return false;
		}
		List<WriteRequest> deletes = new ArrayList<>(found.size());
		for (Map<String, AttributeValue> key : EntityWrites.historyKeys(found)) {
			deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
		}
		this.batches.write(deletes);
		this.blobs.deleteResource(metadata, id);
		return true;
	}

	/**
	 * Reads the stored versions of a versioned resource and deletes its latest item in the state found, reading
	 * again when a version was written meanwhile, so that the history deleted next holds every version.
	 * @return the items found (keys and version), {@code v0} among them when it was stored
	 */
	private List<Map<String, AttributeValue>> deleteLatestAsFound(SingleTablePersistentEntity<?> metadata, String id) {
		for (int attempt = 1;; attempt++) {
			List<Map<String, AttributeValue>> found = this.writes.storedVersions(metadata, id);
			if (found.isEmpty()) {
				return found;
			}
			Delete delete = this.writes.latestDeleteAsFound(metadata, id, found).delete();
			try {
				this.executor.executeWrite((client) -> client.deleteItem(UnitWriter.deleteItem(delete)), "DeleteItem",
						null);
				return found;
			}
			catch (ConditionalCheckFailedException ex) {
				if (attempt >= MAX_ATTEMPTS) {
					throw ConditionFailures.ofDeleteById(metadata, id, MAX_ATTEMPTS, ex);
				}
			}
		}
	}

	/**
	 * Deletes an entity as read (see {@link EntityWrites#delete}).
	 * @param existing whether a resource found gone fails the delete instead of leaving nothing to do
	 */
	void delete(Object entity, boolean existing) {
		Assert.notNull(entity, "Entity must not be null");
		SingleTablePersistentEntity<?> metadata = this.writes.entityOf(entity);
		WriteUnit delete = this.writes.delete(entity, existing);
		String id = Stamps.requireId(metadata, metadata.getPropertyAccessor(entity));
		if (delete == null) {
			deleteById(metadata, id);
			return;
		}
		WriteUnit recorded;
		if (this.audit.audits(metadata.getType()) || this.counts.isEnabled()) {
			Map<String, AttributeValue> stored = this.audit.storedLatest(metadata, id);
			if (stored == null && existing) {
				// gone: its condition fails the delete, with no audit row
				recorded = delete;
			}
			else if (stored == null) {
				// already gone: no audit row and no count taken off, as deleteById
				if (metadata.isVersioned()) {
					deleteAll(metadata, id);
				}
				return;
			}
			else {
				// the row's snapshot comes from the item just read, not from a second read
				recorded = this.audit.record(delete, AuditEntry.DELETE, stored);
			}
		}
		else {
			recorded = delete;
		}
		this.writer.write(recorded);
		if (metadata.isVersioned()) {
			deleteAll(metadata, id);
		}
	}

	/**
	 * Deletes one version; the latest one only together with {@code v0}, and only while it is the latest.
	 */
	boolean deleteVersion(SingleTablePersistentEntity<?> metadata, String id, long version) {
		Assert.isTrue(version >= 1, () -> "Versions start at 1, got " + version);
		Map<String, AttributeValue> deleted = ResourceIds.key(metadata, id, ResourceIds.versionKey(version));
		boolean isLatest = this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
			.map((latest) -> Stamps.storedVersion(latest) == version)
			.orElse(false);
		if (!isLatest) {
			boolean found = deleteItem(deleted);
			this.blobs.removeUnreferenced(metadata, id, version);
			return found;
		}
		TransactWriteItem history = TransactWriteItem.builder()
			.delete(Delete.builder().tableName(this.executor.getTableName()).key(deleted).build())
			.build();
		TransactWriteItem latest = TransactWriteItem.builder()
			.delete(Delete.builder()
				.tableName(this.executor.getTableName())
				.key(ItemLayout.latestKey(metadata, id))
				.conditionExpression("#version = :expected")
				.expressionAttributeNames(Map.of("#version", ItemAttributes.VERSION))
				.expressionAttributeValues(Map.of(":expected", AttributeValue.fromN(Long.toString(version))))
				.build())
			.build();
		this.writer.write(this.audit.record(WriteUnit.failingWith("deleteVersion", metadata.getType(), id,
				List.of(history, latest), (failed) -> ConditionFailures.ofLatestVersionDelete(metadata, id, version), null)
			.afterCommit(() -> this.blobs.removeUnreferenced(metadata, id, version)), AuditEntry.DELETE));
		return true;
	}

	private boolean deleteItem(Map<String, AttributeValue> key) {
		Map<String, AttributeValue> old = this.executor.execute((client) -> client
			.deleteItem((request) -> request.tableName(this.executor.getTableName()).key(key).returnValues(ReturnValue.ALL_OLD))
			.attributes());
		return old != null && !old.isEmpty();
	}

}
