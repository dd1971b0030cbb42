package dev.singletable.core;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.execution.BatchReader;
import dev.singletable.core.internal.execution.BatchWriter;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.execution.Observations;
import dev.singletable.core.internal.execution.ParallelRequests;
import dev.singletable.core.internal.execution.TransactionWriter;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.layout.Timestamps;
import dev.singletable.core.internal.operation.BulkWrites;
import dev.singletable.core.internal.operation.EntityWrites;
import dev.singletable.core.internal.operation.ResourceDeletes;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.DefaultSingleTableQuery;
import dev.singletable.core.internal.query.QueryExecutor;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.query.TransactionReader;
import dev.singletable.core.internal.transaction.DefaultSingleTableTransaction;
import dev.singletable.core.internal.transaction.PendingTransaction;
import dev.singletable.core.internal.transaction.TransactionBinding;
import dev.singletable.core.internal.write.AtomicUpdates;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.Callbacks;
import dev.singletable.core.internal.write.ChangesApplier;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.internal.write.VersionRetention;
import dev.singletable.core.internal.write.WriteSupport;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservation;
import dev.singletable.core.observation.SingleTableObservationConvention;
import dev.singletable.core.query.SingleTableQuery;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The central class of singletable: stores many entity types in one DynamoDB table in the
 * {@code simplesingletable} item layout, with versioned history, optimistic concurrency and compression.
 * Thread-safe once configured.
 *
 * <pre class="code">
 * SingleTableTemplate template = new SingleTableTemplate(dynamoDbClient, "my-table");
 * Task task = template.create(new Task(null, null, null, null, "Write docs"));
 * Task next = template.update(task.withTitle("Write better docs"));   // version 2, v1 kept
 * template.transaction((tx) -> {                                       // one TransactWriteItems, all or nothing
 *     tx.update(next.withTitle("Done"));
 *     tx.increment(Counter.class, "tasks-done", "count", 1);
 * });
 * </pre>
 * <p>
 * The template orchestrates: every write becomes a {@code WriteUnit} of the write model ({@code EntityWrites},
 * {@code AtomicUpdates}), sent at once or collected by a transaction ({@code DefaultSingleTableTransaction}, which
 * joins the Spring-managed transaction bound to its {@link SingleTableDatabaseFactory} through
 * {@code TransactionBinding}); reads go through the {@code DynamoDbExecutor}, queries through
 * {@code DefaultSingleTableQuery}. Templates built on one database factory join each other's transactions.
 */
public class SingleTableTemplate implements SingleTableOperations, ApplicationContextAware, InitializingBean,
		DisposableBean {

	private final SingleTableDatabaseFactory databaseFactory;

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final BatchWriter batches;

	private final Timestamps timestamps = new Timestamps();

	private final Callbacks callbacks = new Callbacks();

	/** The converter reads go through: it runs the after-convert callbacks. */
	private final SingleTableConverter reading;

	private QueryExecutor queries;

	private final BatchReader batchReads;

	private final TransactionReader transactionReads;

	private final AtomicUpdates atomicUpdates;

	private final VersionRetention retention;

	private final EntityWrites entityWrites;

	private final UnitWriter writer;

	private final ResourceDeletes deletes;

	private final ResourceReads reads;

	private final BulkWrites bulk;

	private final ChangesApplier changes;

	/**
	 * Runs {@link #transaction(Consumer)} as a Spring-managed transaction: through the manager the template is given,
	 * else one of its own on its database factory.
	 */
	private volatile TransactionTemplate transactions;

	/** The template's writes outside a transaction: each sent at once, through the same code as a transaction. */
	private final SingleTableTransaction immediate;

	/** Finds the template's writes in the transaction bound to its database factory, if any. */
	private final TransactionBinding binding;

	private final ParallelRequests parallel;

	private final AuditRecords audit;

	private final TypeCounts counts;

	private AuditLogQueries auditLog;

	/** Observes each public operation (see {@link #observe}); the executor reports its requests to it. */
	private final Observations observations;

	private final BlobStage blobs;

	/**
	 * Creates a template with a default mapping context and the storage JSON defaults.
	 * @param client the DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 */
	public SingleTableTemplate(DynamoDbClient client, String tableName) {
		this(SingleTableDatabaseFactory.create(client, tableName));
	}

	/**
	 * Creates a template with the given converter.
	 * @param client the DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 * @param converter the converter; must not be {@literal null}
	 */
	public SingleTableTemplate(DynamoDbClient client, String tableName, SingleTableConverter converter) {
		this(SingleTableDatabaseFactory.create(client, tableName), converter);
	}

	/**
	 * Creates a template on a database factory, with a default mapping context and the storage JSON defaults.
	 * @param databaseFactory the table's client and name; must not be {@literal null}
	 */
	public SingleTableTemplate(SingleTableDatabaseFactory databaseFactory) {
		this(databaseFactory, new MappingSingleTableConverter(new SingleTableMappingContext()));
	}

	/**
	 * Creates a template on a database factory with the given converter. Inside a Spring-managed transaction bound to
	 * the factory, its writes join those of every other template built on it.
	 * @param databaseFactory the table's client and name; must not be {@literal null}
	 * @param converter the converter; must not be {@literal null}
	 */
	public SingleTableTemplate(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
		Assert.notNull(databaseFactory, "SingleTableDatabaseFactory must not be null");
		Assert.notNull(converter, "SingleTableConverter must not be null");
		String tableName = databaseFactory.getTableName();
		this.databaseFactory = databaseFactory;
		this.executor = new DynamoDbExecutor(databaseFactory.getClient(), tableName);
		this.converter = converter;
		this.reading = this.callbacks.reading(converter);
		TransactionWriter transactions = new TransactionWriter(this.executor);
		this.parallel = new ParallelRequests(tableName);
		this.batches = new BatchWriter(this.executor, this.parallel);
		this.queries = new QueryExecutor(this.executor, this.reading,
				new CursorCodec(CursorCodec.defaultSecret(tableName)), this.timestamps, this.parallel);
		this.batchReads = new BatchReader(this.executor, this.reading, this.parallel);
		this.transactionReads = new TransactionReader(this.executor, this.reading);
		this.atomicUpdates = new AtomicUpdates(this.executor, transactions, converter, this.timestamps);
		this.retention = new VersionRetention(this.executor, this.batches);
		this.blobs = new BlobStage(this.executor, converter, this.retention);
		this.entityWrites = new EntityWrites(WriteSupport.of(this.executor, converter, this.timestamps, this.retention,
				this.blobs), this.batchReads);
		this.audit = new AuditRecords(this.executor, converter, this.timestamps);
		this.counts = new TypeCounts(this.executor, converter, this.timestamps);
		this.auditLog = new AuditLogQueries(this.executor, converter.getJsonMapper());
		this.writer = new UnitWriter(this.executor, transactions, this.blobs, this.counts, this.audit);
		this.deletes = new ResourceDeletes(this.executor, this.entityWrites, this.writer, this.batches, this.audit,
				this.counts);
		this.reads = new ResourceReads(this.executor, this.reading, this.timestamps, this.retention);
		this.bulk = new BulkWrites(this.entityWrites, this.batches, this.deletes, this.audit, this.counts);
		this.changes = new ChangesApplier(converter);
		this.immediate = DefaultSingleTableTransaction.immediate(converter, this.entityWrites, this.atomicUpdates,
				this.changes, this.writer, this.callbacks, this.audit);
		this.binding = new TransactionBinding(databaseFactory, this.writer, DefaultSingleTableTransaction.joining(
				converter, this.entityWrites, this.atomicUpdates, this.changes, this.writer, this.callbacks, this.audit));
		this.transactions = new TransactionTemplate(new SingleTableTransactionManager(databaseFactory));
		this.observations = this.executor.observations();
	}

	/**
	 * Sets the transaction manager {@link #transaction(Consumer)} runs through, so that what customizes it (Spring
	 * Boot's {@code spring.transaction.*} and {@code TransactionExecutionListener}s, a default timeout) applies there
	 * too. It must manage this template's database factory: a manager of another factory, or of another store, would
	 * not collect the template's writes, so it is refused rather than used. Spring Boot sets the application's
	 * {@code SingleTableTransactionManager} of the template's factory; without one, the template runs its
	 * transactions through a manager of its own on its factory.
	 * @param transactionManager the manager; {@literal null} for one of the template's own
	 * @throws IllegalArgumentException when the manager manages another database factory
	 */
	public void setTransactionManager(@Nullable SingleTableTransactionManager transactionManager) {
		if (transactionManager != null && transactionManager.getResourceFactory() != this.databaseFactory) {
			throw new IllegalArgumentException(transactionManager + " manages the transactions of "
					+ transactionManager.getResourceFactory() + ", not those of this template's "
					+ this.databaseFactory + ": template.transaction(..) would not collect the template's writes in "
					+ "it. Give the template the manager built on its database factory (getDatabaseFactory())");
		}
		this.transactions = new TransactionTemplate((transactionManager != null) ? transactionManager
				: new SingleTableTransactionManager(this.databaseFactory));
	}

	/**
	 * Sets the registry that observes each operation as a {@value SingleTableObservation#NAME} observation (a timer,
	 * with Micrometer's meter handler), tagged with the entity type, the operation and the index. None by default.
	 * @param registry the registry; {@literal null} or {@link ObservationRegistry#NOOP} for none
	 */
	public void setObservationRegistry(@Nullable ObservationRegistry registry) {
		this.observations.setRegistry(registry);
	}

	/**
	 * Sets the convention that names and tags the observations, instead of the
	 * {@link dev.singletable.core.observation.DefaultSingleTableObservationConvention default one}.
	 * @param convention the convention; {@literal null} for the default
	 */
	public void setObservationConvention(@Nullable SingleTableObservationConvention convention) {
		this.observations.setConvention(convention);
	}

	/**
	 * Sets where consumed capacity, conflicts, retries and unprocessed batch items are reported, per entity type and
	 * operation (see {@link dev.singletable.core.observation.MicrometerSingleTableMetrics}). With metrics, every
	 * request asks DynamoDB for its consumed capacity ({@code ReturnConsumedCapacity TOTAL}); without (the default),
	 * none does.
	 * @param metrics the metrics; {@literal null} for none
	 */
	public void setMetrics(@Nullable SingleTableMetrics metrics) {
		this.executor.setMetrics(metrics);
	}

	/**
	 * Sets the secret that signs query cursors. Without one, cursors are signed with a key derived from the
	 * table name: altered and foreign cursors are still refused, and a forged one can never read outside its
	 * query's partition, but set a secret (the same on every instance) to make cursors unforgeable.
	 * @param secret the secret bytes; must not be empty
	 */
	public void setCursorSecret(byte[] secret) {
		Assert.notNull(secret, "Secret must not be null");
		this.queries = new QueryExecutor(this.executor, this.reading, new CursorCodec(secret), this.timestamps,
				this.parallel);
		this.auditLog.setCursorSecret(secret);
	}

	/**
	 * Sets who makes the changes recorded in the audit log of {@link dev.singletable.core.mapping.Audited @Audited}
	 * types: each row's {@code changed_by} is the current auditor as a string ({@literal null}, or an empty
	 * {@code Optional}, for none). Spring Data's {@code AuditorAware}, the one that fills {@code @CreatedBy}. The
	 * changer named by the {@link dev.singletable.core.audit.AuditScope AuditScope}'s details, if any, wins.
	 * @param auditorAware the current auditor, or {@literal null} for none
	 */
	public void setAuditorAware(@Nullable AuditorAware<?> auditorAware) {
		this.audit.setAuditorAware(auditorAware);
	}

	/**
	 * Sets what metadata every audit row of {@link dev.singletable.core.mapping.Audited @Audited} types carries in
	 * its {@code audit_metadata} (a request id, the host), under the details bound by
	 * {@link dev.singletable.core.audit.AuditScope AuditScope}, which win key by key. Besides these, every row gets
	 * {@value dev.singletable.core.audit.AuditEntry#TRANSACTION_ID}: one ULID per {@code TransactWriteItems}, shared
	 * by the rows of one transaction.
	 * @param provider the metadata provider, or {@literal null} for none
	 */
	public void setAuditMetadataProvider(@Nullable AuditMetadataProvider provider) {
		this.audit.setMetadataProvider(provider);
	}

	/**
	 * Returns the queries over the table's audit log (rows written by this template for
	 * {@link dev.singletable.core.mapping.Audited @Audited} types, and by {@code simplesingletable}): by resource,
	 * type, changer, time range, paged with cursors signed like the template's.
	 * @return the audit log queries
	 */
	public AuditLogQueries auditLog() {
		return this.auditLog;
	}

	/**
	 * Sets whether the template keeps per-type counts in {@code simplesingletable}'s {@code MemoryStats} row
	 * (default {@literal false}; the Python library's {@code track_stats} is on by default): each create adds one to
	 * its type's count and each delete removes one, through one more item in the same {@code TransactWriteItems}
	 * (a single write becomes a transaction of two items; a transaction gets one item however many creates and
	 * deletes it holds). {@link #putAll} is refused while counts are kept: it cannot tell creates from
	 * replacements.
	 * @param trackCounts whether to keep the counts
	 */
	public void setTrackCounts(boolean trackCounts) {
		this.counts.setEnabled(trackCounts);
	}

	/**
	 * Sets whether an update may drop what the Python library's layout keeps on an item but the Java type does not
	 * map (default {@literal false}): the blob references {@code _blob_fields}/{@code _blob_versions} (a type without
	 * {@code @BlobField} properties) and the filter {@code metadata} map (a type without {@code @FilterMetadata}
	 * properties), unless an {@code @UnmappedAttributes} property keeps them. By default each update's own condition
	 * requires them absent (no extra request), and an update of an item that carries one fails with
	 * {@link AttributeDropRefusedException}, nothing written; allowed, the update rewrites the item without them.
	 * @param allowed whether updates may drop them
	 */
	public void setAllowDroppingBlobsAndMetadata(boolean allowed) {
		this.entityWrites.setAllowDroppingBlobsAndMetadata(allowed);
	}

	/**
	 * Reads the per-type counts (one strongly consistent {@code GetItem}): type name (the type prefix, the class
	 * name by default) to count, as kept by this template with {@link #setTrackCounts} and by the Python library.
	 * @return the counts, empty when none were kept yet
	 */
	public Map<String, Long> countsByType() {
		return this.counts.read();
	}

	/**
	 * Sets how many requests one operation sends at once at most (default 8): the {@code BatchGetItem} requests of
	 * {@link #findAllById} (100 ids each) and the {@code BatchWriteItem} requests of {@link #putAll},
	 * {@link #deleteAllById} and of deleting a versioned resource's history (25 items each) are sent side by side,
	 * each retrying its own unprocessed items. The requests are the same as when sent one after another, only
	 * sooner; {@code 0} or {@code 1} sends them one after another. Helper threads come from a small pool of daemon
	 * threads the template owns (at most this many, ended when idle and by {@link #destroy()}); when they are
	 * busy, the calling thread sends the requests itself.
	 * @param maxConcurrentRequests requests in flight per operation, {@code 0} or more
	 */
	public void setMaxConcurrentRequests(int maxConcurrentRequests) {
		this.parallel.setMaxConcurrency(maxConcurrentRequests);
	}

	/**
	 * Sets whether query streams ({@link SingleTableQuery#stream()}, {@code Stream} repository methods) fetch
	 * their next page while the caller consumes the current one (default {@literal true}). At most one page is
	 * read ahead, and never past the query's {@code limit}; closing the stream cancels a fetch in flight, and a
	 * failed one is thrown when the caller reaches its page. A stream abandoned without being closed may have read
	 * one page it never returned.
	 * @param streamPrefetch whether streams read one page ahead
	 */
	public void setStreamPrefetch(boolean streamPrefetch) {
		this.parallel.setPrefetch(streamPrefetch);
	}

	/**
	 * Sets where the values of {@link dev.singletable.core.mapping.BlobField @BlobField} properties are stored
	 * (Spring Boot sets it when {@code singletable.blobs.bucket} is set). Writes of such types upload their objects
	 * before the items are written and delete them again when the items are not; see {@link #loadBlob} for reads.
	 * @param blobStorage the blob storage, or {@literal null} for none (types with blob properties then fail)
	 */
	public void setBlobStorage(dev.singletable.core.blob.@org.jspecify.annotations.Nullable BlobStorage blobStorage) {
		this.blobs.setStorage(blobStorage);
	}

	/**
	 * The blob locks of this template's writes (tests shorten their lease and wait).
	 */
	BlobLocks blobLocks() {
		return this.blobs.locks();
	}

	/**
	 * Checks, once configured, every registered type: that the {@code include} and {@code exclude} of its
	 * {@code @Audited} name its properties, and that a type with {@code @BlobField} properties has a blob storage to
	 * go to; else fails naming the type, what is wrong and what to change. (A type registered later is checked by
	 * its first write, before any request.)
	 * @throws dev.singletable.core.mapping.InvalidEntityDefinitionException when an audited type's {@code include}
	 * or {@code exclude} names no property of the type
	 * @throws dev.singletable.core.blob.MissingBlobStorageException when a type with blob properties is registered
	 * and no blob storage is set
	 */
	@Override
	public void afterPropertiesSet() {
		for (SingleTablePersistentEntity<?> entity : this.converter.getMappingContext().getPersistentEntities()) {
			this.audit.audits(entity.getType());
			this.blobs.checkStorage(entity);
		}
	}

	@Override
	public <V> @org.jspecify.annotations.Nullable V loadBlob(Object entity, String property) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.hasText(property, "Property must not be empty");
		@SuppressWarnings("unchecked")
		V value = (V) this.blobs.load(entity, property);
		return value;
	}

	@Override
	public <T> T loadBlobs(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return this.blobs.loadAll(entity);
	}

	/**
	 * Stops the template's helper threads (Spring calls it when the context closes). Requests in flight finish;
	 * the template stays usable and sends later requests from the calling thread, one after another.
	 */
	@Override
	public void destroy() {
		this.parallel.shutdown();
	}

	/**
	 * Sets the entity callbacks the template invokes (see {@code dev.singletable.core.mapping.event}): before
	 * convert and before save when a write is made (or joins a transaction), after save once it is written (after
	 * the commit inside a transaction), after convert on every read, after delete of an entity.
	 * @param entityCallbacks the callbacks, {@literal null} for none
	 */
	public void setEntityCallbacks(@Nullable EntityCallbacks entityCallbacks) {
		this.callbacks.set(entityCallbacks);
	}

	/**
	 * Takes the entity callbacks from the application context's {@code EntityCallback} beans, unless set with
	 * {@link #setEntityCallbacks(EntityCallbacks)}.
	 * @param applicationContext the context
	 */
	@Override
	public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
		if (!this.callbacks.isSet()) {
			this.callbacks.set(EntityCallbacks.create(applicationContext));
		}
	}

	/**
	 * Sets the clock that supplies timestamps (UTC system clock by default).
	 * @param clock the clock; must not be {@literal null}
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "Clock must not be null");
		this.timestamps.setClock(clock);
	}

	/**
	 * Sets whether reads by id are strongly consistent (default {@literal false}: eventually consistent, half
	 * the read cost). Reads that guard a write are always strongly consistent.
	 * @param consistentReads whether to use strongly consistent reads
	 */
	public void setConsistentReads(boolean consistentReads) {
		this.reads.setConsistentReads(consistentReads);
	}

	@Override
	public String getTableName() {
		return this.databaseFactory.getTableName();
	}

	/**
	 * Returns the database factory the template is built on: the key Spring-managed transactions of its writes are
	 * bound under, shared by every template built on it.
	 * @return the database factory
	 */
	public SingleTableDatabaseFactory getDatabaseFactory() {
		return this.databaseFactory;
	}

	@Override
	public SingleTableConverter getConverter() {
		return this.converter;
	}

	/**
	 * Returns the client this template uses.
	 * @return the DynamoDB client
	 */
	public DynamoDbClient getClient() {
		return this.databaseFactory.getClient();
	}

	/**
	 * Starts a query for one entity type; by default it lists the type through the type index, sorted by
	 * {@code updated_at}.
	 * @param type the entity type
	 * @param <T> the entity type
	 * @return the query
	 */
	@Override
	public <T> SingleTableQuery<T> query(Class<T> type) {
		return new DefaultSingleTableQuery<>(this.queries, List.of(this.converter.getRequiredEntity(type)), false);
	}

	/**
	 * Starts a query over an index shared by several entity types: each item is read as its own type,
	 * recognized by the prefix of its {@code pk}; items of other types are skipped.
	 * @param types the entity types to return
	 * @return the query
	 */
	@Override
	public SingleTableQuery<Object> queryAny(Class<?>... types) {
		Assert.notEmpty(types, "At least one type is needed");
		List<SingleTablePersistentEntity<?>> entities = new ArrayList<>();
		for (Class<?> type : types) {
			entities.add(this.converter.getRequiredEntity(type));
		}
		return new DefaultSingleTableQuery<>(this.queries, entities, true);
	}

	// ---- batches and atomic updates ----------------------------------------------------------------------

	@Override
	public <T> List<T> findAllById(Class<T> type, Collection<String> ids) {
		return observe("findAllById", type, () -> this.batchReads.findAllById(this.converter.getRequiredEntity(type), ids,
				this.reads.isConsistentReads(), this.timestamps.now()));
	}

	@Override
	public <T> List<T> putAll(Collection<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		Class<?> type = entities.isEmpty() ? null : typeOf(entities.iterator().next());
		return observe("putAll", type, () -> {
			refuseInTransaction("putAll", "it replaces items without condition in batches; use save for each entity");
			return this.bulk.putAll(entities);
		});
	}

	@Override
	public <T> void deleteAllById(Class<T> type, Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		this.observations.observe("deleteAllById", type, () -> this.bulk
			.deleteAllById(this.converter.getRequiredEntity(type), ids, this.binding.current()));
	}

	@Override
	public <T> long increment(Class<T> type, String id, String property, long delta) {
		refuseInTransaction("increment", "it returns the new value, which is only known once the transaction commits;"
				+ " use template.transaction(tx -> tx.increment(..)), which joins it and returns nothing");
		return observe("increment", type, () -> this.atomicUpdates.increment(this.converter.getRequiredEntity(type),
				ResourceIds.check(type, id), property, delta));
	}

	@Override
	public <T> void addToSet(Class<T> type, String id, String property, String... values) {
		this.observations.observe("addToSet", type, () -> writes().addToSet(type, id, property, values));
	}

	@Override
	public <T> void removeFromSet(Class<T> type, String id, String property, String... values) {
		this.observations.observe("removeFromSet", type, () -> writes().removeFromSet(type, id, property, values));
	}

	@Override
	public <T> void appendToList(Class<T> type, String id, String property, Object... values) {
		this.observations.observe("appendToList", type, () -> writes().appendToList(type, id, property, values));
	}

	// ---- transactions ----------------------------------------------------------------------------------

	/**
	 * {@inheritDoc}
	 * <p>
	 * It runs as a Spring-managed transaction of propagation {@code REQUIRED} through the template's transaction
	 * manager (see {@link #setTransactionManager}): it joins the one bound to the template's database factory, if
	 * any; else it is bound while {@code work} runs, so that the writes of every template built on the factory, and
	 * nested transactions, join it too.
	 */
	@Override
	public void transaction(Consumer<SingleTableTransaction> work) {
		Assert.notNull(work, "Transaction work must not be null");
		this.transactions.executeWithoutResult((status) -> {
			PendingTransaction bound = this.binding.current();
			Assert.state(bound != null, () -> "No singletable transaction is bound for " + this.databaseFactory);
			work.accept(bound);
		});
	}

	@Override
	public SingleTableSnapshot readTransaction(Consumer<SingleTableReadTransaction> reads) {
		Assert.notNull(reads, "Reads must not be null");
		return observe("readTransaction", null, () -> this.transactionReads.read(reads, this.timestamps.now()));
	}

	/**
	 * Refuses an operation that cannot join the Spring-managed transaction bound to this template's database
	 * factory: it is never sent outside it.
	 */
	private void refuseInTransaction(String operation, String reason) {
		if (this.binding.isActive()) {
			throw new InvalidDataAccessApiUsageException(operation + " cannot join a transaction: " + reason
					+ ". Call it outside the transaction.");
		}
	}

	/**
	 * Where a write goes: the Spring-managed transaction bound to this template's database factory, else straight
	 * to the table.
	 */
	private SingleTableTransaction writes() {
		PendingTransaction bound = this.binding.current();
		return (bound != null) ? bound : this.immediate;
	}

	// ---- create, update, save -------------------------------------------------------------------------

	@Override
	public <T> T create(T entity) {
		return observe("create", typeOf(entity), () -> writes().create(entity));
	}

	@Override
	public <T> T update(T entity) {
		return observe("update", typeOf(entity), () -> writes().update(entity));
	}

	@Override
	public <T> T update(T entity, Changes changes) {
		return observe("update", typeOf(entity), () -> writes().update(entity, changes));
	}

	@Override
	public <T> T save(T entity) {
		return observe("save", typeOf(entity), () -> writes().save(entity));
	}

	@Override
	public <T> T restoreVersion(Class<T> type, String id, long version) {
		return observe("restoreVersion", type, () -> writes().restoreVersion(type, id, version));
	}

	// ---- delete ----------------------------------------------------------------------------------------

	/**
	 * {@inheritDoc}
	 * <p>
	 * Inside a Spring-managed transaction the delete joins it and this returns {@literal true}: the delete is
	 * scheduled, and whether there was anything to delete is known only at commit.
	 */
	@Override
	public <T> boolean deleteById(Class<T> type, String id) {
		return observe("deleteById", type, () -> deleteOneById(type, id));
	}

	private <T> boolean deleteOneById(Class<T> type, String id) {
		SingleTablePersistentEntity<T> metadata = this.converter.getRequiredEntity(type);
		String checked = ResourceIds.check(type, id);
		PendingTransaction transaction = this.binding.current();
		if (transaction != null) {
			transaction.deleteById(type, checked);
			return true;
		}
		return this.deletes.deleteById(metadata, checked);
	}

	@Override
	public <T> void delete(T entity) {
		this.observations.observe("delete", typeOf(entity), () -> deleteEntity(entity, false));
	}

	@Override
	public <T> void deleteExisting(T entity) {
		this.observations.observe("delete", typeOf(entity), () -> deleteEntity(entity, true));
	}

	private <T> void deleteEntity(T entity, boolean existing) {
		PendingTransaction transaction = this.binding.current();
		if (transaction != null) {
			transaction.delete(entity, existing);
		}
		else {
			this.deletes.delete(entity, existing);
			this.callbacks.afterDelete(entity);
		}
	}

	// ---- read ------------------------------------------------------------------------------------------

	@Override
	public <T> Optional<T> findById(Class<T> type, String id) {
		return observe("findById", type,
				() -> this.reads.findLatest(this.converter.getRequiredEntity(type), ResourceIds.check(type, id)));
	}

	@Override
	public <T> T getById(Class<T> type, String id) {
		return findById(type, id).orElseThrow(() -> new NoSuchResourceException(type, id, null));
	}

	@Override
	public <T> Optional<T> findVersion(Class<T> type, String id, long version) {
		return observe("findVersion", type, () -> this.reads.findVersion(this.entityWrites.requireVersioned(type),
				ResourceIds.check(type, id), version));
	}

	@Override
	public <T> List<T> findAllVersions(Class<T> type, String id) {
		return observe("findAllVersions", type, () -> this.reads
			.findAllVersions(this.entityWrites.requireVersioned(type), ResourceIds.check(type, id)));
	}

	@Override
	public <T> List<VersionSummary> findVersionSummaries(Class<T> type, String id) {
		return observe("findVersionSummaries", type, () -> this.reads
			.findVersionSummaries(this.entityWrites.requireVersioned(type), ResourceIds.check(type, id)));
	}

	@Override
	public <T> Optional<T> findSingleton(Class<T> type) {
		SingleTablePersistentEntity<T> metadata = this.converter.getRequiredEntity(type);
		if (!metadata.isSingleton()) {
			throw new SingletonUsageException(type, "it is not a singleton; read it with findById, or declare it "
					+ "@SingleTableEntity(singleton = true)");
		}
		return observe("findSingleton", type, () -> this.reads.findLatest(metadata, metadata.getPrefix())
			.map((found) -> Stamps.withSingletonId(metadata, found)));
	}

	@Override
	public <T> boolean deleteVersion(Class<T> type, String id, long version) {
		refuseInTransaction("deleteVersion", "it deletes one history item outside the write model of versions");
		return observe("deleteVersion", type, () -> this.deletes.deleteVersion(this.entityWrites.requireVersioned(type),
				ResourceIds.check(type, id), version));
	}

	// ---- observations ----------------------------------------------------------------------------------

	/**
	 * Runs a public operation as one observation (nothing more than two null checks while neither observations nor
	 * metrics are set).
	 */
	private <R> R observe(String operation, @Nullable Class<?> type, java.util.function.Supplier<R> action) {
		return this.observations.observe(operation, type, action);
	}

	private static @Nullable Class<?> typeOf(@Nullable Object entity) {
		return (entity != null) ? entity.getClass() : null;
	}

}
