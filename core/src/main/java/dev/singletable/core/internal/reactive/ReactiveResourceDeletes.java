package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.operation.DeleteByIdOperation;
import dev.singletable.core.internal.operation.DeleteOperation;
import dev.singletable.core.internal.operation.DeleteVersionOperation;
import dev.singletable.core.internal.operation.EntityWrites;
import dev.singletable.core.internal.operation.ResourceDeletes;
import dev.singletable.core.internal.operation.StoredItems;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The reactive template's deletes outside a transaction, as {@link ResourceDeletes} runs them on the blocking
 * client, with the items and units of the same operations: by id — a plain resource's item, or a versioned one's
 * latest item in the state its versions were found in ({@link DeleteByIdOperation#latestDeleteAsFound}, found again
 * when a version was written meanwhile, at most {@value ResourceDeletes#MAX_ATTEMPTS} times), then its history in
 * batches —; of an entity as read ({@link DeleteOperation}: conditioned on its version or modification time),
 * then the history of a versioned one; and of one version ({@link DeleteVersionOperation}). Where deletes are
 * recorded (per-type counts, {@link ResourceDeletes#isRecorded}) the latest item is read first and deleted through
 * the {@link ReactiveUnitWriter}, which adds the count, as the blocking template does.
 */
public final class ReactiveResourceDeletes {

	private final ReactiveDriver driver;

	private final EntityWrites writes;

	private final ReactiveUnitWriter writer;

	private final ReactiveBatchWriter batches;

	private final @Nullable ReactiveAuditing auditing;

	private final TypeCounts counts;

	ReactiveResourceDeletes(ReactiveDriver driver, EntityWrites writes, ReactiveUnitWriter writer,
			ReactiveBatchWriter batches, @Nullable ReactiveAuditing auditing, TypeCounts counts) {
		this.driver = driver;
		this.writes = writes;
		this.writer = writer;
		this.batches = batches;
		this.auditing = auditing;
		this.counts = counts;
	}

	/**
	 * Deletes a resource by id. When its delete is recorded (a count taken off, {@link ResourceDeletes#isRecorded}),
	 * the latest item is read first (strongly consistent) and deleted, if it is still there, in one transaction with
	 * the record; then the history of a versioned one.
	 * @return whether anything was stored
	 */
	public Mono<Boolean> deleteById(SingleTablePersistentEntity<?> metadata, String id) {
		return deleteById(metadata, id, AuditDetails.none());
	}

	/**
	 * Whether the deletes of a type are recorded, as {@link ResourceDeletes#isRecorded} says for the blocking
	 * template: with an audit row, or in the per-type counts; then the latest item is read first.
	 */
	private boolean recorded(Class<?> type) {
		ReactiveAuditing audit = this.auditing;
		return (audit != null && audit.audits(type)) || this.counts.isEnabled();
	}

	/** The stored latest item of a resource (strongly consistent), empty when nothing is stored. */
	private Mono<Optional<Map<String, AttributeValue>>> storedLatest(SingleTablePersistentEntity<?> metadata,
			String id) {
		return this.driver.run(StoredItems.read(tableName(), ItemLayout.latestKey(metadata, id)))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty());
	}

	/** The unit with the audit row of a delete added when its type is audited. */
	private Mono<WriteUnit> recordDelete(WriteUnit unit, Map<String, AttributeValue> before, AuditDetails scope) {
		ReactiveAuditing audit = this.auditing;
		return (audit != null) ? audit.record(unit, AuditEntry.DELETE, before, scope) : Mono.just(unit);
	}

	/**
	 * Deletes every item of a resource. Where deletes are recorded ({@link #recorded}), as
	 * {@link ResourceDeletes#deleteById}: the latest item is read first (strongly consistent) and deleted, if it is
	 * still there, in one transaction with the audit row and the count; then the history of a versioned one.
	 * @param scope the audit scope captured when the operation was called
	 * @return whether anything was stored
	 */
	Mono<Boolean> deleteById(SingleTablePersistentEntity<?> metadata, String id, AuditDetails scope) {
		if (!recorded(metadata.getType())) {
			return deleteAll(metadata, id);
		}
		return storedLatest(metadata, id).flatMap((latest) -> {
			if (latest.isEmpty()) {
				return metadata.isVersioned() ? deleteAll(metadata, id) : Mono.just(false);
			}
			DeleteByIdOperation delete = this.writes.deleteById(metadata, id);
			return recordDelete(delete.whileStored(), latest.get(), scope)
				.flatMap(this.writer::write)
				.then(Mono.just(true))
				.onErrorResume(NoSuchResourceException.class, (ex) -> Mono.just(false))
				.flatMap((deleted) -> !deleted ? Mono.just(false)
						: metadata.isVersioned() ? deleteAll(metadata, id).thenReturn(true)
								: afterDelete(delete).thenReturn(true));
		});
	}

	/**
	 * Deletes every item of a resource: the latest first, then the history of a versioned one in batches.
	 * @return whether anything was stored
	 */
	private Mono<Boolean> deleteAll(SingleTablePersistentEntity<?> metadata, String id) {
		DeleteByIdOperation delete = this.writes.deleteById(metadata, id);
		if (!metadata.isVersioned()) {
			return this.driver.run(StoredItems.delete(tableName(), ItemLayout.latestKey(metadata, id)))
				.flatMap((deleted) -> afterDelete(delete).thenReturn(deleted));
		}
		return this.driver.run(delete.deleteLatestAsFound()).flatMap((found) -> {
			if (found.isEmpty()) {
				return Mono.just(false);
			}
			List<WriteRequest> deletes = new ArrayList<>(found.size());
			for (Map<String, AttributeValue> key : DeleteByIdOperation.historyKeys(found)) {
				deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
			}
			return this.batches.write(deletes).then(afterDelete(delete)).thenReturn(true);
		});
	}

	/**
	 * What follows the delete of a resource ({@link DeleteByIdOperation#afterDelete}: its S3 objects), done when
	 * the returned work is.
	 */
	private Mono<Void> afterDelete(DeleteByIdOperation delete) {
		return Mono.defer(() -> this.writer.driver().run(delete.afterDelete()).then());
	}

	/**
	 * Deletes an entity as read: on the condition that it is still the version (or modification time) read, then
	 * the history of a versioned one; an entity with neither is deleted by id. A recorded delete reads the latest
	 * item first: gone already, it writes nothing (or fails, when it must exist), as the blocking template.
	 * @param existing whether a resource found gone fails the delete
	 */
	public Mono<Void> delete(Object entity, boolean existing) {
		return delete(entity, existing, AuditDetails.none());
	}

	/**
	 * Deletes an entity as read; for an audited type with its audit row, as {@link ResourceDeletes#delete}: the
	 * stored latest item is read first, a resource already gone writes no row (and, for {@code existing}, fails by
	 * its condition).
	 * @param scope the audit scope captured when the operation was called
	 */
	Mono<Void> delete(Object entity, boolean existing, AuditDetails scope) {
		return Mono.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.writes.entityOf(entity);
			String id = Stamps.requireId(metadata, metadata.getPropertyAccessor(entity));
			DeleteOperation operation = this.writes.delete(entity, existing);
			if (operation == null) {
				return deleteById(metadata, id, scope).then();
			}
			WriteUnit unit = operation.unit();
			Mono<WriteUnit> recorded;
			if (recorded(metadata.getType())) {
				recorded = storedLatest(metadata, id).flatMap((stored) -> {
					if (stored.isEmpty()) {
						// gone: deleteExisting fails by its condition, with no audit row; delete has nothing to do
						return existing ? Mono.just(unit) : Mono.empty();
					}
					// the row's snapshot and the count come from the item just read, not from a second read
					return recordDelete(unit, stored.get(), scope);
				});
			}
			else {
				recorded = Mono.just(unit);
			}
			Mono<Void> latest = recorded.flatMap(this.writer::write).then();
			return metadata.isVersioned() ? latest.then(Mono.defer(() -> deleteAll(metadata, id))).then() : latest;
		});
	}

	/**
	 * Deletes one version; the latest one only together with {@code v0}, and only while it is the latest
	 * ({@link DeleteVersionOperation}).
	 * @return whether the version was stored
	 */
	public Mono<Boolean> deleteVersion(SingleTablePersistentEntity<?> metadata, String id, long version,
			AuditDetails scope) {
		return Mono.defer(() -> {
			DeleteVersionOperation delete = this.writes.deleteVersion(metadata, id, version);
			return this.driver.run(delete.plan()).flatMap((planned) -> {
				WriteUnit unit = planned.unit();
				Map<String, AttributeValue> stored = planned.stored();
				if (unit != null && stored != null) {
					return recordDelete(unit, stored, scope).flatMap(this.writer::write).thenReturn(true);
				}
				// a history item alone, then its S3 objects (as ResourceDeletes.deleteVersion)
				return Mono.defer(() -> this.writer.driver().run(delete.afterDelete()).then()).thenReturn(planned.found());
			});
		});
	}

	private String tableName() {
		return this.driver.executor().getTableName();
	}

}
