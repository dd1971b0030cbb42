package dev.singletable.core.reactive;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.data.mapping.callback.ReactiveEntityCallbacks;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.execution.ReactiveObservations;
import dev.singletable.core.internal.query.CursorSecrets;
import dev.singletable.core.internal.query.run.ReactiveQueryExecutor;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import dev.singletable.core.internal.operation.OperationSettings;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.operation.TemplateAssembly;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservation;
import dev.singletable.core.observation.SingleTableObservationConvention;
import dev.singletable.core.schema.IndexDriftAction;
import dev.singletable.core.schema.IndexDriftGuard;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The configuration and life cycle of a {@link ReactiveSingleTableTemplate}, as {@code SingleTableAccessor} is the
 * blocking template's: cursor secret, drift guard, clock, consistent reads, per-type counts, auditors, entity
 * callbacks, observations and metrics, blob storage, the transaction manager, the check of the registered types once
 * configured. Not used on its own.
 */
public abstract class ReactiveSingleTableAccessor implements ApplicationContextAware, InitializingBean {

	final String tableName;

	/**
	 * The components of the layers the template is a facade over: replaced as a whole when the blob storage is set
	 * ({@code setBlobStorage}), the only setting they are built with.
	 */
	volatile ReactiveComponents parts;

	final CursorSecrets cursorSecrets;

	/** Runs the template's queries, each started on the entities of its types ({@link #query}). */
	final ReactiveQueryExecutor queryExecutor;

	final ReactiveSingleTableDatabaseFactory databaseFactory;

	final ReactiveTransactionRunner transactions;

	/** Made at first use: its reads need the converter's storage mapper, which may be built on first use too. */
	final SingletonSupplier<ReactiveAuditLogQueries> auditLog;

	/** Set when the audit log queries are built (at their first use: they hold the storage's JSON mapper). */
	private volatile boolean auditLogBuilt;

	/**
	 * Creates the accessor of a template on a database factory.
	 * @param databaseFactory the table's async client and name; must not be {@literal null}
	 * @param converter the converter; must not be {@literal null}
	 */
	ReactiveSingleTableAccessor(ReactiveSingleTableDatabaseFactory databaseFactory, SingleTableConverter converter) {
		this(databaseFactory, TablePlans.of(tableNameOf(databaseFactory), converter));
	}

	/**
	 * Creates the accessor of a template on a database factory and the plans of its table (shared with the templates
	 * built on them).
	 */
	ReactiveSingleTableAccessor(ReactiveSingleTableDatabaseFactory databaseFactory, TablePlans plans) {
		String tableName = tableNameOf(databaseFactory);
		// reads go through the converter that runs the after-convert callbacks, as the blocking template's do
		this.parts = ReactiveComponents.of(databaseFactory,
				new ReactiveDynamoDbExecutor(databaseFactory.getClient(), tableName), plans);
		TemplateAssembly assembly = this.parts.assembly();
		this.tableName = tableName;
		this.databaseFactory = databaseFactory;
		this.transactions = new ReactiveTransactionRunner(() -> this.parts, databaseFactory);
		// the reads' plans run on a driver of the template's executor (they need no blob storage)
		ReactiveDriver reader = new ReactiveDriver(this.parts.executor());
		this.cursorSecrets = assembly.cursorSecrets();
		this.queryExecutor = new ReactiveQueryExecutor(reader, assembly.queryPlans(), assembly.drift());
		this.auditLog = SingletonSupplier.of(() -> {
			this.auditLogBuilt = true;
			ReactiveAuditLogQueries queries = new ReactiveAuditLogQueries(reader, plans.converter().getJsonMapper(),
					this.cursorSecrets);
			queries.setShards(plans.audit().getShards());
			return queries;
		});
	}

	/**
	 * Starts a query over some types, as the blocking template's components do: one type's own, or several sharing
	 * an index ({@code any}).
	 */
	<T> ReactiveSingleTableQuery<T> query(List<Class<?>> types, boolean any) {
		return new DefaultReactiveSingleTableQuery<>(this.queryExecutor, this.parts.assembly().entities(types), any);
	}

	private static String tableNameOf(ReactiveSingleTableDatabaseFactory databaseFactory) {
		Assert.notNull(databaseFactory, "ReactiveSingleTableDatabaseFactory must not be null");
		return databaseFactory.getTableName();
	}

	/**
	 * Makes the template's components anew with a blob storage, settings, callbacks and reactive auditor.
	 */
	void reconfigure(@Nullable ReactiveBlobStorage storage, OperationSettings settings,
			@Nullable ReactiveEntityCallbacks callbacks, @Nullable ReactiveAuditorAware<?> auditor) {
		this.parts = this.parts.with(storage, settings, callbacks, auditor);
	}

	private void reconfigure(OperationSettings settings) {
		ReactiveComponents current = this.parts;
		if (settings == current.plans().settings()) {
			return;
		}
		reconfigure(current.blobStorage(), settings, current.caller().callbacks(), current.caller().auditor());
	}

	/**
	 * Sets the secret query cursors (and the audit log's) are encrypted and authenticated with, instead of the
	 * table's generated secret, as {@code SingleTableAccessor.setCursorSecret} does. Without one, the secret is
	 * read from the table (created there by the first instance that needs it) on the async client, never blocking
	 * a thread, so a blocking and a reactive template of a table, on any instance, accept each other's cursors.
	 * With one, give both templates of a table the same secret.
	 * @param secret the secret; must not be {@literal null} nor empty
	 */
	public void setCursorSecret(byte[] secret) {
		this.cursorSecrets.configure(secret);
	}

	/**
	 * Sets the previous secrets of a rotation, as {@code SingleTableAccessor.setPreviousCursorSecrets} does:
	 * cursors sealed with one of them are accepted while younger than the grace period.
	 * @param secrets the previous secrets, none empty; an empty list for none
	 * @param grace how long after it was issued a cursor of a previous secret is accepted
	 */
	public void setPreviousCursorSecrets(List<byte[]> secrets, Duration grace) {
		this.cursorSecrets.configurePrevious(secrets, grace);
	}

	/**
	 * Sets who makes the changes recorded in the audit log of {@link dev.singletable.core.mapping.Audited @Audited}
	 * types when no {@link ReactiveAuditorAware} is set, as {@code SingleTableAccessor.setAuditorAware} does: each
	 * row's {@code changed_by} is the current auditor as a string. It is asked when the write is subscribed, on the
	 * thread that subscribes.
	 * @param auditorAware the current auditor, or {@literal null} for none
	 */
	public void setAuditorAware(@Nullable AuditorAware<?> auditorAware) {
		this.parts.tablePlans().audit().setAuditorAware(auditorAware);
	}

	/**
	 * Sets who makes the changes recorded in the audit log, without blocking: Spring Data's
	 * {@link ReactiveAuditorAware}, asked when the write is subscribed (so it sees the subscriber's Reactor context,
	 * such as Spring Security's reactive context). It wins over an {@link AuditorAware} set with
	 * {@link #setAuditorAware}; a changer named by the audit scope (see the class description) wins over both.
	 * @param auditorAware the current auditor, or {@literal null} for none
	 */
	public void setReactiveAuditorAware(@Nullable ReactiveAuditorAware<?> auditorAware) {
		ReactiveComponents current = this.parts;
		reconfigure(current.blobStorage(), current.plans().settings(), current.caller().callbacks(), auditorAware);
	}

	/**
	 * Sets what metadata every audit row carries in its {@code audit_metadata}, under the audit scope's details, as
	 * {@code SingleTableAccessor.setAuditMetadataProvider} does; every row also gets the id of its
	 * {@code TransactWriteItems}.
	 * @param provider the provider, or {@literal null} for none
	 */
	public void setAuditMetadataProvider(@Nullable AuditMetadataProvider provider) {
		this.parts.tablePlans().audit().setMetadataProvider(provider);
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
		this.parts.tablePlans().audit().setShards(spread);
		// built queries take the new shards; queries built later read them from the plans
		if (this.auditLogBuilt) {
			this.auditLog.obtain().setShards(spread);
		}
	}

	/**
	 * Returns the queries over the table's audit log, sent on this template's client and sealed with its cursor
	 * secret (a cursor resumes in the blocking {@code SingleTableAccessor.auditLog()} with the same secret).
	 * @return the audit log queries
	 */
	public ReactiveAuditLogQueries auditLog() {
		return this.auditLog.obtain();
	}

	/**
	 * Sets what the template's queries consult before reading an index (see
	 * {@code SingleTableAccessor.setIndexDriftGuard}): a query of a drifted index fails with
	 * {@link dev.singletable.core.schema.IndexDriftException IndexDriftException} before any request, or runs with
	 * a warning; a write of a type whose definitions another instance recorded newer signals
	 * {@link dev.singletable.core.schema.StaleDefinitionsException StaleDefinitionsException} before any request.
	 * Spring Boot sets the application's {@code SingleTableDefinitions}. None by default.
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
	 * Sets what a query of a drifted index does: refuse (the default) or warn.
	 * @param action the action; must not be {@literal null}
	 */
	public void setIndexDriftAction(IndexDriftAction action) {
		this.parts.assembly().drift().setAction(action);
	}

	/**
	 * Sets the entity callbacks the template invokes: the reactive ones of {@code dev.singletable.core.mapping.event}
	 * ({@code ReactiveBeforeConvertCallback} and {@code ReactiveBeforeSaveCallback} when a write is made or joins a
	 * transaction, {@code ReactiveAfterSaveCallback} once it is stored — after the commit inside a transaction —,
	 * {@code ReactiveAfterDeleteCallback} after the delete of an entity), with the blocking callbacks' rules. The
	 * after-convert callbacks, run on every read, are set with {@link #setAfterConvertCallbacks}.
	 * @param entityCallbacks the callbacks, {@literal null} for none
	 */
	public void setEntityCallbacks(@Nullable ReactiveEntityCallbacks entityCallbacks) {
		ReactiveComponents current = this.parts;
		reconfigure(current.blobStorage(), current.plans().settings(), entityCallbacks, current.caller().auditor());
	}

	/**
	 * Sets the callbacks run on every read, as the blocking template runs them: the
	 * {@link dev.singletable.core.mapping.event.AfterConvertCallback AfterConvertCallback}s, called after an item was
	 * read into an entity (by id, versions, batches, queries, read transactions), what they return being what the
	 * read emits. They are the blocking template's callbacks, synchronous: a read converts its items inside its plan,
	 * without waiting for a publisher, so they must not block.
	 * @param entityCallbacks the callbacks, {@literal null} for none
	 */
	public void setAfterConvertCallbacks(@Nullable EntityCallbacks entityCallbacks) {
		this.parts.assembly().callbacks().set(entityCallbacks);
	}

	/**
	 * Takes the entity callbacks from the application context's {@code EntityCallback} beans, unless set with
	 * {@link #setEntityCallbacks(ReactiveEntityCallbacks)} and {@link #setAfterConvertCallbacks(EntityCallbacks)}.
	 * @param applicationContext the context
	 */
	@Override
	public void setApplicationContext(ApplicationContext applicationContext) throws BeansException {
		if (this.parts.caller().callbacks() == null) {
			setEntityCallbacks(ReactiveEntityCallbacks.create(applicationContext));
		}
		if (!this.parts.assembly().callbacks().isSet()) {
			setAfterConvertCallbacks(EntityCallbacks.create(applicationContext));
		}
	}

	/**
	 * Checks, once configured, every registered type, as {@code SingleTableAccessor.afterPropertiesSet} does: that
	 * the {@code include} and {@code exclude} of its {@code @Audited} name its properties, and that a type with
	 * {@code @BlobField} properties has a blob storage to go to ({@link #setBlobStorage}); else fails naming the
	 * type, what is wrong and what to change. (A type registered later is checked by its first write, before any
	 * request.)
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
	 * Sets the storage of {@code @BlobField} values: writes store them there, {@code loadBlob} and {@code loadBlobs}
	 * read them; give it the bucket and key prefix of the blocking template's {@code BlobStorage}. Without one, the
	 * writes and loads of types with blob properties fail with a
	 * {@link dev.singletable.core.blob.MissingBlobStorageException MissingBlobStorageException}, and so does the
	 * check once configured ({@link #afterPropertiesSet}). Spring Boot sets it when it configures blob storage. Set
	 * it while configuring the template: an operation under way keeps the storage it started with.
	 * @param blobStorage the storage, or {@literal null} for none
	 */
	public void setBlobStorage(@Nullable ReactiveBlobStorage blobStorage) {
		ReactiveComponents current = this.parts;
		reconfigure(blobStorage, current.plans().settings(), current.caller().callbacks(),
				current.caller().auditor());
	}

	/**
	 * Returns the storage blob values are loaded from.
	 * @return the storage, or {@literal null} when none is set
	 */
	public @Nullable ReactiveBlobStorage getBlobStorage() {
		return this.parts.blobStorage();
	}

	/**
	 * Sets the clock of the timestamps the template writes (tests fix it). The default is the system clock (UTC).
	 * The clock belongs to the template's plans: a template built on a {@code SingleTableTemplate} shares that
	 * template's plans and so its clock (setting it on either sets both); a template built on its own never shares
	 * its clock.
	 */
	public void setClock(Clock clock) {
		this.parts.tablePlans().timestamps().setClock(clock);
	}

	/**
	 * Sets whether reads by id are strongly consistent; they are eventually consistent by default.
	 */
	public void setConsistentReads(boolean consistentReads) {
		reconfigure(this.parts.plans().settings().withConsistentReads(consistentReads));
	}

	/**
	 * Sets whether updates may drop the Python layout attributes a type does not map, as
	 * {@code SingleTableAccessor.setAllowDroppingBlobsAndMetadata} does for the blocking template.
	 */
	public void setAllowDroppingBlobsAndMetadata(boolean allowed) {
		reconfigure(this.parts.plans().settings().withAllowDrop(allowed));
	}

	/**
	 * Sets the registry that observes each operation as a {@value SingleTableObservation#NAME} observation, as
	 * {@code SingleTableAccessor.setObservationRegistry} does for the blocking template: the same name, tags and
	 * convention, one observation per operation started when its {@code Mono}/{@code Flux} is subscribed and
	 * stopped when it completes, fails (the error recorded) or is cancelled. Its parent is the observation of the
	 * Reactor context ({@code ObservationThreadLocalAccessor.KEY}), else the one current when subscribed. None by
	 * default.
	 * @param registry the registry; {@literal null} or {@link ObservationRegistry#NOOP} for none
	 */
	public void setObservationRegistry(@Nullable ObservationRegistry registry) {
		observations().setRegistry(registry);
	}

	/**
	 * Sets the convention that names and tags the observations, instead of the
	 * {@link dev.singletable.core.observation.DefaultSingleTableObservationConvention default one}.
	 * @param convention the convention; {@literal null} for the default
	 */
	public void setObservationConvention(@Nullable SingleTableObservationConvention convention) {
		observations().setConvention(convention);
	}

	/**
	 * Sets where consumed capacity, conflicts, retries and unprocessed batch items are reported, per entity type and
	 * operation, as {@code SingleTableAccessor.setMetrics} does: the operation a request is sent for travels in the
	 * Reactor context, so the reports carry the blocking template's tags. With metrics, every request asks DynamoDB
	 * for its consumed capacity; without (the default), none does.
	 * @param metrics the metrics; {@literal null} for none
	 */
	public void setMetrics(@Nullable SingleTableMetrics metrics) {
		this.parts.executor().setMetrics(metrics);
	}

	/**
	 * Sets whether the template keeps per-type counts in {@code simplesingletable}'s {@code MemoryStats} row, as
	 * {@code SingleTableAccessor.setTrackCounts} does for the blocking template, with the same item in the same
	 * {@code TransactWriteItems}: templates of both APIs on one table keep one count. {@code putAll} is refused while
	 * counts are kept. Off by default.
	 * @param trackCounts whether to keep the counts
	 */
	public void setTrackCounts(boolean trackCounts) {
		reconfigure(this.parts.plans().settings().withTrackCounts(trackCounts));
	}

	/**
	 * Returns the database factory the template is built on: the key its writes find a reactive transaction under.
	 * @return the database factory
	 */
	public ReactiveSingleTableDatabaseFactory getDatabaseFactory() {
		return this.databaseFactory;
	}

	/**
	 * Returns the name of the table.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Returns the converter between entities and items.
	 * @return the converter
	 */
	public SingleTableConverter getConverter() {
		return this.parts.tablePlans().converter();
	}

	/**
	 * Returns the client this template uses, as {@code SingleTableAccessor.getClient} does.
	 * @return the async DynamoDB client
	 */
	public DynamoDbAsyncClient getClient() {
		return this.databaseFactory.getClient();
	}

	/**
	 * Sets the transaction manager {@code transaction(..)} runs through, as
	 * {@code SingleTableAccessor.setTransactionManager} does for the blocking template; Spring Boot sets the
	 * application's manager of the template's factory. Without one, the template uses a manager of its own.
	 * @param transactionManager the manager; {@literal null} for one of the template's own
	 * @throws IllegalArgumentException when the manager manages another database factory
	 */
	public void setTransactionManager(@Nullable ReactiveSingleTableTransactionManager transactionManager) {
		this.transactions.setTransactionManager(transactionManager);
	}
	ReactiveObservations observations() {
		return this.parts.executor().observations();
	}

}
