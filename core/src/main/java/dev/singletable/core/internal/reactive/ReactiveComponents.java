package dev.singletable.core.internal.reactive;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.BatchReader;
import dev.singletable.core.internal.execution.BatchWriter;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.layout.Timestamps;
import dev.singletable.core.internal.operation.EntityWrites;
import dev.singletable.core.internal.operation.RestoreVersionOperation;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobReads;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.ChangesApplier;
import dev.singletable.core.internal.write.VersionRetention;
import dev.singletable.core.internal.write.WriteSupport;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a {@code ReactiveSingleTableTemplate} is made of, and its operations by id: the blocking template's planning
 * components ({@link EntityWrites} and the operations it picks, on a {@link WriteSupport} whose client refuses every
 * blocking request, see {@link NoBlockingClient}) with the reactive senders and readers. An operation reads without
 * blocking what its plan needs (the stored latest item of an update that keeps stored creation values, the items
 * of a restore), builds its {@link WriteUnit} with the blocking template's code, and sends it through the
 * {@link ReactiveUnitWriter}; a write that fails leaves a mutable entity's stamps as they were given
 * ({@link Stamps.Snapshot}), as the blocking template does.
 * <p>
 * The writes of {@code @Audited} types carry their audit rows in the same request ({@link ReactiveAuditing}); those
 * of types with blob properties their S3 objects, written before the items and cleaned up after them
 * ({@link ReactiveBlobStage}), and loaded by {@link ReactiveBlobReads}.
 */
public final class ReactiveComponents {

	private final SingleTableConverter converter;

	private final ReactiveDynamoDbExecutor executor;

	private final Timestamps timestamps = new Timestamps();

	private final VersionRetention retention;

	private final EntityWrites writes;

	private final ChangesApplier changes;

	private final AuditRecords audit;

	private final ReactiveAuditing auditing;

	private final ReactiveUnitWriter writer;

	private final ReactiveBatchWriter batches;

	private final ReactiveResourceReads reads;

	private final ReactiveResourceDeletes deletes;

	private final ReactiveBlobReads blobReads;

	private final ReactiveBlobStage blobStage;

	/**
	 * Builds the components of a reactive template.
	 * @param client the async client
	 * @param tableName the table
	 * @param converter the template's converter
	 */
	public ReactiveComponents(DynamoDbAsyncClient client, String tableName, SingleTableConverter converter) {
		Assert.notNull(client, "DynamoDbAsyncClient must not be null");
		Assert.hasText(tableName, "Table name must not be empty");
		Assert.notNull(converter, "SingleTableConverter must not be null");
		this.converter = converter;
		this.executor = new ReactiveDynamoDbExecutor(client, tableName);
		// the planning components' executor: any blocking request they would still send fails at once
		DynamoDbExecutor planning = new DynamoDbExecutor(new NoBlockingClient(), tableName);
		ParallelRequests unused = new ParallelRequests(tableName);
		this.retention = new VersionRetention(planning, new BatchWriter(planning, unused), this::trim);
		BlobStage blobs = new BlobStage(planning, converter, this.retention);
		this.blobStage = new ReactiveBlobStage(this.executor, converter, this.retention, blobs);
		this.writes = new EntityWrites(WriteSupport.of(planning, converter, this.timestamps, this.retention, blobs),
				new BatchReader(planning, converter, unused));
		this.changes = new ChangesApplier(converter);
		this.audit = new AuditRecords(planning, converter, this.timestamps);
		this.auditing = new ReactiveAuditing(this.audit, this.executor, converter);
		this.writer = new ReactiveUnitWriter(this.executor, this.audit);
		this.writer.setBlobStage(this.blobStage);
		this.batches = new ReactiveBatchWriter(this.executor);
		this.reads = new ReactiveResourceReads(this.executor, converter, this.timestamps, this.retention);
		this.deletes = new ReactiveResourceDeletes(this.executor, this.writes, this.writer, this.batches,
				this.auditing);
		this.blobReads = new ReactiveBlobReads(this.executor, converter, new BlobReads(planning, converter));
	}

	public SingleTableConverter converter() {
		return this.converter;
	}

	public Timestamps timestamps() {
		return this.timestamps;
	}

	public ReactiveDynamoDbExecutor executor() {
		return this.executor;
	}

	public ReactiveUnitWriter writer() {
		return this.writer;
	}

	public EntityWrites entityWrites() {
		return this.writes;
	}

	public void setClock(Clock clock) {
		this.timestamps.setClock(clock);
	}

	public void setConsistentReads(boolean consistentReads) {
		this.reads.setConsistentReads(consistentReads);
	}

	public void setAllowDroppingBlobsAndMetadata(boolean allowed) {
		this.writes.setAllowDroppingBlobsAndMetadata(allowed);
	}

	public <T> Mono<T> create(T entity) {
		AuditDetails scope = ReactiveAuditing.capture();
		return write("create", entity, () -> Mono.just(this.writes.create(entity))
			.flatMap((unit) -> this.auditing.record(unit, AuditEntry.CREATE, scope)));
	}

	public <T> Mono<T> update(T entity) {
		AuditDetails scope = ReactiveAuditing.capture();
		return write("update", entity, () -> updateUnit(entity, List.of())
			.flatMap((unit) -> this.auditing.record(unit, AuditEntry.UPDATE, scope)));
	}

	public <T> Mono<T> update(T entity, Changes changes) {
		Assert.notNull(changes, "Changes must not be null");
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			requireWritable(entity.getClass(), "update");
			BlobStage.Changed<T> changed = this.writes.applyChanges(entity, changes, this.changes);
			return write("update", changed.entity(), () -> updateUnit(changed.entity(), changed.cleared())
				.flatMap((unit) -> this.auditing.record(unit, AuditEntry.UPDATE, scope)));
		});
	}

	/**
	 * What {@code save} does ({@link EntityWrites#saveOf}): a create or an update; the upsert of a plain type with
	 * an assigned id is refused.
	 */
	public <T> Mono<T> save(T entity) {
		return Mono.defer(() -> switch (this.writes.saveOf(entity)) {
			case CREATE -> create(entity);
			case UPDATE -> update(entity);
			case UPSERT -> Mono.error(new UnsupportedOperationException("The reactive template does not upsert yet: "
					+ entity.getClass().getSimpleName() + " is a plain type whose entity has an id and no modification "
					+ "time, which save writes whether it exists or not; use create or update, or the blocking "
					+ "SingleTableTemplate's save"));
		});
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

	public <T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
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
				.flatMap(this.writer::write)
				.map(type::cast);
		});
	}

	/**
	 * Builds and sends the write of an entity; when it fails, the entity is left as it was given.
	 */
	@SuppressWarnings("unchecked")
	private <T> Mono<T> write(String operation, T entity, Supplier<Mono<WriteUnit>> build) {
		Assert.notNull(entity, "Entity must not be null");
		return Mono.defer(() -> {
			requireWritable(entity.getClass(), operation);
			Stamps.Snapshot before = Stamps.snapshot(this.converter, entity);
			Mono<WriteUnit> unit;
			try {
				unit = build.get();
			}
			catch (RuntimeException ex) {
				before.restore();
				return Mono.error(ex);
			}
			return unit.flatMap(this.writer::write).map((written) -> (T) written).doOnError((ex) -> before.restore());
		});
	}

	public <T> Mono<T> findById(Class<T> type, String id) {
		return Mono.defer(() -> this.reads.findLatest(this.converter.getRequiredEntity(type), ResourceIds.check(type, id)));
	}

	public <T> Mono<T> findVersion(Class<T> type, String id, long version) {
		return Mono.defer(() -> this.reads.findVersion(this.writes.requireVersioned(type), ResourceIds.check(type, id),
				version));
	}

	public <T> Flux<T> findAllVersions(Class<T> type, String id) {
		return Flux.defer(() -> this.reads.findAllVersions(this.writes.requireVersioned(type),
				ResourceIds.check(type, id)));
	}

	public <T> Mono<Boolean> deleteById(Class<T> type, String id) {
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			requireWritable(type, "deleteById");
			return this.deletes.deleteById(this.converter.getRequiredEntity(type), ResourceIds.check(type, id), scope);
		});
	}

	public Mono<Void> delete(Object entity, boolean existing) {
		Assert.notNull(entity, "Entity must not be null");
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			requireWritable(entity.getClass(), "delete");
			return this.deletes.delete(entity, existing, scope);
		});
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

	/**
	 * The storage that blob properties are loaded from ({@link ReactiveBlobReads}).
	 */
	public void setBlobStorage(@Nullable ReactiveBlobStorage storage) {
		this.blobReads.setStorage(storage);
		this.blobStage.setStorage(storage);
	}

	public @Nullable ReactiveBlobStorage getBlobStorage() {
		return this.blobReads.getStorage();
	}

	@SuppressWarnings("unchecked")
	public <V> Mono<V> loadBlob(Object entity, String property) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.hasText(property, "Property must not be empty");
		return this.blobReads.load(entity, property).map((value) -> (V) value);
	}

	public <T> Mono<T> loadBlobs(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.blobReads.loadAll(entity);
	}

	/**
	 * The audit rows' side: who makes changes and what metadata rows carry (see {@link ReactiveAuditing}).
	 */
	public void setAuditorAware(@Nullable AuditorAware<?> auditor) {
		this.audit.setAuditorAware(auditor);
	}

	public void setReactiveAuditorAware(@Nullable ReactiveAuditorAware<?> auditor) {
		this.auditing.setReactiveAuditorAware(auditor);
	}

	public void setAuditMetadataProvider(@Nullable AuditMetadataProvider provider) {
		this.audit.setMetadataProvider(provider);
	}

	/**
	 * The trim after a write that found a history longer than its window ({@link VersionRetention}): the same plan,
	 * sent without blocking, and the write completes once it is done ({@link AfterCommitWork}).
	 */
	private void trim(int maxVersions, String pk, long written) {
		Mono<Void> trim = this.executor.queryItems(this.retention.versionsQuery(pk, List.of()).build())
			.collectList()
			.map((keys) -> VersionRetention.plan(keys, maxVersions, written))
			.flatMap((plan) -> this.batches.write(plan.older()).then(Mono.defer(() -> (plan.last() != null)
					? this.batches.write(List.of(plan.last())) : Mono.<Void>empty())));
		AfterCommitWork.add(trim, VersionRetention.trimFailed(maxVersions, pk, written));
	}

}
