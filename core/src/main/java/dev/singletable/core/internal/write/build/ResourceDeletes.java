package dev.singletable.core.internal.write.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.IncompleteBatchWriteException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.BatchWrite;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.StoredItems;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The plans of the deletes a template sends outside a transaction, for both drivers: by id (whether anything was
 * deleted is the result; a versioned resource loses its latest item first, then its history in batches, so that a
 * partial failure never leaves a visible resource without its history), of an entity as read (its conditional
 * {@link WriteUnit}, then the history of a versioned one), and of one version. The operations
 * ({@link DeleteByIdOperation}, {@link DeleteOperation}, {@link DeleteVersionOperation}) give the units and items;
 * what follows a delete sent outside a unit (the delete of S3 objects) is the operation's own {@code afterDelete}.
 * <p>
 * Where deletes are recorded ({@link #isRecorded}: an audit row, a count taken off) the latest item is read first
 * (strongly consistent) and deleted, if it is still there, in one unit with the record. The details of an audit row
 * ({@link AuditRecords.Details}) are the caller's, asked by a step the plan runs only when a row is made: a delete
 * of nothing asks nothing.
 * @param writes the template's entity writes
 * @param tableName the table's name
 * @param writer the plan of one unit's write on the template's writer (its blob stage, counts and audit transaction
 * id): the entity as stored, or the operation's exception
 * @param audit the template's audit rows
 * @param counts the template's per-type counts
 */
public record ResourceDeletes(EntityWrites writes, String tableName, Function<WriteUnit, Step<Object>> writer,
		AuditRecords audit, TypeCounts counts) {

	/** How often a delete by id reads the versions again when a version was written meanwhile. */
	public static final int MAX_ATTEMPTS = 3;

	/**
	 * Whether the deletes of a type carry a record of what they deleted — an audit row, a count taken off —, so
	 * that the latest item is read first and deleted in one transaction with them, and nothing written when it is
	 * gone already.
	 */
	public static boolean isRecorded(Class<?> type, AuditRecords audit, TypeCounts counts) {
		return audit.audits(type) || counts.enabled();
	}

	/**
	 * Whether the deletes of a type carry a record (see {@link #isRecorded(Class, AuditRecords, TypeCounts)}).
	 */
	public boolean isRecorded(Class<?> type) {
		return isRecorded(type, this.audit, this.counts);
	}

	/**
	 * Whether the deletes of a type carry an audit row: only then are the details of a row needed.
	 */
	public boolean isAudited(Class<?> type) {
		return this.audit.audits(type);
	}

	/**
	 * The plan that deletes a resource by id. Where its delete is recorded, the latest item is read first
	 * (strongly consistent) and deleted, if it is still there, in one transaction with the audit row and the count;
	 * then the history of a versioned one.
	 * @param details the plan that asks the details of an audit row, run only when one is made
	 * @return the plan, done with whether anything was stored
	 */
	public Step<Boolean> deleteById(SingleTablePersistentEntity<?> metadata, String id,
			Step<AuditRecords.Details> details) {
		return Step.defer(() -> {
			if (!isRecorded(metadata.getType())) {
				return deleteAll(metadata, id);
			}
			return storedLatest(metadata, id).then((latest) -> {
				if (latest == null) {
					return metadata.isVersioned() ? deleteAll(metadata, id) : Step.done(false);
				}
				DeleteByIdOperation delete = this.writes.deleteById(metadata, id);
				Step<Boolean> deleted = record(delete.whileStored(), latest, details).then(this.writer)
					.then((stored) -> Step.done(true));
				return deleted.recover((ex) -> {
					if (ex instanceof NoSuchResourceException) {
						return Step.done(false);
					}
					throw ex;
				}).then((found) -> !Boolean.TRUE.equals(found) ? Step.done(false)
						: metadata.isVersioned() ? deleteAll(metadata, id).then((ignored) -> Step.done(true))
								: afterDelete(delete).then((ignored) -> Step.done(true)));
			});
		});
	}

	/**
	 * Deletes every item of a resource: the latest first, then the history of a versioned one in batches; then
	 * what follows the delete of the resource ({@link DeleteByIdOperation#afterDelete}).
	 */
	private Step<Boolean> deleteAll(SingleTablePersistentEntity<?> metadata, String id) {
		DeleteByIdOperation delete = this.writes.deleteById(metadata, id);
		if (!metadata.isVersioned()) {
			return StoredItems.delete(this.tableName, ItemLayout.latestKey(metadata, id))
				.then((deleted) -> afterDelete(delete).then((ignored) -> Step.done(Boolean.TRUE.equals(deleted))));
		}
		return delete.deleteLatestAsFound().then((found) -> {
			if (found.isEmpty()) {
				return Step.done(false);
			}
			List<WriteRequest> deletes = new ArrayList<>(found.size());
			for (Map<String, AttributeValue> key : DeleteByIdOperation.historyKeys(found)) {
				deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
			}
			return BatchWrite.confirmed(this.tableName, deletes, IncompleteBatchWriteException::new)
				.then((written) -> afterDelete(delete))
				.then((ignored) -> Step.done(true));
		});
	}

	/**
	 * The plan that deletes an entity as read (see {@link DeleteOperation}): on the condition that it is still the
	 * version (or modification time) read, then the history of a versioned one; an entity with neither is deleted by
	 * id. A recorded delete reads the latest item first: gone already, it writes nothing (or fails by its condition,
	 * with no audit row, when it must exist).
	 * @param existing whether a resource found gone fails the delete instead of leaving nothing to do
	 * @param details the plan that asks the details of an audit row, run only when one is made
	 */
	public Step<Void> delete(Object entity, boolean existing, Step<AuditRecords.Details> details) {
		Assert.notNull(entity, "Entity must not be null");
		return Step.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.writes.entityOf(entity);
			DeleteOperation operation = this.writes.delete(entity, existing);
			String id = Stamps.requireId(metadata, metadata.getPropertyAccessor(entity));
			if (operation == null) {
				return deleteById(metadata, id, details).then((deleted) -> Step.done(null));
			}
			WriteUnit delete = operation.unit();
			Step<@Nullable WriteUnit> recorded;
			if (isRecorded(metadata.getType())) {
				recorded = storedLatest(metadata, id).then((stored) -> {
					if (stored == null) {
						// gone: its condition fails the delete, with no audit row; or there is nothing to do
						return Step.done(existing ? delete : null);
					}
					// the row's snapshot and the count come from the item just read, not from a second read
					return record(delete, stored, details);
				});
			}
			else {
				recorded = Step.done(delete);
			}
			return recorded.then((unit) -> {
				Step<?> latest = (unit != null) ? this.writer.apply(unit) : Step.done(null);
				return latest.then((written) -> metadata.isVersioned() ? deleteAll(metadata, id) : Step.done(null))
					.then((ignored) -> Step.<Void>done(null));
			});
		});
	}

	/**
	 * The plan that deletes one version; the latest one only together with {@code v0}, and only while it is the
	 * latest ({@link DeleteVersionOperation}).
	 * @param details the plan that asks the details of an audit row, run only when one is made
	 * @return the plan, done with whether the version was stored
	 */
	public Step<Boolean> deleteVersion(SingleTablePersistentEntity<?> metadata, String id, long version,
			Step<AuditRecords.Details> details) {
		return Step.defer(() -> {
			DeleteVersionOperation delete = this.writes.deleteVersion(metadata, id, version);
			return delete.plan().then((planned) -> {
				WriteUnit unit = planned.unit();
				Map<String, AttributeValue> stored = planned.stored();
				if (unit != null && stored != null) {
					return record(unit, stored, details).then(this.writer).then((written) -> Step.done(true));
				}
				// a history item alone, then its S3 objects
				return delete.afterDelete().then((ignored) -> Step.done(planned.found()));
			});
		});
	}

	/**
	 * The plan of what follows a delete of a resource whose items were sent outside a unit (in batches, or one by
	 * one): {@link DeleteByIdOperation#afterDelete}, the delete of its S3 objects.
	 */
	public Step<?> afterDelete(DeleteByIdOperation delete) {
		return delete.afterDelete();
	}

	/** The plan that reads the stored latest item of a resource (strongly consistent), {@literal null} for none. */
	private Step<@Nullable Map<String, AttributeValue>> storedLatest(SingleTablePersistentEntity<?> metadata,
			String id) {
		return StoredItems.read(this.tableName, ItemLayout.latestKey(metadata, id));
	}

	/**
	 * The plan of the unit with the audit row of a delete added when its type is audited: only then are the row's
	 * details asked.
	 */
	private Step<WriteUnit> record(WriteUnit unit, Map<String, AttributeValue> before,
			Step<AuditRecords.Details> details) {
		if (!this.audit.audits(unit.type())) {
			return Step.done(unit);
		}
		return details.then((given) -> Step.done(this.audit.record(unit, AuditEntry.DELETE, before, given)));
	}

}
