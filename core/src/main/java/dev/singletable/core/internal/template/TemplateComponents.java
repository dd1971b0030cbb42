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
import dev.singletable.core.internal.write.BulkWrites;
import dev.singletable.core.internal.write.EntityWrites;
import dev.singletable.core.internal.write.PutAllOperation;
import dev.singletable.core.internal.write.ResourceDeletes;
import dev.singletable.core.internal.operation.DeleteOperations;
import dev.singletable.core.internal.operation.EntityOperations;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.core.internal.operation.UnitOperations;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.internal.query.DefaultSingleTableQuery;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.query.QueryExecutor;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.StoredCursorSecret;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.transaction.DefaultSingleTableTransaction;
import dev.singletable.core.internal.transaction.PendingTransaction;
import dev.singletable.core.internal.transaction.TransactionBinding;
import dev.singletable.core.internal.transaction.TransactionRules;
import dev.singletable.core.internal.write.AtomicUpdates;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.Callbacks;
import dev.singletable.core.internal.write.ChangesApplier;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.internal.write.VersionRetention;
import dev.singletable.core.internal.write.WriteSupport;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.query.SingleTableQuery;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What a {@code SingleTableTemplate} is made of: the layers' components built once for a database factory and a
 * converter, each given what it needs and none holding the template, and the few rules of where a template
 * operation goes (the bound transaction or the table). The template is a facade over it.
 */
public final class TemplateComponents {

	private final SingleTableDatabaseFactory databaseFactory;

	private final SingleTableConverter converter;

	private final DynamoDbExecutor executor;

	private final Timestamps timestamps = new Timestamps();

	private final Callbacks callbacks = new Callbacks();

	/** The converter reads go through: it runs the after-convert callbacks. */
	private final SingleTableConverter reading;

	private final ParallelRequests parallel;

	private final QueryExecutor queries;

	/** The keys of the template's cursors: the configured secret, else the table's generated one. */
	private final CursorSecrets cursorSecrets;

	private final QueryDriftCheck drift = new QueryDriftCheck();

	private final TransactionReader transactionReads;

	private final AtomicUpdates atomicUpdates;

	private final EntityWrites entityWrites;

	private final ResourceDeletes deletes;

	private final ResourceReads reads;

	private final BulkWrites bulk;

	private final AuditRecords audit;

	private final TypeCounts counts;

	private final BlobStage blobs;

	/** Runs the plans of the template's writes on its executor and blob storage. */
	private final BlockingDriver driver;

	/** Runs the plans of the template's reads, a step's requests side by side. */
	private final BlockingDriver reader;

	/** The template's writes outside a transaction: each sent at once, through the same code as a transaction. */
	private final PendingTransaction immediate;

	/** The plans of the template's operations, run with the answers of {@link #writes()}. */
	private final OperationPlans plans;

	/** Finds the template's writes in the transaction bound to its database factory, if any. */
	private final TransactionBinding binding;

	/**
	 * Builds the components of a template.
	 * @param databaseFactory the table's client and name
	 * @param converter the template's converter
	 */
	public TemplateComponents(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
		Assert.notNull(databaseFactory, "SingleTableDatabaseFactory must not be null");
		Assert.notNull(converter, "SingleTableConverter must not be null");
		String tableName = databaseFactory.getTableName();
		this.databaseFactory = databaseFactory;
		this.converter = converter;
		this.executor = new DynamoDbExecutor(databaseFactory.getClient(), tableName);
		this.parallel = new ParallelRequests(tableName, this.executor.observations());
		this.driver = new BlockingDriver(this.executor, this.parallel);
		this.reading = this.callbacks.reading(converter);
		this.reader = BlockingDriver.sendingSideBySide(this.executor, this.parallel);
		this.cursorSecrets = new CursorSecrets(this.timestamps,
				() -> this.reader.run(StoredCursorSecret.readOrCreate(tableName, this.timestamps)));
		this.queries = new QueryExecutor(this.reader, this.reading, new CursorCodec(this.cursorSecrets),
				this.timestamps, this.parallel, this.drift);
		this.transactionReads = new TransactionReader(tableName, this.reading);
		this.atomicUpdates = new AtomicUpdates(tableName, converter, this.timestamps);
		VersionRetention retention = new VersionRetention(tableName);
		this.blobs = new BlobStage(tableName, converter, retention);
		this.entityWrites = new EntityWrites(
				WriteSupport.of(tableName, converter, this.timestamps, retention, this.blobs));
		this.audit = new AuditRecords(tableName, converter, this.timestamps);
		this.counts = new TypeCounts(tableName, converter, this.timestamps);
		this.driver.useBlobStorageOf(this.blobs::storage);
		UnitWriter writer = new UnitWriter(this.driver, this.blobs, this.counts, this.audit);
		this.deletes = new ResourceDeletes(this.entityWrites, tableName, writer::plan, this.audit, this.counts);
		this.reads = new ResourceReads(tableName, this.reading, this.timestamps, retention);
		this.bulk = new BulkWrites(this.entityWrites, tableName, this.deletes, this.audit, this.counts);
		ChangesApplier changes = new ChangesApplier(converter);
		BiConsumer<Class<?>, String> writable = (type, operation) -> this.blobs
			.checkStorage(converter.getRequiredEntity(type));
		EntityOperations entities = new EntityOperations(converter, this.entityWrites, changes, this.audit,
				writer::plan, writable);
		OperationPlans plans = new OperationPlans(entities,
				new DeleteOperations(tableName, converter, this.entityWrites, this.deletes, this.bulk, this.audit,
						this.counts, entities, writable),
				new UnitOperations(converter, this.entityWrites, this.atomicUpdates));
		this.immediate = DefaultSingleTableTransaction.immediate(plans, writer, this.callbacks, this.audit,
				this.driver);
		this.binding = new TransactionBinding(databaseFactory, writer,
				DefaultSingleTableTransaction.joining(plans, writer, this.callbacks, this.audit, this.driver));
		this.plans = plans;
	}

	public SingleTableDatabaseFactory databaseFactory() {
		return this.databaseFactory;
	}

	public SingleTableConverter converter() {
		return this.converter;
	}

	public DynamoDbExecutor executor() {
		return this.executor;
	}

	public Observations observations() {
		return this.executor.observations();
	}

	public Timestamps timestamps() {
		return this.timestamps;
	}

	public Callbacks callbacks() {
		return this.callbacks;
	}

	public ParallelRequests parallel() {
		return this.parallel;
	}

	public EntityWrites entityWrites() {
		return this.entityWrites;
	}

	public ResourceReads reads() {
		return this.reads;
	}

	/**
	 * Runs the plans of the template's reads ({@link ResourceReads}, queries, the cursor secret, the audit log):
	 * the requests of one step side by side.
	 */
	public BlockingDriver reader() {
		return this.reader;
	}

	/**
	 * Runs a read's plan on the {@link #reader()}.
	 * @return the plan's result
	 */
	public <R> @Nullable R read(Step<R> plan) {
		return this.reader.run(plan);
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
				keys.isEmpty() ? Map.of() : this.reader.run(this.reads.findItems(keys))));
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
		return this.atomicUpdates;
	}

	public AuditRecords audit() {
		return this.audit;
	}

	public TypeCounts counts() {
		return this.counts;
	}

	public BlobStage blobs() {
		return this.blobs;
	}

	/**
	 * Sets the blob storage of the template's writes: the blob stage's, which the driver's object requests follow
	 * (see the constructor's {@code useBlobStorageOf}).
	 */
	public void setBlobStorage(@Nullable BlobStorage storage) {
		this.blobs.setStorage(storage);
	}

	public TransactionReader transactionReads() {
		return this.transactionReads;
	}

	public TransactionBinding binding() {
		return this.binding;
	}

	public QueryDriftCheck drift() {
		return this.drift;
	}

	/**
	 * The keys query cursors are sealed with (see {@link CursorCodec}): configure them there.
	 */
	public CursorSecrets cursorSecrets() {
		return this.cursorSecrets;
	}

	/**
	 * Starts a query over some types: one type's own, or several sharing an index ({@code any}).
	 */
	public <T> SingleTableQuery<T> query(List<Class<?>> types, boolean any) {
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>(types.size());
		for (Class<?> type : types) {
			entities.add(this.converter.getRequiredEntity(type));
		}
		return new DefaultSingleTableQuery<>(this.queries, entities, any);
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
		List<T> found = read(this.reads.findAllById(this.converter.getRequiredEntity(type), ids));
		return (found != null) ? found : List.of();
	}

	/**
	 * Reads the latest copy of a resource.
	 */
	public <T> Optional<T> findLatest(Class<T> type, String id) {
		return Optional.ofNullable(read(this.reads.findLatest(this.converter.getRequiredEntity(type),
				ResourceIds.check(type, id))));
	}

	/**
	 * Reads a singleton type's one resource, its id set to its prefix.
	 */
	public <T> Optional<T> findSingleton(SingleTablePersistentEntity<T> metadata) {
		return Optional.ofNullable(read(this.reads.findSingleton(metadata)));
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
		for (SingleTablePersistentEntity<?> entity : this.converter.getMappingContext().getPersistentEntities()) {
			this.audit.audits(entity.getType());
			this.blobs.checkStorage(entity);
		}
	}

	/**
	 * The type of an operation's entity, for its observation.
	 */
	public static @Nullable Class<?> typeOf(@Nullable Object entity) {
		return (entity != null) ? entity.getClass() : null;
	}

}
