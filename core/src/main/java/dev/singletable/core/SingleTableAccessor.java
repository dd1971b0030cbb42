package dev.singletable.core;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.Assert;

import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.core.internal.blob.BlobLocks;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.operation.OperationSettings;
import dev.singletable.core.internal.template.TemplateComponents;
import dev.singletable.core.internal.template.TemplateExecutors;
import dev.singletable.core.internal.transaction.TransactionRules;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservation;
import dev.singletable.core.observation.SingleTableObservationConvention;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.IndexDriftGuard;
import io.micrometer.observation.ObservationRegistry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Base class of {@link SingleTableTemplate} holding what configures it, as Spring's {@code JdbcAccessor} does for
 * {@code JdbcTemplate}: the database factory and converter it is built on, the transaction manager, observation and
 * metrics, cursor secret, auditing, per-type counts, concurrency, blob storage, entity callbacks, clock, read
 * consistency and index drift, and the template's life cycle. Not meant to be extended by applications.
 */
public abstract class SingleTableAccessor
		implements ApplicationContextAware, InitializingBean, DisposableBean, TemplateWrapper {

	/**
	 * The components of the layers the template is a facade over: replaced as a whole when the blob storage is set
	 * ({@link #setBlobStorage}), the only setting they are built with.
	 */
	volatile TemplateComponents parts;

	/**
	 * Made at first use ({@link #auditLog()}): its reads need the converter's storage mapper, which may be built on
	 * first use too. {@literal null} until then.
	 */
	private volatile @Nullable AuditLogQueries auditLog;

	/** The manager {@code transaction(..)} runs through, {@literal null} for one of the template's own. */
	private volatile @Nullable SingleTableTransactionManager transactionManager;

	/**
	 * Runs {@code transaction(..)}: made at the first, through {@link #transactionManager} or a manager of the
	 * template's own (not with the template: a start makes none, nor loads what a manager's code names).
	 */
	private volatile @Nullable TransactionTemplate transactions;

	/** Guards what is made at first use and the settings that replace it; not the template's own monitor. */
	private final Object lock = new Object();

	SingleTableAccessor(SingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
		this.parts = TemplateComponents.of(databaseFactory, converter);
	}

	/** What runs {@code transaction(..)}: see {@link #setTransactionManager}. */
	TransactionTemplate transactions() {
		TransactionTemplate transactions = this.transactions;
		return (transactions != null) ? transactions : madeTransactions();
	}

	private TransactionTemplate madeTransactions() {
		synchronized (this.lock) {
			TransactionTemplate transactions = this.transactions;
			if (transactions == null) {
				SingleTableTransactionManager manager = this.transactionManager;
				transactions = new TransactionTemplate(
						(manager != null) ? manager : new SingleTableTransactionManager(getDatabaseFactory()));
				this.transactions = transactions;
			}
			return transactions;
		}
	}

	/**
	 * Sets the transaction manager {@code transaction(..)} runs through, so that what customizes it (Spring
	 * Boot's {@code spring.transaction.*}, {@code TransactionExecutionListener}s) applies there too; Spring Boot sets
	 * the application's manager of the template's factory. Without one, the template uses a manager of its own.
	 * @param transactionManager the manager; {@literal null} for one of the template's own
	 * @throws IllegalArgumentException when the manager manages another database factory: it would not collect the
	 * template's writes
	 */
	public void setTransactionManager(@Nullable SingleTableTransactionManager transactionManager) {
		SingleTableDatabaseFactory factory = getDatabaseFactory();
		if (transactionManager != null) {
			TransactionRules.checkManagerOf(transactionManager, transactionManager.getResourceFactory(), factory);
		}
		synchronized (this.lock) {
			this.transactionManager = transactionManager;
			this.transactions = null;
		}
	}

	/**
	 * Sets the registry that observes each operation as a {@value SingleTableObservation#NAME} observation (a timer,
	 * with Micrometer's meter handler), tagged with the entity type, the operation and the index. None by default.
	 * @param registry the registry; {@literal null} or {@link ObservationRegistry#NOOP} for none
	 */
	public void setObservationRegistry(@Nullable ObservationRegistry registry) {
		this.parts.base().executor().observations().setRegistry(registry);
	}

	/**
	 * Sets the convention that names and tags the observations, instead of the
	 * {@link dev.singletable.core.observation.DefaultSingleTableObservationConvention default one}.
	 * @param convention the convention; {@literal null} for the default
	 */
	public void setObservationConvention(@Nullable SingleTableObservationConvention convention) {
		this.parts.base().executor().observations().setConvention(convention);
	}

	/**
	 * Sets where consumed capacity, conflicts, retries and unprocessed batch items are reported, per entity type and
	 * operation (see {@link dev.singletable.core.observation.MicrometerSingleTableMetrics}). With metrics, every
	 * request asks DynamoDB for its consumed capacity ({@code ReturnConsumedCapacity TOTAL}); without (the default),
	 * none does.
	 * @param metrics the metrics; {@literal null} for none
	 */
	public void setMetrics(@Nullable SingleTableMetrics metrics) {
		this.parts.base().executor().setMetrics(metrics);
	}

	/**
	 * Sets the secret that query cursors (and the audit log's) are encrypted and authenticated with, instead of the
	 * table's generated secret. Without one, the first cursor needed creates a random secret in an internal item
	 * of the table ({@code _INTERNAL#CursorSecret}, with a conditional write: the first instance wins, every other
	 * one reads it), so that every instance sharing the table accepts the others' cursors without configuration.
	 * Set one (the same on every instance) when who can read the table must not be able to forge cursors.
	 * @param secret the secret bytes; must not be empty
	 */
	public void setCursorSecret(byte[] secret) {
		this.parts.assembly().cursorSecrets().configure(secret);
	}

	/**
	 * Sets the previous secrets of a rotation: cursors sealed with one of them are still accepted while younger
	 * than the grace period (whether the current secret is configured or the table's generated one), then refused with {@link dev.singletable.core.query.InvalidCursorException InvalidCursorException}. New
	 * cursors are always sealed with the current secret.
	 * @param secrets the previous secrets, none empty; an empty list for none
	 * @param grace how long after it was issued a cursor of a previous secret is accepted
	 */
	public void setPreviousCursorSecrets(List<byte[]> secrets, Duration grace) {
		this.parts.assembly().cursorSecrets().configurePrevious(secrets, grace);
	}

	/**
	 * Sets who makes the changes recorded in the audit log of {@link dev.singletable.core.mapping.Audited @Audited}
	 * types: each row's {@code changed_by} is the current auditor as a string ({@literal null}, or an empty
	 * {@code Optional}, for none). Spring Data's {@code AuditorAware}, the one that fills {@code @CreatedBy}. The
	 * changer named by the {@link dev.singletable.core.audit.AuditScope AuditScope}'s details, if any, wins.
	 * @param auditorAware the current auditor, or {@literal null} for none
	 */
	public void setAuditorAware(@Nullable AuditorAware<?> auditorAware) {
		this.parts.assembly().table().audit().setAuditorAware(auditorAware);
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
		this.parts.assembly().table().audit().setMetadataProvider(provider);
	}

	/**
	 * Sets how many shards the audit log's shared index keys are spread over (default 1: the layout the Python
	 * library reads). Every audit row of the table has one {@code gsitype} key ({@code _INTERNAL#AuditLog}) and every
	 * row of a type one {@code gsi2pk}, so all the audited writes of the table share one partition key, which takes
	 * at most DynamoDB's 1,000 write units a second; with {@code n} shards each row gets its shard
	 * ({@code _INTERNAL#AuditLog#<k>}) and the audited writes take {@code n} keys. Reads of all rows and of a type's
	 * rows then query every shard and the unspread key (rows stored before the spread) once each and merge them in
	 * order; reads by resource, by changer and by id are unchanged. The Python library's reads of all rows and of a
	 * type's rows no longer see the spread rows. Lowering the number leaves the rows of the dropped shards unread by
	 * those two reads.
	 * @param shards the number of shards, 1 to 24
	 */
	public void setAuditShards(int shards) {
		KeyShards spread = KeyShards.of(shards, "The audit log's shards");
		// built queries take the new shards; queries built later read them from the plans
		synchronized (this.lock) {
			this.parts.assembly().table().audit().setShards(spread);
			AuditLogQueries queries = this.auditLog;
			if (queries != null) {
				queries.setShards(spread);
			}
		}
	}

	/**
	 * Returns the queries over the table's audit log (rows written by this template for
	 * {@link dev.singletable.core.mapping.Audited @Audited} types, and by {@code simplesingletable}): by resource,
	 * type, changer, time range, paged with cursors sealed like the template's.
	 * @return the audit log queries
	 */
	public AuditLogQueries auditLog() {
		AuditLogQueries queries = this.auditLog;
		return (queries != null) ? queries : madeAuditLog();
	}

	private AuditLogQueries madeAuditLog() {
		synchronized (this.lock) {
			AuditLogQueries queries = this.auditLog;
			if (queries == null) {
				queries = new AuditLogQueries(this.parts.base().reader(), getConverter().getJsonMapper(),
						this.parts.assembly().cursorSecrets());
				queries.setShards(this.parts.assembly().table().audit().getShards());
				this.auditLog = queries;
			}
			return queries;
		}
	}

	/**
	 * Sets whether the template keeps per-type counts in {@code simplesingletable}'s {@code MemoryStats} row
	 * (default {@literal false}; the Python library's {@code track_stats} is on by default): each create adds one to
	 * its type's count and each delete removes one, through one more item in the same {@code TransactWriteItems}
	 * (a single write becomes a transaction of two items; a transaction gets one item however many creates and
	 * deletes it holds). {@code putAll} is refused while counts are kept: it cannot tell creates from
	 * replacements.
	 * @param trackCounts whether to keep the counts
	 */
	public void setTrackCounts(boolean trackCounts) {
		reconfigure(this.parts.assembly().settings().withTrackCounts(trackCounts));
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
		reconfigure(this.parts.assembly().settings().withAllowDrop(allowed));
	}

	/**
	 * Sets how many requests one operation sends at once at most (default 8): the {@code BatchGetItem} requests of
	 * {@code findAllById} (100 ids each) and the {@code BatchWriteItem} requests of {@code putAll},
	 * {@code deleteAllById} and of deleting a versioned resource's history (25 items each) are sent side by side,
	 * each retrying its own unprocessed items. The requests are the same as when sent one after another, only
	 * sooner; {@code 0} or {@code 1} sends them one after another. Helper threads come from a small pool of daemon
	 * threads the template owns (at most this many, ended when idle and by {@link #destroy()}); when they are
	 * busy, the calling thread sends the requests itself.
	 * @param maxConcurrentRequests requests in flight per operation, {@code 0} or more
	 */
	public void setMaxConcurrentRequests(int maxConcurrentRequests) {
		this.parts.base().parallel().setMaxConcurrency(maxConcurrentRequests);
	}

	/**
	 * Sets whether query streams ({@code SingleTableQuery.stream()}, {@code Stream} repository methods) fetch
	 * their next page while the caller consumes the current one (default {@literal true}). At most one page is
	 * read ahead, and never past the query's {@code limit}; closing the stream cancels a fetch in flight, and a
	 * failed one is thrown when the caller reaches its page. A stream abandoned without being closed may have read
	 * one page it never returned.
	 * @param streamPrefetch whether streams read one page ahead
	 */
	public void setStreamPrefetch(boolean streamPrefetch) {
		this.parts.base().parallel().setPrefetch(streamPrefetch);
	}

	/**
	 * Sets where the values of {@link dev.singletable.core.mapping.BlobField @BlobField} properties are stored
	 * (Spring Boot sets it when {@code singletable.blobs.bucket} is set). Writes of such types upload their objects
	 * before the items are written and delete them again when the items are not; see {@code loadBlob} for reads.
	 * Set it while configuring the template: an operation or backfill run under way keeps the storage it started
	 * with.
	 * @param blobStorage the blob storage, or {@literal null} for none (types with blob properties then fail)
	 */
	public void setBlobStorage(@Nullable BlobStorage blobStorage) {
		this.parts = this.parts.with(blobStorage, this.parts.assembly().settings());
	}

	/**
	 * Returns where the values of {@link dev.singletable.core.mapping.BlobField @BlobField} properties are stored.
	 * @return the blob storage, or {@literal null} when none is set
	 */
	public @Nullable BlobStorage getBlobStorage() {
		return this.parts.blobStorage();
	}

	/**
	 * Sets what the template's queries consult before reading an index: whether its stored items still match the
	 * type's definitions (see {@link IndexDriftGuard}). A query of a drifted index is refused with
	 * {@link dev.singletable.core.schema.IndexDriftException IndexDriftException}, or runs with a warning, as
	 * {@link #setIndexDriftAction} says; queries by id are never checked. Every write that stores a resource's item
	 * consults it too ({@link IndexDriftGuard#checkWrite}), before anything is sent: a type whose definitions another
	 * instance recorded newer is refused with {@link dev.singletable.core.schema.StaleDefinitionsException}. Spring
	 * Boot sets the application's {@code SingleTableDefinitions} (unless {@code singletable.drift.enabled=false}).
	 * None by default.
	 * @param guard the guard; {@literal null} for none
	 */
	public void setIndexDriftGuard(@Nullable IndexDriftGuard guard) {
		this.parts.assembly().setIndexDriftGuard(guard);
	}

	/**
	 * Returns what the template's queries consult before reading an index.
	 * @return the guard, or {@literal null} when none is set
	 */
	public @Nullable IndexDriftGuard getIndexDriftGuard() {
		return this.parts.assembly().drift().getGuard();
	}

	/**
	 * Sets what a query of a drifted index does: {@link IndexDriftAction#REFUSE refuse} (the default) or
	 * {@link IndexDriftAction#WARN warn} once per drift and run.
	 * @param action the action; must not be {@literal null}
	 */
	public void setIndexDriftAction(IndexDriftAction action) {
		this.parts.assembly().drift().setAction(action);
	}

	/** The blob locks of this template's writes (tests shorten their lease and wait). */
	BlobLocks blobLocks() {
		return this.parts.assembly().plans().blobs().locks();
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
		this.parts.assembly().checkEntities();
	}

	/**
	 * Stops the template's helper threads (Spring calls it when the context closes). Requests in flight finish;
	 * the template stays usable and sends later requests from the calling thread, one after another.
	 */
	@Override
	public void destroy() {
		this.parts.base().parallel().shutdown();
	}

	/**
	 * Sets the entity callbacks the template invokes (see {@code dev.singletable.core.mapping.event}): before
	 * convert and before save when a write is made (or joins a transaction), after save once it is written (after
	 * the commit inside a transaction), after convert on every read, after delete of an entity.
	 * @param entityCallbacks the callbacks, {@literal null} for none
	 */
	public void setEntityCallbacks(@Nullable EntityCallbacks entityCallbacks) {
		this.parts.assembly().callbacks().set(entityCallbacks);
	}

	/**
	 * Takes the entity callbacks from the application context's {@code EntityCallback} beans, unless set with
	 * {@link #setEntityCallbacks(EntityCallbacks)}.
	 * @param applicationContext the context
	 */
	@Override
	public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
		if (!this.parts.assembly().callbacks().isSet()) {
			this.parts.assembly().callbacks().discover(applicationContext);
		}
	}

	/**
	 * Sets the clock that supplies timestamps (UTC system clock by default). The clock belongs to the template's
	 * plans: a {@code ReactiveSingleTableTemplate} built on this template (as Spring Boot builds the pair) shares
	 * them, so it gets the clock too and the timestamps of both keep increasing together; a template built on its
	 * own never shares its clock.
	 * @param clock the clock; must not be {@literal null}
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "Clock must not be null");
		this.parts.assembly().table().timestamps().setClock(clock);
	}

	/**
	 * Sets whether reads by id are strongly consistent (default {@literal false}: eventually consistent, half
	 * the read cost). Reads that guard a write are always strongly consistent.
	 * @param consistentReads whether to use strongly consistent reads
	 */
	public void setConsistentReads(boolean consistentReads) {
		reconfigure(this.parts.assembly().settings().withConsistentReads(consistentReads));
	}

	/**
	 * Returns the name of the table.
	 * @return the table name
	 */
	public String getTableName() {
		return getDatabaseFactory().getTableName();
	}

	/**
	 * Returns the database factory the template is built on: the key Spring-managed transactions of its writes are
	 * bound under, shared by every template built on it.
	 * @return the database factory
	 */
	public SingleTableDatabaseFactory getDatabaseFactory() {
		return this.parts.base().databaseFactory();
	}

	/**
	 * Returns the converter between entities and items.
	 * @return the converter
	 */
	public SingleTableConverter getConverter() {
		return this.parts.assembly().table().converter();
	}

	/**
	 * Returns the client this template uses.
	 * @return the DynamoDB client
	 */
	public DynamoDbClient getClient() {
		return getDatabaseFactory().getClient();
	}

	/**
	 * Returns what the template is made of to a module built on core ({@link TemplateWrapper}): the port its
	 * backfills, migrations, outbox and change streams send through ({@code TemplateExecutors.Port}: the template's
	 * driver as it is now, reporting to none of its metrics, and where a unit of internal items is written), or the
	 * plans of its table ({@code TablePlans}), which a reactive template built on it shares.
	 */
	@Override
	public <T> T unwrap(Class<T> type) {
		Assert.notNull(type, "Type must not be null");
		if (type == TemplateExecutors.Port.class) {
			return type.cast(new TemplateExecutors.Port(this.parts.driver().withoutMetrics(),
					(unit) -> this.parts.writes().write(unit)));
		}
		if (type == TablePlans.class) {
			return type.cast(this.parts.assembly().table());
		}
		throw new IllegalArgumentException(getClass().getSimpleName() + " holds no " + type.getName()
				+ ": it unwraps to " + TemplateExecutors.Port.class.getName() + " and " + TablePlans.class.getName());
	}

	/**
	 * Makes the template's components anew with other settings, on the same blob storage.
	 */
	private void reconfigure(OperationSettings settings) {
		TemplateComponents current = this.parts;
		if (settings == current.assembly().settings()) {
			return;
		}
		this.parts = current.with(current.blobStorage(), settings);
	}

}
