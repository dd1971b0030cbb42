package dev.singletable.core.internal.operation;

import java.util.Collection;
import java.util.Map;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.util.Assert;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.item.TypeRequirements;
import dev.singletable.core.internal.operation.CallerRequest.Bound;
import dev.singletable.core.internal.operation.CallerRequest.Kind;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.build.BulkWrites;
import dev.singletable.core.internal.write.build.DeleteOperation;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.build.ResourceDeletes;
import dev.singletable.core.internal.write.item.StoredItems;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * The deletes of resources as whole plans, the same for both templates and inside and outside a transaction: the
 * plan asks its caller whether a transaction is bound ({@link CallerRequest.TransactionState}); without one it runs
 * the delete's own plan ({@link ResourceDeletes}, {@link BulkWrites}: conditions, retries, clean-up), with one it
 * builds the delete's unit as found now and joins it ({@link CallerRequest.Join}). When a delete would write an
 * audit row or take a count off, the latest item is read first, and a delete of nothing writes nothing. The
 * after-delete callbacks of an entity run once it is deleted: at once, or after the commit.
 */
public final class DeleteOperations {

	private final String tableName;

	private final SingleTableConverter converter;

	private final EntityWrites writes;

	private final ResourceDeletes deletes;

	private final BulkWrites bulk;

	private final AuditRecords audit;

	private final EntityOperations entities;

	private final BiConsumer<Class<?>, String> writable;

	/**
	 * @param entities the plans whose join-or-send a delete's unit goes through
	 * @param writable checks, before anything is read or written, that a type can be written
	 */
	public DeleteOperations(String tableName, SingleTableConverter converter, EntityWrites writes,
			ResourceDeletes deletes, BulkWrites bulk, AuditRecords audit, EntityOperations entities,
			BiConsumer<Class<?>, String> writable) {
		this.tableName = tableName;
		this.converter = converter;
		this.writes = writes;
		this.deletes = deletes;
		this.bulk = bulk;
		this.audit = audit;
		this.entities = entities;
		this.writable = writable;
	}

	/**
	 * Deletes a resource by id.
	 * @return whether anything was stored; {@code true} in a transaction (known only at the commit)
	 */
	public Step<Boolean> deleteById(Class<?> type, String id) {
		return Step.defer(() -> {
			this.writable.accept(type, "deleteById");
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			String checked = ResourceIds.check(type, id);
			return state("deleteById", type).then((bound) -> (bound == Bound.ACTIVE)
					? joinedById(metadata, checked).then((ignored) -> Step.done(true))
					: this.deletes.deleteById(metadata, checked, details(type)));
		});
	}

	/**
	 * Deletes an entity as read, on the condition that it is still as read, then runs its after-delete callbacks.
	 * @param existing whether a resource found gone fails the delete
	 */
	public Step<Object> delete(Object entity, boolean existing) {
		Assert.notNull(entity, "Entity must not be null");
		return Step.defer(() -> {
			this.writable.accept(entity.getClass(), "delete");
			SingleTablePersistentEntity<?> metadata = this.writes.entityOf(entity);
			return state("delete", entity).then((bound) -> (bound == Bound.ACTIVE) ? joined(entity, existing, metadata)
					: this.deletes.delete(entity, existing, details(metadata.getType()))
						.then((ignored) -> Step.done(null)))
				.then((ignored) -> afterDelete(entity));
		});
	}

	/**
	 * Deletes plain resources by id, each once: joining the transaction bound one by one, else in batches.
	 */
	public Step<Object> deleteAllById(Class<?> type, Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		return Step.defer(() -> {
			this.writable.accept(type, "deleteAllById");
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			return state("deleteAllById", type).then((bound) -> {
				if (bound != Bound.ACTIVE) {
					return this.bulk.deleteAllById(metadata, ids, details(type)).then((ignored) -> Step.<Object>done(null));
				}
				Step<Object> all = Step.done(null);
				for (String checked : BulkWrites.deletedIds(metadata, ids)) {
					all = all.then((ignored) -> joinedById(metadata, checked));
				}
				return all;
			});
		});
	}

	/**
	 * Deletes one version of a versioned resource; refused in a transaction.
	 * @return whether the version was stored
	 */
	public Step<Boolean> deleteVersion(Class<?> type, String id, long version) {
		return Step.defer(() -> {
			SingleTablePersistentEntity<?> metadata = TypeRequirements.versioned(this.converter, type);
			String checked = ResourceIds.check(type, id);
			return UnitOperations.refusedInTransaction("deleteVersion",
					"it deletes one history item outside the write model of versions")
				.then((ignored) -> {
					this.writable.accept(type, "deleteVersion");
					return this.deletes.deleteVersion(metadata, checked, version, details(type));
				});
		});
	}

	/**
	 * The delete by id joining a transaction: a plain resource's item; every stored item of a versioned one as found
	 * now, its latest on the condition that it is still as found.
	 */
	private Step<Object> joinedById(SingleTablePersistentEntity<?> metadata, String id) {
		boolean recorded = this.deletes.isRecorded(metadata.getType());
		return latest(metadata, id, recorded).then((latest) -> {
			if (recorded && latest == null) {
				// nothing stored: no audit row, no count taken off, no details asked
				return Step.done(null);
			}
			return this.writes.deleteById(metadata, id)
				.unit()
				.then((unit) -> recorded(unit, latest))
				.then((unit) -> this.entities.stored(unit, Stamps.Snapshot.NONE));
		});
	}

	/**
	 * The delete of an entity as read joining a transaction: conditioned on its version or modification time; an
	 * entity with neither deleted by id. A recorded delete of a resource already gone adds nothing, or, when it must
	 * exist, its delete without an audit row (whose condition fails the commit).
	 */
	private Step<Object> joined(Object entity, boolean existing, SingleTablePersistentEntity<?> metadata) {
		DeleteOperation delete = this.writes.delete(entity, existing);
		if (delete == null) {
			return joinedById(metadata, Stamps.requireId(metadata, metadata.getPropertyAccessor(entity)));
		}
		boolean recorded = this.deletes.isRecorded(metadata.getType());
		return latest(metadata, delete.id(), recorded).then((latest) -> delete.planWithHistory().then((unit) -> {
			if (!recorded || latest != null) {
				return recorded(unit, latest).then((row) -> this.entities.stored(row, Stamps.Snapshot.NONE));
			}
			return existing ? this.entities.stored(unit, Stamps.Snapshot.NONE) : Step.done(null);
		}));
	}

	/**
	 * The plan of a delete's unit with its audit row, for an audited type: only then are the row's details asked.
	 */
	private Step<WriteUnit> recorded(WriteUnit unit, @Nullable Map<String, AttributeValue> latest) {
		if (!this.audit.isAudited(unit.type())) {
			return Step.done(unit);
		}
		return details(unit.type()).then((details) -> Step.done(this.audit.record(unit, AuditEntry.DELETE, latest,
				details)));
	}

	private Step<@Nullable Map<String, AttributeValue>> latest(SingleTablePersistentEntity<?> metadata, String id,
			boolean read) {
		return read ? StoredItems.read(this.tableName, ItemLayout.latestKey(metadata, id)) : Step.done(null);
	}

	/**
	 * The details of a delete's audit rows: the caller's, for an audited type; none for another.
	 */
	private Step<AuditRecords.Details> details(Class<?> type) {
		if (!this.audit.isAudited(type)) {
			return Step.done(AuditRecords.Details.UNRECORDED);
		}
		return CallerRequest.AuditContext.of(type);
	}

	private static Step<Bound> state(String operation, Object subject) {
		return Step.send(new CallerRequest.TransactionState(operation, subject), (answer) -> Step.done(answer.get(Bound.class)));
	}

	/**
	 * The after-delete callbacks of an entity: left to the transaction bound for after its commit, else run now.
	 */
	private static Step<Object> afterDelete(Object entity) {
		Step<Object> callbacks = Step.send(new CallerRequest.Callback(Kind.AFTER_DELETE, entity, null),
				(answer) -> Step.done(answer.get(Object.class)));
		return Step.send(new CallerRequest.AfterCommit(callbacks),
				(answer) -> Boolean.TRUE.equals(answer.get(Boolean.class)) ? Step.done(null) : callbacks);
	}

}
