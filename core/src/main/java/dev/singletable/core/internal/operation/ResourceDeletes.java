package dev.singletable.core.internal.operation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.execution.BatchWriter;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The deletes the template sends outside a transaction: by id (whether anything was deleted is returned; a
 * versioned resource loses its latest item first, then its history in batches, so that a partial failure never
 * leaves a visible resource without its history), of an entity as read (its conditional {@link WriteUnit}, then the
 * history of a versioned one), and of one version. The operations ({@link DeleteByIdOperation},
 * {@link DeleteOperation}, {@link DeleteVersionOperation}) give the units and items; what follows a delete sent
 * outside a unit (the delete of S3 objects) is the operation's own {@code afterDelete}.
 */
public final class ResourceDeletes {

	/** How often a delete by id reads the versions again when a version was written meanwhile. */
	public static final int MAX_ATTEMPTS = 3;

	private final BlockingDriver driver;

	private final EntityWrites writes;

	private final UnitWriter writer;

	private final BatchWriter batches;

	private final AuditRecords audit;

	private final TypeCounts counts;

	public ResourceDeletes(BlockingDriver driver, EntityWrites writes, UnitWriter writer, BatchWriter batches,
			AuditRecords audit, TypeCounts counts) {
		this.audit = audit;
		this.counts = counts;
		this.driver = driver;
		this.writes = writes;
		this.writer = writer;
		this.batches = batches;
	}

	/**
	 * Whether the deletes of a type carry a record of what they deleted — an audit row, a count taken off —, so
	 * that the latest item is read first and deleted in one transaction with them, and nothing written when it is
	 * gone already.
	 */
	public static boolean isRecorded(Class<?> type, AuditRecords audit, TypeCounts counts) {
		return audit.audits(type) || counts.isEnabled();
	}

	/**
	 * Deletes a resource by id. For an audited type, or with per-type counts, the latest item is read first
	 * (strongly consistent) and deleted, if it is still there, in one transaction with the audit row and the count;
	 * then the history of a versioned one.
	 */
	public boolean deleteById(SingleTablePersistentEntity<?> metadata, String id) {
		if (isRecorded(metadata.getType(), this.audit, this.counts)) {
			Map<String, AttributeValue> latest = storedLatest(metadata, id);
			if (latest == null) {
				return metadata.isVersioned() && deleteAll(metadata, id);
			}
			DeleteByIdOperation delete = this.writes.deleteById(metadata, id);
			try {
				this.writer.write(this.audit.record(delete.whileStored(), AuditEntry.DELETE, latest));
			}
			catch (NoSuchResourceException ex) {
				return false;
			}
			if (metadata.isVersioned()) {
				deleteAll(metadata, id);
			}
			else {
				afterDelete(delete);
			}
			return true;
		}
		return deleteAll(metadata, id);
	}

	/**
	 * Deletes every item of a resource: the latest first, then the history of a versioned one in batches; then
	 * what follows the delete of the resource ({@link DeleteByIdOperation#afterDelete}).
	 */
	private boolean deleteAll(SingleTablePersistentEntity<?> metadata, String id) {
		DeleteByIdOperation delete = this.writes.deleteById(metadata, id);
		if (!metadata.isVersioned()) {
			boolean deleted = deleteItem(ItemLayout.latestKey(metadata, id));
			afterDelete(delete);
			return deleted;
		}
		List<Map<String, AttributeValue>> found = this.driver.run(delete.deleteLatestAsFound());
		if (found.isEmpty()) {
			return false;
		}
		List<WriteRequest> deletes = new ArrayList<>(found.size());
		for (Map<String, AttributeValue> key : DeleteByIdOperation.historyKeys(found)) {
			deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
		}
		this.batches.write(deletes);
		afterDelete(delete);
		return true;
	}

	/**
	 * Deletes an entity as read (see {@link DeleteOperation}).
	 * @param existing whether a resource found gone fails the delete instead of leaving nothing to do
	 */
	public void delete(Object entity, boolean existing) {
		Assert.notNull(entity, "Entity must not be null");
		SingleTablePersistentEntity<?> metadata = this.writes.entityOf(entity);
		DeleteOperation operation = this.writes.delete(entity, existing);
		String id = Stamps.requireId(metadata, metadata.getPropertyAccessor(entity));
		if (operation == null) {
			deleteById(metadata, id);
			return;
		}
		WriteUnit delete = operation.unit();
		WriteUnit recorded;
		if (isRecorded(metadata.getType(), this.audit, this.counts)) {
			Map<String, AttributeValue> stored = storedLatest(metadata, id);
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
	public boolean deleteVersion(SingleTablePersistentEntity<?> metadata, String id, long version) {
		DeleteVersionOperation delete = this.writes.deleteVersion(metadata, id, version);
		DeleteVersionOperation.Planned planned = this.driver.run(delete.plan());
		if (planned.unit() == null) {
			this.driver.run(delete.afterDelete());
			return planned.found();
		}
		this.writer.write(this.audit.record(planned.unit(), AuditEntry.DELETE, planned.stored()));
		return true;
	}

	/**
	 * Reads the stored latest item of a resource (strongly consistent), {@literal null} when nothing is stored.
	 */
	private @Nullable Map<String, AttributeValue> storedLatest(SingleTablePersistentEntity<?> metadata, String id) {
		return this.driver.run(StoredItems.read(this.driver.executor().getTableName(), ItemLayout.latestKey(metadata, id)));
	}

	private boolean deleteItem(Map<String, AttributeValue> key) {
		return Boolean.TRUE.equals(this.driver.run(StoredItems.delete(this.driver.executor().getTableName(), key)));
	}

	/**
	 * Runs what follows a delete of a resource whose items were sent outside a unit (in batches, or one by one):
	 * {@link DeleteByIdOperation#afterDelete}, the delete of its S3 objects.
	 */
	public void afterDelete(DeleteByIdOperation delete) {
		this.writer.driver().run(delete.afterDelete());
	}

}
