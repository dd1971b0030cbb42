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
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.write.build.BulkWrites;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.build.PutAllOperation;
import dev.singletable.core.internal.write.build.ResourceDeletes;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.write.build.AtomicUpdates;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobReads;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.item.ChangesApplier;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.build.WriteSupport;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * What a {@code ReactiveSingleTableTemplate} is made of: the blocking template's plans ({@link OperationPlans}:
 * entity writes, deletes, operations of one unit; the reads of {@link ResourceReads}) run on the
 * {@link ReactiveDriver}, what they ask their caller answered from the subscriber's Reactor context by the
 * {@link ReactorCaller} (the reactive entity callbacks, the audit scope captured at call time, the reactive
 * transaction bound). Units are sent by the plans of the {@link UnitSender}; the objects of blob properties are
 * written by the blocking template's {@link BlobStage} with the codec of the {@link ReactiveBlobStorage} and loaded
 * by the plans of {@link BlobReads}. The blob storage is given when the components are made: {@link #withBlobStorage}
 * makes those of another storage, sharing every component it does not change (and what configures them), for the
 * template to swap in. Nothing here holds a client but the executor.
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

	private final UnitSender sender;

	private final ResourceReads reads;

	private final TypeCounts counts;

	private final AtomicUpdates atomicUpdates;

	private final BulkWrites bulk;

	private final ReactiveTransactions transactions;

	private final ReactiveCallbacks callbacks;

	/** The plans of the template's operations, run on its driver with {@link #caller}'s answers. */
	private final OperationPlans plans;

	/** Answers what those plans ask their caller, from the subscriber's context. */
	private final ReactorCaller caller;

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
		this.sender = new UnitSender(this.blobs, this.counts, this.audit, this.executor::translate);
		ResourceDeletes deletes = new ResourceDeletes(this.writes, tableName, this.sender::write, this.audit,
				this.counts);
		this.bulk = new BulkWrites(this.writes, tableName, deletes, this.audit, this.counts);
		this.transactions = new ReactiveTransactions(shared.databaseFactory());
		EntityOperations entities = new EntityOperations(this.converter, this.writes,
				new ChangesApplier(this.converter), this.audit, this.sender::write, this::requireWritable);
		this.plans = new OperationPlans(entities, new DeleteOperations(tableName, this.converter, this.writes,
				deletes, this.bulk, this.audit, this.counts, entities, this::requireWritable),
				new UnitOperations(this.converter, this.writes, this.atomicUpdates));
		this.caller = new ReactorCaller(this.callbacks, this.auditing, this.transactions, this.sender, this.driver);
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

	/**
	 * Returns the template as it writes to a transaction: the sender of its units, the runner of its part of a
	 * commit ({@link ReactorCaller#commit}).
	 */
	public CollectedWrites.Template template() {
		return this.caller;
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
		this.blobs.checkStorage(metadata);
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
					new TypeCounts(tableName, converter, timestamps), new ReactiveAuditing(audit),
					new ResourceReads(tableName, converter, timestamps, retention),
					new AtomicUpdates(tableName, converter, timestamps), new TransactionReader(tableName, converter),
					new ReactiveCallbacks(), support, new BlobReads(tableName, converter));
		}

	}

}
