package dev.singletable.core.internal.reactive;

import java.util.Collection;
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
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.operation.DeleteOperations;
import dev.singletable.core.internal.operation.EntityOperations;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.core.internal.operation.UnitOperations;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.write.BulkWrites;
import dev.singletable.core.internal.write.EntityWrites;
import dev.singletable.core.internal.write.PutAllOperation;
import dev.singletable.core.internal.write.ResourceDeletes;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.write.AtomicUpdates;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobReads;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.ChangesApplier;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.VersionRetention;
import dev.singletable.core.internal.write.WriteSupport;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * What a {@code ReactiveSingleTableTemplate} is made of: the blocking template's plans ({@link OperationPlans}:
 * entity writes, deletes, operations of one unit; the reads of {@link ResourceReads}) run on the
 * {@link ReactiveDriver}, what they ask their caller answered from the subscriber's Reactor context by the
 * {@link ReactorCaller} (the reactive entity callbacks, the audit scope captured at call time, the reactive
 * transaction bound). Units are sent through the {@link ReactiveUnitWriter}; objects of blob properties go through
 * {@link ReactiveBlobStage} and are loaded by {@link ReactiveBlobReads}. Nothing here holds a client but the executor.
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

	private final ReactiveDriver driver;

	/** The plans of the template's read transactions. */
	private final TransactionReader transactionReads;

	private final ReactiveUnitWriter writer;

	private final ResourceReads reads;

	private final TypeCounts counts;

	private final AtomicUpdates atomicUpdates;

	private final BulkWrites bulk;

	private final ReactiveTransactions transactions;

	private final ReactiveCallbacks callbacks = new ReactiveCallbacks();

	/** The plans of the template's operations, run on its driver with {@link #caller}'s answers. */
	private final OperationPlans plans;

	/** Answers what those plans ask their caller, from the subscriber's context. */
	private final ReactorCaller caller;

	private final ReactiveBlobReads blobReads;

	private final ReactiveBlobStage blobStage;

	/**
	 * Builds the components of a reactive template.
	 * @param executor the executor of the async client and the table, the only component that holds the client
	 * @param converter the template's converter
	 */
	public ReactiveComponents(ReactiveDynamoDbExecutor executor, SingleTableConverter converter) {
		this(new Object(), executor, converter);
	}

	/**
	 * Builds the components of a reactive template whose writes join the reactive transactions bound under the
	 * given key (its database factory).
	 * @param databaseFactory the key transactions are bound under
	 * @param executor the executor of the async client and the table, the only component that holds the client
	 * @param converter the template's converter
	 */
	public ReactiveComponents(Object databaseFactory, ReactiveDynamoDbExecutor executor,
			SingleTableConverter converter) {
		Assert.notNull(executor, "ReactiveDynamoDbExecutor must not be null");
		Assert.notNull(converter, "SingleTableConverter must not be null");
		String tableName = executor.getTableName();
		this.converter = converter;
		this.executor = executor;
		this.driver = new ReactiveDriver(this.executor);
		this.retention = new VersionRetention(tableName);
		BlobStage blobs = new BlobStage(tableName, converter, this.retention);
		this.blobStage = new ReactiveBlobStage(blobs);
		this.writes = new EntityWrites(WriteSupport.of(tableName, converter, this.timestamps, this.retention, blobs));
		this.changes = new ChangesApplier(converter);
		this.audit = new AuditRecords(tableName, converter, this.timestamps);
		this.counts = new TypeCounts(tableName, converter, this.timestamps);
		this.auditing = new ReactiveAuditing(this.audit);
		this.writer = new ReactiveUnitWriter(this.driver, this.counts, this.audit);
		this.writer.setBlobStage(blobs);
		this.reads = new ResourceReads(tableName, converter, this.timestamps, this.retention);
		ResourceDeletes deletes = new ResourceDeletes(this.writes, tableName, this.writer::plan, this.audit,
				this.counts);
		this.bulk = new BulkWrites(this.writes, tableName, deletes, this.audit, this.counts);
		this.atomicUpdates = new AtomicUpdates(tableName, converter, this.timestamps);
		this.transactions = new ReactiveTransactions(databaseFactory);
		this.transactionReads = new TransactionReader(tableName, converter);
		this.blobReads = new ReactiveBlobReads(this.driver, new BlobReads(tableName, converter));
		EntityOperations entities = new EntityOperations(converter, this.writes, this.changes, this.audit,
				this.writer::plan, this::requireWritable);
		this.plans = new OperationPlans(entities, new DeleteOperations(tableName, converter, this.writes, deletes,
				this.bulk, this.audit, this.counts, entities, this::requireWritable),
				new UnitOperations(converter, this.writes, this.atomicUpdates));
		this.caller = new ReactorCaller(this.callbacks, this.auditing, this.transactions, this.writer, this.driver);
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
		return run(this.plans.entities().create(entity));
	}

	public <T> Mono<T> update(T entity) {
		return run(this.plans.entities().update(entity));
	}

	public <T> Mono<T> update(T entity, Changes changes) {
		return run(this.plans.entities().update(entity, changes));
	}

	public <T> Mono<T> save(T entity) {
		return run(this.plans.entities().save(entity));
	}

	public <T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		return run(this.plans.entities().restore(type, id, version));
	}

	/**
	 * Runs an operation's plan when subscribed, what it asks its caller answered from the subscriber's context and
	 * the audit scope bound on the calling thread now ({@link ReactiveAuditing#capture()}).
	 */
	private <T> Mono<T> run(Step<T> plan) {
		return this.driver.run(plan, this.caller).contextWrite(Context.of(ReactiveAuditing.CAPTURED, ReactiveAuditing.capture()));
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
		return run(this.plans.deletes().deleteById(type, id));
	}

	public Mono<Void> delete(Object entity, boolean existing) {
		return run(this.plans.deletes().delete(entity, existing)).then();
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
		return run(this.plans.deletes().deleteVersion(type, id, version));
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
		return run(UnitOperations.refusing("putAll",
				"it replaces items without condition in batches; use save for each entity", Step.defer(() -> {
					PutAllOperation<T> operation = this.bulk.putAll(entities);
					return this.reads.findItems(operation.replacedKeys())
						.then((replaced) -> this.bulk.putAll(operation, replaced));
				}))).flatMapIterable((stored) -> stored);
	}

	public <T> Mono<Void> deleteAllById(Class<T> type, Collection<String> ids) {
		return run(this.plans.deletes().deleteAllById(type, ids)).then();
	}

	/**
	 * Adds to a number property and reads its new value; refused in a transaction, as by the blocking template.
	 */
	public <T> Mono<Long> increment(Class<T> type, String id, String property, long delta) {
		return run(UnitOperations.refusing("increment", "it returns the new value, which is only known once the "
				+ "transaction commits; use template.transaction(tx -> tx.increment(..)), which joins it",
				Step.defer(() -> this.atomicUpdates.increment(this.converter.getRequiredEntity(type),
						ResourceIds.check(type, id), property, delta))));
	}

	/**
	 * Sends an atomic change, or adds it to the transaction bound (see {@link UnitOperations#atomic}).
	 * @param operation {@code increment} (in a transaction), {@code addToSet}, {@code removeFromSet} or
	 * {@code appendToList}
	 */
	public Mono<Void> atomic(String operation, Class<?> type, String id, String property, Object change) {
		return run(this.plans.units().atomic(operation, type, id, property, change)).then();
	}

	/**
	 * Adds a check, without a write, to the transaction bound (see {@link UnitOperations#check}).
	 */
	public Mono<Void> check(String operation, Class<?> type, String id, @Nullable Long version, boolean absent) {
		return run(this.plans.units().check(operation, type, id, version, absent)).then();
	}

	/**
	 * Adds a check that an entity's resource has the version given to the transaction bound.
	 */
	public Mono<Void> requireVersion(Object entity, long version) {
		return run(this.plans.units().requireVersion(entity, version)).then();
	}

	/**
	 * The storage that blob properties are loaded from ({@link ReactiveBlobReads}).
	 */
	public void setBlobStorage(@Nullable ReactiveBlobStorage storage) {
		this.blobReads.setStorage(storage);
		this.blobStage.setStorage(storage);
		this.driver.setBlobStorage(storage);
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

}
