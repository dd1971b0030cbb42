package dev.singletable.core.internal.template;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableDatabaseFactory;
import dev.singletable.core.SingleTableTransaction;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.Observations;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.core.internal.write.build.BulkWrites;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.build.PutAllOperation;
import dev.singletable.core.internal.write.build.ResourceDeletes;
import dev.singletable.core.internal.operation.DeleteOperations;
import dev.singletable.core.internal.operation.EntityOperations;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.core.internal.operation.UnitOperations;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.StoredCursorSecret;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.query.run.DefaultSingleTableQuery;
import dev.singletable.core.internal.query.run.QueryExecutor;
import dev.singletable.core.internal.transaction.DefaultSingleTableTransaction;
import dev.singletable.core.internal.transaction.PendingTransaction;
import dev.singletable.core.internal.transaction.TransactionBinding;
import dev.singletable.core.internal.transaction.TransactionRules;
import dev.singletable.core.internal.write.build.AtomicUpdates;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobReads;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.build.Callbacks;
import dev.singletable.core.internal.write.item.ChangesApplier;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.internal.write.unit.VersionRetention;
import dev.singletable.core.internal.write.build.WriteSupport;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.SingleTableQuery;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a {@code SingleTableTemplate} is made of: the layers' components built once for a database factory and a
 * converter, each given what it needs and none holding the template, and the few rules of where a template
 * operation goes (the bound transaction or the table). The template is a facade over it. The blob storage is given
 * when the components are made: {@link #withBlobStorage} makes those of another storage, sharing every component it
 * does not change (and what configures them), for the template to swap in.
 */
public final class TemplateComponents {

	/** What no blob storage changes, shared by the components of every storage the template is given. */
	private final Shared shared;

	/** The template's blob storage, {@literal null} for none. */
	private final @Nullable BlobStorage blobStorage;

	private final BlobStage blobs;

	private final EntityWrites entityWrites;

	private final ResourceDeletes deletes;

	private final BulkWrites bulk;

	/** Runs the plans of the template's writes on its executor and blob storage. */
	private final BlockingDriver driver;

	/** The template's writes outside a transaction: each sent at once, through the same code as a transaction. */
	private final PendingTransaction immediate;

	/** The plans of the template's operations, run with the answers of {@link #writes()}. */
	private final OperationPlans plans;

	/** Finds the template's writes in the transaction bound to its database factory, if any. */
	private final TransactionBinding binding;

	/**
	 * Builds the components of a template without blob storage.
	 * @param databaseFactory the table's client and name
	 * @param converter the template's converter
	 */
	public TemplateComponents(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
		this(Shared.of(databaseFactory, converter), null);
	}

	/**
	 * Builds the components that send objects (the blob stage with the storage's codec, the driver with the
	 * storage, and what writes through them) on the shared ones.
	 */
	private TemplateComponents(Shared shared, @Nullable BlobStorage blobStorage) {
		String tableName = shared.databaseFactory().getTableName();
		SingleTableConverter converter = shared.converter();
		this.shared = shared;
		this.blobStorage = blobStorage;
		this.blobs = shared.support().blobs().withCodec((blobStorage != null) ? blobStorage.codec() : null);
		this.entityWrites = new EntityWrites(shared.support().withBlobs(this.blobs));
		this.driver = new BlockingDriver(shared.executor(), shared.parallel(), blobStorage);
		UnitSender sender = new UnitSender(this.blobs, shared.counts(), shared.audit(), shared.executor()::translate);
		this.deletes = new ResourceDeletes(this.entityWrites, tableName, sender::write, shared.audit(),
				shared.counts());
		this.bulk = new BulkWrites(this.entityWrites, tableName, this.deletes, shared.audit(), shared.counts());
		ChangesApplier changes = new ChangesApplier(converter);
		BiConsumer<Class<?>, String> writable = (type, operation) -> this.blobs
			.checkStorage(converter.getRequiredEntity(type));
		EntityOperations entities = new EntityOperations(converter, this.entityWrites, changes, shared.audit(),
				sender::write, writable);
		OperationPlans plans = new OperationPlans(entities,
				new DeleteOperations(tableName, converter, this.entityWrites, this.deletes, this.bulk, shared.audit(),
						shared.counts(), entities, writable),
				new UnitOperations(converter, this.entityWrites, shared.atomicUpdates()));
		this.immediate = DefaultSingleTableTransaction.immediate(plans, sender, shared.callbacks(), shared.audit(),
				this.driver);
		this.binding = new TransactionBinding(shared.databaseFactory(), sender,
				DefaultSingleTableTransaction.joining(plans, sender, shared.callbacks(), shared.audit(), this.driver));
		this.plans = plans;
	}

	/**
	 * Returns the components of a template whose blob storage is the given one: those that send objects are built
	 * anew, every other one (and what configures it: clock, callbacks, auditors, counts, reads, drift guard, metrics,
	 * blob locks) is this one's.
	 * @param blobStorage the blob storage, {@literal null} for none
	 */
	public TemplateComponents withBlobStorage(@Nullable BlobStorage blobStorage) {
		return new TemplateComponents(this.shared, blobStorage);
	}

	public SingleTableDatabaseFactory databaseFactory() {
		return this.shared.databaseFactory();
	}

	public SingleTableConverter converter() {
		return this.shared.converter();
	}

	public DynamoDbExecutor executor() {
		return this.shared.executor();
	}

	public Observations observations() {
		return this.shared.executor().observations();
	}

	public Timestamps timestamps() {
		return this.shared.timestamps();
	}

	public Callbacks callbacks() {
		return this.shared.callbacks();
	}

	public ParallelRequests parallel() {
		return this.shared.parallel();
	}

	public EntityWrites entityWrites() {
		return this.entityWrites;
	}

	public ResourceReads reads() {
		return this.shared.reads();
	}

	/**
	 * Runs the plans of the template's reads ({@link ResourceReads}, queries, the cursor secret, the audit log):
	 * the requests of one step side by side.
	 */
	public BlockingDriver reader() {
		return this.shared.reader();
	}

	/**
	 * Runs a read's plan on the {@link #reader()}.
	 * @return the plan's result
	 */
	public <R> @Nullable R read(Step<R> plan) {
		return this.shared.reader().run(plan);
	}

	/**
	 * Writes plain entities without condition, in batches (see {@link BulkWrites#putAll}).
	 * @return the entities as stored, in the order given
	 */
	public <T> List<T> putAll(Collection<T> entities) {
		PutAllOperation<T> operation = this.bulk.putAll(entities);
		// what the puts replace, read first (strongly consistent)
		List<Map<String, AttributeValue>> keys = operation.replacedKeys();
		return this.driver.run(this.bulk.putAll(operation,
				keys.isEmpty() ? Map.of() : read(this.shared.reads().findItems(keys))));
	}

	/**
	 * Deletes plain resources by id, each once: joining the bound transaction, else at once (see
	 * {@link BulkWrites#deleteAllById}).
	 */
	public void deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids) {
		pending().run(this.plans.deletes().deleteAllById(metadata.getType(), ids));
	}

	/**
	 * Deletes one version, outside a transaction (see {@link ResourceDeletes#deleteVersion}).
	 * @return whether the version was stored
	 */
	public boolean deleteVersion(SingleTablePersistentEntity<?> metadata, String id, long version) {
		return Boolean.TRUE.equals(pending().run(this.plans.deletes().deleteVersion(metadata.getType(), id, version)));
	}

	/**
	 * Runs the plans of the template's writes ({@link dev.singletable.core.internal.plan.Step}).
	 */
	public BlockingDriver driver() {
		return this.driver;
	}

	public AtomicUpdates atomicUpdates() {
		return this.shared.atomicUpdates();
	}

	public AuditRecords audit() {
		return this.shared.audit();
	}

	public TypeCounts counts() {
		return this.shared.counts();
	}

	public BlobStage blobs() {
		return this.blobs;
	}

	/**
	 * Returns the blob storage the components were built with.
	 * @return the storage, {@literal null} for none
	 */
	public @Nullable BlobStorage blobStorage() {
		return this.blobStorage;
	}

	/**
	 * Loads one blob property of an entity as read (the plan of {@link BlobReads#load}, on the driver of the
	 * template's writes, whose storage reads the object).
	 * @return the value, {@literal null} when the entity's item has no object for it
	 */
	public @Nullable Object loadBlob(Object entity, String property) {
		return this.driver.run(this.shared.blobReads().load(entity, property, this.blobs::checkStorage));
	}

	/**
	 * Loads every blob property of an entity as read (the plan of {@link BlobReads#loadAll}).
	 * @return the entity with the values set (a new instance for immutable types)
	 */
	public <T> T loadBlobs(T entity) {
		return this.driver.run(this.shared.blobReads().loadAll(entity, this.blobs::checkStorage));
	}

	public TransactionReader transactionReads() {
		return this.shared.transactionReads();
	}

	public TransactionBinding binding() {
		return this.binding;
	}

	public QueryDriftCheck drift() {
		return this.shared.drift();
	}

	/**
	 * The keys query cursors are sealed with (see {@link CursorCodec}): configure them there.
	 */
	public CursorSecrets cursorSecrets() {
		return this.shared.cursorSecrets();
	}

	/**
	 * Starts a query over some types: one type's own, or several sharing an index ({@code any}).
	 */
	public <T> SingleTableQuery<T> query(List<Class<?>> types, boolean any) {
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>(types.size());
		for (Class<?> type : types) {
			entities.add(converter().getRequiredEntity(type));
		}
		return new DefaultSingleTableQuery<>(this.shared.queries(), entities, any);
	}

	/**
	 * Where a write goes: the Spring-managed transaction bound to the template's database factory, else straight
	 * to the table.
	 */
	public SingleTableTransaction writes() {
		return pending();
	}

	private PendingTransaction pending() {
		PendingTransaction bound = this.binding.current();
		return (bound != null) ? bound : this.immediate;
	}

	/**
	 * Writes a unit of internal items (see {@link PendingTransaction#write}): in the Spring-managed transaction bound
	 * to the template's database factory, else at once.
	 */
	public void writeInternal(WriteUnit unit) {
		PendingTransaction bound = this.binding.current();
		((bound != null) ? bound : this.immediate).write(unit);
	}

	/**
	 * Refuses an operation that cannot join the Spring-managed transaction bound to the template's database factory:
	 * it is never sent outside it.
	 */
	public void refuseInTransaction(String operation, String reason) {
		if (this.binding.isActive()) {
			throw TransactionRules.cannotJoin(operation, reason);
		}
	}

	/**
	 * Deletes a resource by id: in the bound transaction (then {@literal true}: whether there was anything to delete
	 * is known at commit), else at once.
	 */
	public <T> boolean deleteById(Class<T> type, String id) {
		return Boolean.TRUE.equals(pending().run(this.plans.deletes().deleteById(type, id)));
	}

	/**
	 * Deletes an entity as read: in the bound transaction, else at once, with its after-delete callback.
	 * @param existing whether a resource found gone fails the delete
	 */
	public <T> void delete(T entity, boolean existing) {
		pending().run(this.plans.deletes().delete(entity, existing));
	}

	/**
	 * Reads resources by id in batches, as the template's reads are consistent or not.
	 */
	public <T> List<T> findAllById(Class<T> type, Collection<String> ids) {
		List<T> found = read(reads().findAllById(converter().getRequiredEntity(type), ids));
		return (found != null) ? found : List.of();
	}

	/**
	 * Reads the latest copy of a resource.
	 */
	public <T> Optional<T> findLatest(Class<T> type, String id) {
		return Optional.ofNullable(read(reads().findLatest(converter().getRequiredEntity(type),
				ResourceIds.check(type, id))));
	}

	/**
	 * Reads a singleton type's one resource, its id set to its prefix.
	 */
	public <T> Optional<T> findSingleton(SingleTablePersistentEntity<T> metadata) {
		return Optional.ofNullable(read(reads().findSingleton(metadata)));
	}

	/**
	 * Returns the mapping of a singleton type, refusing any other.
	 */
	public <T> SingleTablePersistentEntity<T> requireSingleton(Class<T> type) {
		return this.entityWrites.requireSingleton(type);
	}

	/**
	 * Checks, once configured, every registered type's audit names and blob storage.
	 */
	public void checkEntities() {
		for (SingleTablePersistentEntity<?> entity : converter().getMappingContext().getPersistentEntities()) {
			audit().audits(entity.getType());
			this.blobs.checkStorage(entity);
		}
	}

	/**
	 * The type of an operation's entity, for its observation.
	 */
	public static @Nullable Class<?> typeOf(@Nullable Object entity) {
		return (entity != null) ? entity.getClass() : null;
	}

	/**
	 * The components no blob storage changes, built once per template: what configures the template lives in them
	 * (the clock, callbacks, auditors, counts, read consistency, drift guard and dropped-attribute rule of the
	 * writes' {@link WriteSupport}, the blob locks of its stage, metrics, cursor secrets, concurrency).
	 * @param support the pieces of the writes, with the blob stage of no storage (its locks shared by every stage)
	 * @param reader runs the plans of the template's reads, a step's requests side by side
	 * @param cursorSecrets the keys of the template's cursors: the configured secret, else the table's generated one
	 */
	private record Shared(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter,
			DynamoDbExecutor executor, Timestamps timestamps, Callbacks callbacks, ParallelRequests parallel,
			BlockingDriver reader, CursorSecrets cursorSecrets, QueryDriftCheck drift, QueryExecutor queries,
			TransactionReader transactionReads, AtomicUpdates atomicUpdates, ResourceReads reads, AuditRecords audit,
			TypeCounts counts, WriteSupport support, BlobReads blobReads) {

		static Shared of(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
			Assert.notNull(databaseFactory, "SingleTableDatabaseFactory must not be null");
			Assert.notNull(converter, "SingleTableConverter must not be null");
			String tableName = databaseFactory.getTableName();
			DynamoDbExecutor executor = new DynamoDbExecutor(databaseFactory.getClient(), tableName);
			Timestamps timestamps = new Timestamps();
			Callbacks callbacks = new Callbacks();
			// reads go through the converter that runs the after-convert callbacks
			SingleTableConverter reading = callbacks.reading(converter);
			ParallelRequests parallel = new ParallelRequests(tableName, executor.observations());
			BlockingDriver reader = BlockingDriver.sendingSideBySide(executor, parallel);
			CursorSecrets cursorSecrets = new CursorSecrets(timestamps,
					() -> reader.run(StoredCursorSecret.readOrCreate(tableName, timestamps)));
			QueryDriftCheck drift = new QueryDriftCheck();
			QueryExecutor queries = new QueryExecutor(reader, reading, new CursorCodec(cursorSecrets), timestamps,
					parallel, drift);
			VersionRetention retention = new VersionRetention(tableName);
			WriteSupport support = WriteSupport.of(tableName, converter, timestamps, retention,
					new BlobStage(tableName, converter, retention, null));
			return new Shared(databaseFactory, converter, executor, timestamps, callbacks, parallel, reader,
					cursorSecrets, drift, queries, new TransactionReader(tableName, reading),
					new AtomicUpdates(tableName, converter, timestamps),
					new ResourceReads(tableName, reading, timestamps, retention),
					new AuditRecords(tableName, converter, timestamps), new TypeCounts(tableName, converter, timestamps),
					support, new BlobReads(tableName, converter));
		}

	}

}
