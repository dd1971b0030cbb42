package dev.singletable.core.internal.reactive;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;
import org.springframework.data.mapping.callback.ReactiveEntityCallbacks;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.write.BulkWrites;
import dev.singletable.core.internal.write.EntityWrites;
import dev.singletable.core.internal.write.ResourceDeletes;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.write.AtomicUpdates;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobReads;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.ChangesApplier;
import dev.singletable.core.internal.write.DeleteOperation;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.VersionRetention;
import dev.singletable.core.internal.write.WriteSupport;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a {@code ReactiveSingleTableTemplate} is made of, and its operations by id: the blocking template's planning
 * components ({@link EntityWrites} and the operations it picks, {@link AtomicUpdates}) with the reactive senders and
 * readers. A write that needs stored state is a plan ({@code core.internal.plan}) that the {@link ReactiveDriver}
 * runs on the async client — the same plan the blocking template runs with its driver: it asks for the reads it
 * needs (the stored latest item of an update, an upsert or a version delete, the items of a restore, the stored
 * versions of a delete by id, the comparisons of blob objects) and builds its {@link WriteUnit}, which is sent
 * through the {@link ReactiveUnitWriter} (which adds the per-type counts unit while counts are kept,
 * {@link TypeCounts}); a write that fails leaves a mutable entity's stamps as they were given
 * ({@link Stamps.Snapshot}), as the blocking template does. The planning components are given the table name, never
 * a client: whatever they read or write is a plan the driver runs, the reads by id too ({@link ResourceReads}).
 * Batch writes go through {@link ReactiveBulkWrites}.
 * <p>
 * The writes of {@code @Audited} types carry their audit rows in the same request ({@link ReactiveAuditing}); those
 * of types with blob properties their S3 objects, written before the items and cleaned up after them (the
 * {@link BlobStage} of the blocking template, with the codec of the {@link ReactiveBlobStorage}, which the driver
 * sends the objects' requests to), and loaded by the plans of {@link BlobReads}. The blob storage is given when the
 * components are made: {@link #withBlobStorage} makes those of another storage, sharing every component it does not
 * change (and what configures them), for the template to swap in.
 */
public final class ReactiveComponents {

	/** What no blob storage changes, shared by the components of every storage the template is given. */
	private final Shared shared;

	private final SingleTableConverter converter;

	private final ReactiveDynamoDbExecutor executor;

	private final Timestamps timestamps;

	private final EntityWrites writes;

	private final AuditRecords audit;

	private final ReactiveAuditing auditing;

	private final ReactiveDriver driver;

	/** The plans of the template's read transactions. */
	private final TransactionReader transactionReads;

	private final ReactiveUnitWriter writer;

	private final ResourceReads reads;

	private final ReactiveResourceDeletes deletes;

	private final TypeCounts counts;

	private final AtomicUpdates atomicUpdates;

	private final ReactiveBulkWrites bulk;

	private final ReactiveTransactions transactions;

	private final ReactiveCallbacks callbacks;

	private final ReactiveEntityWriter entityWriter;

	/** The template's blob storage, {@literal null} for none. */
	private final @Nullable ReactiveBlobStorage blobStorage;

	private final BlobStage blobs;

	/**
	 * Builds the components of a reactive template without blob storage.
	 * @param executor the executor of the async client and the table, the only component that holds the client
	 * @param converter the template's converter
	 */
	public ReactiveComponents(ReactiveDynamoDbExecutor executor, SingleTableConverter converter) {
		this(new Object(), executor, converter);
	}

	/**
	 * Builds the components of a reactive template without blob storage, whose writes join the reactive
	 * transactions bound under the given key (its database factory).
	 * @param databaseFactory the key transactions are bound under
	 * @param executor the executor of the async client and the table, the only component that holds the client
	 * @param converter the template's converter
	 */
	public ReactiveComponents(Object databaseFactory, ReactiveDynamoDbExecutor executor,
			SingleTableConverter converter) {
		this(Shared.of(databaseFactory, executor, converter), null);
	}

	/**
	 * Builds the components that send objects (the blob stage with the storage's codec, the driver with the
	 * storage, and what writes through them) on the shared ones.
	 */
	private ReactiveComponents(Shared shared, @Nullable ReactiveBlobStorage blobStorage) {
		String tableName = shared.executor().getTableName();
		this.shared = shared;
		this.converter = shared.converter();
		this.executor = shared.executor();
		this.timestamps = shared.timestamps();
		this.audit = shared.audit();
		this.counts = shared.counts();
		this.auditing = shared.auditing();
		this.reads = shared.reads();
		this.atomicUpdates = shared.atomicUpdates();
		this.transactionReads = shared.transactionReads();
		this.callbacks = shared.callbacks();
		this.blobStorage = blobStorage;
		this.driver = new ReactiveDriver(this.executor, blobStorage);
		this.blobs = shared.support().blobs().withCodec((blobStorage != null) ? blobStorage.codec() : null);
		this.writes = new EntityWrites(shared.support().withBlobs(this.blobs));
		this.writer = new ReactiveUnitWriter(this.driver, this.blobs, this.counts, this.audit);
		ResourceDeletes deletes = new ResourceDeletes(this.writes, tableName, this.writer::plan, this.audit,
				this.counts);
		BulkWrites bulk = new BulkWrites(this.writes, tableName, deletes, this.audit, this.counts);
		this.deletes = new ReactiveResourceDeletes(this.driver, deletes, bulk, this.auditing);
		this.bulk = new ReactiveBulkWrites((keys) -> this.driver.run(this.reads.findItems(keys)), this.driver, bulk,
				this.deletes);
		this.transactions = new ReactiveTransactions(shared.databaseFactory(), this.driver, this.writer,
				this.writes, this.atomicUpdates, this.converter);
		this.entityWriter = new ReactiveEntityWriter(this.converter, this.driver, this.writes,
				new ChangesApplier(this.converter), this.audit, this.auditing, this.blobs, this.transactions,
				this.callbacks);
	}

	/**
	 * Returns the components of a reactive template whose blob storage is the given one: those that send objects
	 * are built anew, every other one (and what configures it: clock, callbacks, auditors, counts, reads, drift
	 * guard, metrics, blob locks) is this one's.
	 * @param blobStorage the blob storage, {@literal null} for none
	 */
	public ReactiveComponents withBlobStorage(@Nullable ReactiveBlobStorage blobStorage) {
		return new ReactiveComponents(this.shared, blobStorage);
	}

	/**
	 * Reads the latest items of the resources {@code reads} names as one consistent snapshot
	 * ({@code TransactGetItems}), the plan of {@link TransactionReader} run by the driver: at most 100, refused
	 * before sending beyond; read again after a backoff while cancelled for a transient reason.
	 */
	public Mono<SingleTableSnapshot> readTransaction(Consumer<SingleTableReadTransaction> reads) {
		return Mono.defer(() -> this.driver.run(this.transactionReads.read(reads, this.timestamps::now)));
	}

	/**
	 * Returns the template's side of transactions: whether a write joins one, and the units only they hold.
	 */
	public ReactiveTransactions transactions() {
		return this.transactions;
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

	/**
	 * Sets the entity callbacks the writes run ({@link ReactiveCallbacks}); none by default.
	 */
	public void setEntityCallbacks(@Nullable ReactiveEntityCallbacks callbacks) {
		this.callbacks.set(callbacks);
	}

	public boolean hasEntityCallbacks() {
		return this.callbacks.isSet();
	}

	/**
	 * Returns the plans of the reads by id, strongly consistent or not as set.
	 */
	public ResourceReads reads() {
		return this.reads;
	}

	public <T> Mono<T> create(T entity) {
		return this.entityWriter.create(entity);
	}

	public <T> Mono<T> update(T entity) {
		return this.entityWriter.update(entity);
	}

	public <T> Mono<T> update(T entity, Changes changes) {
		return this.entityWriter.update(entity, changes);
	}

	public <T> Mono<T> save(T entity) {
		return this.entityWriter.save(entity);
	}

	public <T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		return this.entityWriter.restoreVersion(type, id, version);
	}

	public <T> Mono<T> findById(Class<T> type, String id) {
		return Mono.defer(() -> this.driver.run(this.reads.findLatest(this.converter.getRequiredEntity(type),
				ResourceIds.check(type, id))));
	}

	public <T> Mono<T> findVersion(Class<T> type, String id, long version) {
		return Mono.defer(() -> this.driver.run(this.reads.findVersion(this.writes.requireVersioned(type),
				ResourceIds.check(type, id), version)));
	}

	public <T> Flux<T> findAllVersions(Class<T> type, String id) {
		return Mono.defer(() -> this.driver.run(this.reads.findAllVersions(this.writes.requireVersioned(type),
				ResourceIds.check(type, id)))).flatMapIterable((versions) -> versions);
	}

	public <T> Mono<Boolean> deleteById(Class<T> type, String id) {
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			this.entityWriter.requireWritable(type, "deleteById");
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			String checked = ResourceIds.check(type, id);
			// in a transaction the delete joins it, and whether anything was stored is known only at the commit
			return this.transactions.current().flatMap((bound) -> bound.isPresent()
					? deleteByIdInTransaction(bound.get(), metadata, checked, scope).thenReturn(true)
					: this.deletes.deleteById(metadata, checked, scope));
		});
	}

	public Mono<Void> delete(Object entity, boolean existing) {
		Assert.notNull(entity, "Entity must not be null");
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			this.entityWriter.requireWritable(entity.getClass(), "delete");
			// the after-delete callbacks once it is deleted: at once, or once the bound transaction is stored
			return this.transactions.current().flatMap((bound) -> bound.isPresent()
					? deleteInTransaction(bound.get(), entity, existing, scope)
					: this.deletes.delete(entity, existing, scope))
				.then(this.transactions.afterCommit(this.callbacks.afterDelete(entity)));
		});
	}

	/**
	 * Sets whether writes keep the per-type counts of the {@code MemoryStats} row, as
	 * {@code SingleTableAccessor.setTrackCounts} does for the blocking template: the same counts unit joins each
	 * request, so templates of both APIs keep one count.
	 */
	public void setTrackCounts(boolean enabled) {
		this.counts.setEnabled(enabled);
	}

	public boolean isTrackCounts() {
		return this.counts.isEnabled();
	}

	/**
	 * Reads the per-type counts (strongly consistent): empty when the row does not exist.
	 */
	public Mono<Map<String, Long>> countsByType() {
		return this.executor.getItem(TypeCounts.key(), true)
			.map(TypeCounts::counts)
			.defaultIfEmpty(Map.of())
			.map(Map::copyOf);
	}

	public <T> Flux<VersionSummary> findVersionSummaries(Class<T> type, String id) {
		return Mono.defer(() -> this.driver.run(this.reads.findVersionSummaries(this.writes.requireVersioned(type),
				ResourceIds.check(type, id)))).flatMapIterable((summaries) -> summaries);
	}

	/**
	 * Reads a singleton type's one resource, its id set to its prefix; other types are refused.
	 */
	public <T> Mono<T> findSingleton(Class<T> type) {
		return Mono.defer(() -> this.driver.run(this.reads.findSingleton(this.writes.requireSingleton(type))));
	}

	public <T> Mono<Boolean> deleteVersion(Class<T> type, String id, long version) {
		AuditDetails scope = ReactiveAuditing.capture();
		return this.transactions
			.refuseInTransaction("deleteVersion", "it deletes one history item outside the write model of versions")
			.then(Mono.defer(() -> {
				this.entityWriter.requireWritable(type, "deleteVersion");
				return this.deletes.deleteVersion(this.writes.requireVersioned(type), ResourceIds.check(type, id),
						version, scope);
			}));
	}

	/**
	 * Reads resources by id in batches, as the template's reads are consistent or not.
	 */
	public <T> Flux<T> findAllById(Class<T> type, Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		return Mono.defer(() -> this.driver.run(this.reads.findAllById(this.converter.getRequiredEntity(type), ids)))
			.flatMapIterable((found) -> found);
	}

	public <T> Flux<T> putAll(Collection<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return this.transactions
			.refuseInTransaction("putAll", "it replaces items without condition in batches; use save for each entity")
			.thenMany(Flux.defer(() -> this.bulk.putAll(entities)));
	}

	public <T> Mono<Void> deleteAllById(Class<T> type, Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			this.entityWriter.requireWritable(type, "deleteAllById");
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			// in a transaction each delete joins it, as the blocking template's do
			return this.transactions.current().flatMap((bound) -> bound.isPresent()
					? Flux.fromIterable(BulkWrites.deletedIds(metadata, ids))
						.concatMap((id) -> deleteByIdInTransaction(bound.get(), metadata, id, scope))
						.then()
					: this.bulk.deleteAllById(metadata, ids, scope));
		});
	}

	/**
	 * Adds to a number property and reads its new value; refused in a transaction, as by the blocking template.
	 */
	public <T> Mono<Long> increment(Class<T> type, String id, String property, long delta) {
		return this.transactions
			.refuseInTransaction("increment", "it returns the new value, which is only known once the transaction "
					+ "commits; use template.transaction(tx -> tx.increment(..)), which joins it")
			.then(Mono.defer(() -> this.driver.run(this.atomicUpdates.increment(this.converter.getRequiredEntity(type),
					ResourceIds.check(type, id), property, delta))));
	}

	/**
	 * Sends an atomic set or list change, or adds it to the transaction bound, as the blocking template's join.
	 * @param operation {@code addToSet}, {@code removeFromSet} or {@code appendToList}
	 */
	public Mono<Void> atomic(String operation, Class<?> type, String id, String property, Object[] change) {
		return this.transactions.current().flatMap((bound) -> {
			if (bound.isPresent()) {
				return this.transactions.atomic(operation, type, id, property, change);
			}
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			AtomicUpdates.Update update = switch (operation) {
				case "addToSet" -> this.atomicUpdates.setUpdate(metadata, property, true, (String[]) change);
				case "removeFromSet" -> this.atomicUpdates.setUpdate(metadata, property, false, (String[]) change);
				default -> this.atomicUpdates.appendUpdate(metadata, property, change);
			};
			return this.driver.run(update.plan(ResourceIds.check(type, id)));
		});
	}

	/**
	 * Adds the audit row of a delete joining a transaction, as the blocking transaction's delete records it.
	 */
	/**
	 * Adds a delete by id to a transaction, as the blocking transaction does: when it would write an audit row or
	 * take a count off, the latest item is read first, and a delete of nothing adds nothing (no row, no count).
	 */
	private Mono<Void> deleteByIdInTransaction(ReactiveCollectedWrites transaction,
			SingleTablePersistentEntity<?> metadata, String id, AuditDetails scope) {
		if (!this.auditing.audits(metadata.getType()) && !this.counts.isEnabled()) {
			return this.transactions.deleteById(transaction, metadata, id, Mono::just);
		}
		return this.auditing.storedLatest(metadata, id)
			.flatMap((latest) -> latest.isEmpty() ? Mono.empty()
					: this.transactions.deleteById(transaction, metadata, id,
							(unit) -> this.auditing.record(unit, AuditEntry.DELETE, latest.get(), scope)));
	}

	/**
	 * Adds the delete of an entity as read to a transaction, as the blocking transaction does: an entity with
	 * neither version nor modification time is deleted by id; when the delete would write an audit row or take a
	 * count off, the latest item is read first, and a resource already gone adds nothing, or, when it must exist,
	 * its delete without an audit row (whose condition fails the commit).
	 */
	private Mono<Void> deleteInTransaction(ReactiveCollectedWrites transaction, Object entity, boolean existing,
			AuditDetails scope) {
		SingleTablePersistentEntity<?> metadata = this.writes.entityOf(entity);
		DeleteOperation delete = this.writes.delete(entity, existing);
		if (delete == null) {
			return deleteByIdInTransaction(transaction, metadata,
					Stamps.requireId(metadata, metadata.getPropertyAccessor(entity)), scope);
		}
		if (!this.auditing.audits(metadata.getType()) && !this.counts.isEnabled()) {
			return this.transactions.delete(transaction, delete, Mono::just);
		}
		return this.auditing.storedLatest(metadata, delete.id()).flatMap((latest) -> {
			if (latest.isPresent()) {
				return this.transactions.delete(transaction, delete,
						(unit) -> this.auditing.record(unit, AuditEntry.DELETE, latest.get(), scope));
			}
			// gone: its condition fails the commit, with no audit row; or there is nothing to do
			return existing ? this.transactions.delete(transaction, delete, Mono::just) : Mono.empty();
		});
	}

	/**
	 * Returns the blob storage the components were built with.
	 * @return the storage, {@literal null} for none
	 */
	public @Nullable ReactiveBlobStorage getBlobStorage() {
		return this.blobStorage;
	}

	/**
	 * Loads one blob property of an entity as read, when subscribed (the plan of {@link BlobReads#load}, on the
	 * driver whose storage reads the object); empty when the entity's item has no object for it.
	 */
	@SuppressWarnings("unchecked")
	public <V> Mono<V> loadBlob(Object entity, String property) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.hasText(property, "Property must not be empty");
		return this.driver.run(this.shared.blobReads().load(entity, property, this.blobs::checkStorage))
			.map((value) -> (V) value);
	}

	/**
	 * Loads every blob property of an entity as read, when subscribed (the plan of {@link BlobReads#loadAll}).
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	public <T> Mono<T> loadBlobs(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.driver.run(this.shared.blobReads().loadAll(entity, this.blobs::checkStorage));
	}

	/**
	 * Returns the audit rows' side: who makes changes and what metadata rows carry.
	 */
	public AuditRecords audit() {
		return this.audit;
	}

	/**
	 * Sets the reactive auditor of the audit rows ({@link ReactiveAuditing}), which wins over the blocking one of
	 * {@link #audit()}.
	 */
	public void setReactiveAuditorAware(@Nullable ReactiveAuditorAware<?> auditor) {
		this.auditing.setReactiveAuditorAware(auditor);
	}

	/**
	 * Sets the blocking auditor of the audit rows, asked when no reactive one is set.
	 */
	public void setAuditorAware(@Nullable AuditorAware<?> auditor) {
		this.audit.setAuditorAware(auditor);
	}

	/**
	 * The components no blob storage changes, built once per template: what configures the template lives in them
	 * (the clock, callbacks, auditors, counts, read consistency, the drift guard and dropped-attribute rule of the
	 * writes' {@link WriteSupport}, the blob locks of its stage, metrics).
	 * @param databaseFactory the key transactions are bound under
	 * @param support the pieces of the writes, with the blob stage of no storage (its locks shared by every stage)
	 */
	private record Shared(Object databaseFactory, ReactiveDynamoDbExecutor executor, SingleTableConverter converter,
			Timestamps timestamps, AuditRecords audit, TypeCounts counts, ReactiveAuditing auditing,
			ResourceReads reads, AtomicUpdates atomicUpdates, TransactionReader transactionReads,
			ReactiveCallbacks callbacks, WriteSupport support, BlobReads blobReads) {

		static Shared of(Object databaseFactory, ReactiveDynamoDbExecutor executor, SingleTableConverter converter) {
			Assert.notNull(executor, "ReactiveDynamoDbExecutor must not be null");
			Assert.notNull(converter, "SingleTableConverter must not be null");
			String tableName = executor.getTableName();
			Timestamps timestamps = new Timestamps();
			VersionRetention retention = new VersionRetention(tableName);
			AuditRecords audit = new AuditRecords(tableName, converter, timestamps);
			WriteSupport support = WriteSupport.of(tableName, converter, timestamps, retention,
					new BlobStage(tableName, converter, retention, null));
			return new Shared(databaseFactory, executor, converter, timestamps, audit,
					new TypeCounts(tableName, converter, timestamps), new ReactiveAuditing(audit, executor, converter),
					new ResourceReads(tableName, converter, timestamps, retention),
					new AtomicUpdates(tableName, converter, timestamps), new TransactionReader(tableName, converter),
					new ReactiveCallbacks(), support, new BlobReads(tableName, converter));
		}

	}

}
