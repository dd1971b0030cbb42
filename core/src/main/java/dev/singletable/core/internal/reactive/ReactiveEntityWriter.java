package dev.singletable.core.internal.reactive;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.operation.EntityWrites;
import dev.singletable.core.internal.operation.RestoreVersionOperation;
import dev.singletable.core.internal.operation.UpsertOperation;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.ChangesApplier;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reactive template's writes of entities — create, update (also with {@code Changes}), save (an upsert included)
 * and restore — as the blocking template plans them ({@link EntityWrites} and its operations): what a plan needs from
 * the table is read first without blocking, its entity callbacks run around it ({@link ReactiveCallbacks}), its
 * audit row added ({@link ReactiveAuditing}), and the unit sent at once or collected in the transaction bound
 * ({@link ReactiveTransactions}); a write that fails leaves a mutable entity's stamps as they were given.
 */
final class ReactiveEntityWriter {

	private final SingleTableConverter converter;

	private final ReactiveDynamoDbExecutor executor;

	private final EntityWrites writes;

	private final ChangesApplier changes;

	private final AuditRecords audit;

	private final ReactiveAuditing auditing;

	private final ReactiveBlobStage blobStage;

	private final ReactiveResourceReads reads;

	private final ReactiveTransactions transactions;

	private final ReactiveCallbacks callbacks;

	ReactiveEntityWriter(SingleTableConverter converter, ReactiveDynamoDbExecutor executor, EntityWrites writes,
			ChangesApplier changes, AuditRecords audit, ReactiveAuditing auditing, ReactiveBlobStage blobStage,
			ReactiveResourceReads reads, ReactiveTransactions transactions, ReactiveCallbacks callbacks) {
		this.converter = converter;
		this.executor = executor;
		this.writes = writes;
		this.changes = changes;
		this.audit = audit;
		this.auditing = auditing;
		this.blobStage = blobStage;
		this.reads = reads;
		this.transactions = transactions;
		this.callbacks = callbacks;
	}

	<T> Mono<T> create(T entity) {
		AuditDetails scope = ReactiveAuditing.capture();
		return write("create", entity, (converted) -> Mono.just(this.writes.create(converted))
			.flatMap((unit) -> this.auditing.record(unit, AuditEntry.CREATE, scope)));
	}

	<T> Mono<T> update(T entity) {
		AuditDetails scope = ReactiveAuditing.capture();
		return write("update", entity, (converted) -> updateUnit(converted, List.of())
			.flatMap((unit) -> this.auditing.record(unit, AuditEntry.UPDATE, scope)));
	}

	<T> Mono<T> update(T entity, Changes changes) {
		Assert.notNull(changes, "Changes must not be null");
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			requireWritable(entity.getClass(), "update");
			BlobStage.Changed<T> changed = this.writes.applyChanges(entity, changes, this.changes);
			return write("update", changed.entity(), (converted) -> updateUnit(converted, changed.cleared())
				.flatMap((unit) -> this.auditing.record(unit, AuditEntry.UPDATE, scope)));
		});
	}

	/**
	 * What {@code save} does ({@link EntityWrites#saveOf}): a create, an update, or the upsert of a plain type with an
	 * assigned id and no modification time.
	 */
	<T> Mono<T> save(T entity) {
		return Mono.defer(() -> switch (this.writes.saveOf(entity)) {
			case CREATE -> create(entity);
			case UPDATE -> update(entity);
			case UPSERT -> upsert(entity);
		});
	}

	/**
	 * The {@code save} of a plain entity with an assigned id and no modification time ({@link UpsertOperation}):
	 * the stored item read first (strongly consistent), then a create or a replace keeping its creation values.
	 */
	private <T> Mono<T> upsert(T entity) {
		AuditDetails scope = ReactiveAuditing.capture();
		return write("save", entity, (converted) -> this.blobStage.beforeUpdate(converted).flatMap((ahead) -> {
			UpsertOperation<T> upsert = this.writes.upserting(converted);
			return this.executor.getItem(upsert.latestKey(), true)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				// an audited upsert: a CREATE when nothing was stored, else an UPDATE (as AuditRecords.upserted)
				.flatMap((stored) -> this.auditing.record(ahead.during(() -> upsert.unit(stored.orElse(null))),
						stored.isPresent() ? AuditEntry.UPDATE : AuditEntry.CREATE, stored.orElse(null), scope));
		}));
	}

	/**
	 * The unit of an update, after the one strongly consistent read its plan needs, if any.
	 */
	private <T> Mono<WriteUnit> updateUnit(T entity, List<String> cleared) {
		// a type with blob properties: what its blob stage compares with, read first (ReactiveBlobStage)
		return this.blobStage.beforeUpdate(entity).flatMap((ahead) -> {
			if (!this.writes.updateNeedsStoredItem(entity)) {
				return Mono.fromCallable(() -> ahead.during(() -> this.writes.update(entity, cleared, null)));
			}
			SingleTablePersistentEntity<T> metadata = this.writes.entityOf(entity);
			String id = Stamps.settleId(metadata, Stamps.accessor(metadata, entity));
			return this.reads.storedLatest(metadata, id)
				.switchIfEmpty(Mono.error(() -> new NoSuchResourceException(metadata.getType(), id, null)))
				.map((latest) -> ahead.during(() -> this.writes.update(entity, cleared, latest)));
		});
	}

	<T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			requireWritable(type, "restoreVersion");
			RestoreVersionOperation<T> restore = this.writes.restoring(type, id, version);
			Mono<Map<String, AttributeValue>> restored = this.executor.getItem(restore.restoredKey(), true)
				.switchIfEmpty(Mono.error(() -> restore.notStored(true)));
			Mono<Map<String, AttributeValue>> latest = this.executor.getItem(restore.latestKey(), true)
				.switchIfEmpty(Mono.error(() -> restore.notStored(false)));
			return restored.zipWith(latest)
				.map((items) -> restore.unit(items.getT1(), items.getT2()))
				.flatMap((unit) -> this.auditing.record(unit, AuditEntry.UPDATE, scope))
				.flatMap(this::send)
				.map(type::cast);
		});
	}

	/**
	 * Builds and sends the write of an entity; when it fails, the entity is left as it was given.
	 */
	@SuppressWarnings("unchecked")
	private <T> Mono<T> write(String operation, T given, Function<T, Mono<WriteUnit>> build) {
		Assert.notNull(given, "Entity must not be null");
		return Mono.defer(() -> {
			requireWritable(given.getClass(), operation);
			SingleTablePersistentEntity<T> metadata = this.writes.entityOf(given);
			return this.callbacks.beforeConvert(metadata, given).flatMap((entity) -> {
				Stamps.Snapshot before = Stamps.snapshot(this.converter, entity);
				Mono<WriteUnit> unit;
				try {
					unit = build.apply(entity);
				}
				catch (RuntimeException ex) {
					before.restore();
					return Mono.error(ex);
				}
				return unit.flatMap((built) -> send(built, before))
					.map((written) -> (T) written)
					.doOnError((ex) -> before.restore());
			});
		});
	}

	/**
	 * Sends a unit at once, or collects it in the transaction bound, with its save callbacks: before it is sent or
	 * collected, and after it is stored (after the commit, for a collected one).
	 */
	private Mono<Object> send(WriteUnit unit) {
		return send(unit, Stamps.Snapshot.NONE);
	}

	private Mono<Object> send(WriteUnit unit, Stamps.Snapshot before) {
		return this.callbacks.beforeSave(unit)
			.then(Mono.defer(() -> this.transactions.send(unit, before,
					(written) -> this.callbacks.afterSave(written, unit))));
	}

	/**
	 * Checks, before anything is read or written, what a write of a type needs: an audited type's options
	 * ({@link AuditRecords#audits}), the blob storage of a type with blob properties.
	 * @throws dev.singletable.core.blob.MissingBlobStorageException when the type has blob properties and no
	 * storage is set
	 */
	void requireWritable(Class<?> type, String operation) {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
		this.audit.audits(type);
		if (BlobStage.hasBlobs(metadata) && this.blobStage.getStorage() == null) {
			throw new MissingBlobStorageException(type, metadata.getBlobProperties().get(0).getName());
		}
	}

}
