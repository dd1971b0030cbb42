package dev.singletable.core.reactive;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.ReactiveAuditorAware;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.audit.AuditMetadataProvider;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveObservations;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.internal.query.QueryDriftCheck;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import dev.singletable.core.mapping.SingleTableMappingContext;
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
 * The reactive counterpart of {@link SingleTableTemplate} on the SDK's {@link DynamoDbAsyncClient}: the same
 * operations by id, planned by the same code — the items a write stores, its conditions and what their failure means
 * are the blocking template's, byte for byte — and sent without blocking a thread. Nothing is sent before a
 * returned {@link Mono} or {@link Flux} is subscribed. Thread-safe once configured.
 *
 * <pre class="code">
 * ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(dynamoDbAsyncClient, "my-table");
 * Mono&lt;Task&gt; next = template.create(new Task(null, null, null, null, "Write docs"))
 *     .flatMap((task) -&gt; template.update(task.withTitle("Write better docs")));   // version 2, v1 kept
 * </pre>
 * <p>
 * A history longer than a type's {@code maxVersions} window (the limit lowered, or Python writes) is trimmed after
 * the write's commit without blocking, and the write's {@code Mono} completes once it is done; a failed trim is
 * logged, never failing the write, and the next write trims again — as with the blocking template.
 * <p>
 * Its writes join the reactive Spring-managed transaction bound to its {@link ReactiveSingleTableDatabaseFactory} in
 * the subscriber's Reactor context ({@link ReactiveSingleTableTransactionManager}: {@code @Transactional} methods
 * returning {@code Mono}/{@code Flux}, a {@code TransactionalOperator}, {@link #transaction}): they are collected and
 * sent as one {@code TransactWriteItems} when it commits, with the blocking transaction's limits and exceptions.
 * <p>
 * Observed as the blocking template is ({@link #setObservationRegistry}, {@link #setMetrics}): one
 * {@code singletable.operation} observation per operation, from subscription to completion, error or cancel, with
 * the same names and tags; the operation travels in the Reactor context, so its requests' reports carry its tags.
 * <p>
 * The writes of {@link dev.singletable.core.mapping.Audited @Audited} types carry the same audit rows as the
 * blocking template's, in the same request as the change. A row's details come from the
 * {@link dev.singletable.core.audit.AuditScope AuditScope} bound on the thread that calls the operation, under the
 * {@link dev.singletable.core.audit.AuditDetails AuditDetails} the subscriber's Reactor context holds under the key
 * {@code AuditDetails.class} ({@code contextWrite(Context.of(AuditDetails.class, details))}), which win as an inner
 * scope does; else the changer from {@link #setReactiveAuditorAware} or {@link #setAuditorAware}.
 * <p>
 * Types with blob properties ({@code @BlobField}) store them in S3 through a {@link ReactiveBlobStorage}
 * ({@link #setBlobStorage}), exactly as the blocking template does: the same keys and objects, uploaded before the
 * items under the same blob locks (so reactive and blocking writers of a resource exclude each other), deleted or
 * put back when the items fail, cleaned up after the commit; {@link #loadBlob}/{@link #loadBlobs} load them.
 * <p>
 * Per-type counts ({@link #setTrackCounts}) are kept as the blocking template keeps them. The reactive template runs
 * no entity callbacks.
 */
public class ReactiveSingleTableTemplate implements ReactiveSingleTableOperations {

	private final String tableName;

	private final ReactiveComponents parts;

	private final QueryDriftCheck drift = new QueryDriftCheck();

	private volatile ReactiveQueries queries;

	private final ReactiveSingleTableDatabaseFactory databaseFactory;

	private final ReactiveTransactionRunner transactions;

	private final ReactiveAuditLogQueries auditLog;

	/**
	 * Creates a template with a default mapping context and the storage JSON defaults.
	 * @param client the async DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 */
	public ReactiveSingleTableTemplate(DynamoDbAsyncClient client, String tableName) {
		this(client, tableName, new MappingSingleTableConverter(new SingleTableMappingContext()));
	}

	/**
	 * Creates a template with the given converter (share the blocking template's to map types once).
	 * @param client the async DynamoDB client; must not be {@literal null}
	 * @param tableName the table name; must not be empty
	 * @param converter the converter; must not be {@literal null}
	 */
	public ReactiveSingleTableTemplate(DynamoDbAsyncClient client, String tableName, SingleTableConverter converter) {
		this(ReactiveSingleTableDatabaseFactory.create(client, tableName), converter);
	}

	/**
	 * Creates a template on a database factory with the given converter. Inside a reactive Spring-managed
	 * transaction bound to the factory (see {@link ReactiveSingleTableTransactionManager}) its writes join it.
	 * @param databaseFactory the table's async client and name; must not be {@literal null}
	 * @param converter the converter; must not be {@literal null}
	 */
	public ReactiveSingleTableTemplate(ReactiveSingleTableDatabaseFactory databaseFactory,
			SingleTableConverter converter) {
		Assert.notNull(databaseFactory, "ReactiveSingleTableDatabaseFactory must not be null");
		String tableName = databaseFactory.getTableName();
		this.parts = new ReactiveComponents(databaseFactory, databaseFactory.getClient(), tableName, converter);
		this.tableName = tableName;
		this.databaseFactory = databaseFactory;
		this.transactions = new ReactiveTransactionRunner(this.parts, databaseFactory);
		this.queries = queries(new CursorCodec(CursorCodec.defaultSecret(tableName)));
		this.auditLog = new ReactiveAuditLogQueries(this.parts.executor(), converter.getJsonMapper());
	}

	private ReactiveQueries queries(CursorCodec cursors) {
		return new ReactiveQueries(this.parts.executor(), this.parts.converter(), cursors, this.parts.timestamps(),
				this.drift);
	}

	/**
	 * Signs query cursors with a secret, as {@code SingleTableAccessor.setCursorSecret} does: give both templates of
	 * a table the same secret and a cursor from one resumes in the other.
	 * @param secret the secret; must not be {@literal null}
	 */
	public void setCursorSecret(byte[] secret) {
		Assert.notNull(secret, "Secret must not be null");
		this.queries = queries(new CursorCodec(secret));
		this.auditLog.setCursorSecret(secret);
	}

	/**
	 * Sets who makes the changes recorded in the audit log of {@link dev.singletable.core.mapping.Audited @Audited}
	 * types when no {@link ReactiveAuditorAware} is set, as {@code SingleTableAccessor.setAuditorAware} does: each
	 * row's {@code changed_by} is the current auditor as a string. It is asked when the write is subscribed, on the
	 * thread that subscribes.
	 * @param auditorAware the current auditor, or {@literal null} for none
	 */
	public void setAuditorAware(@Nullable AuditorAware<?> auditorAware) {
		this.parts.setAuditorAware(auditorAware);
	}

	/**
	 * Sets who makes the changes recorded in the audit log, without blocking: Spring Data's
	 * {@link ReactiveAuditorAware}, asked when the write is subscribed (so it sees the subscriber's Reactor context,
	 * such as Spring Security's reactive context). It wins over an {@link AuditorAware} set with
	 * {@link #setAuditorAware}; a changer named by the audit scope (see the class description) wins over both.
	 * @param auditorAware the current auditor, or {@literal null} for none
	 */
	public void setReactiveAuditorAware(@Nullable ReactiveAuditorAware<?> auditorAware) {
		this.parts.setReactiveAuditorAware(auditorAware);
	}

	/**
	 * Sets what metadata every audit row carries in its {@code audit_metadata}, under the audit scope's details, as
	 * {@code SingleTableAccessor.setAuditMetadataProvider} does; every row also gets the id of its
	 * {@code TransactWriteItems}.
	 * @param provider the provider, or {@literal null} for none
	 */
	public void setAuditMetadataProvider(@Nullable AuditMetadataProvider provider) {
		this.parts.setAuditMetadataProvider(provider);
	}

	/**
	 * Returns the queries over the table's audit log, sent on this template's client and signed with its cursor
	 * secret (a cursor resumes in the blocking {@code SingleTableAccessor.auditLog()} with the same secret).
	 * @return the audit log queries
	 */
	public ReactiveAuditLogQueries auditLog() {
		return this.auditLog;
	}

	/**
	 * Sets what the template's queries consult before reading an index (see
	 * {@code SingleTableAccessor.setIndexDriftGuard}): a query of a drifted index fails with
	 * {@link dev.singletable.core.schema.IndexDriftException IndexDriftException} before any request, or runs with
	 * a warning. Spring Boot sets the application's {@code SingleTableDefinitions}. None by default.
	 * @param guard the guard; {@literal null} for none
	 */
	public void setIndexDriftGuard(@Nullable IndexDriftGuard guard) {
		this.drift.setGuard(guard);
	}

	/**
	 * Returns what the template's queries consult before reading an index.
	 * @return the guard, or {@literal null} when none is set
	 */
	public @Nullable IndexDriftGuard getIndexDriftGuard() {
		return this.drift.getGuard();
	}

	/**
	 * Sets what a query of a drifted index does: refuse (the default) or warn.
	 * @param action the action; must not be {@literal null}
	 */
	public void setIndexDriftAction(IndexDriftAction action) {
		this.drift.setAction(action);
	}

	/**
	 * Sets the clock of the timestamps the template writes (tests fix it). The default is the system clock (UTC).
	 */
	public void setClock(Clock clock) {
		this.parts.setClock(clock);
	}

	/**
	 * Sets whether reads by id are strongly consistent; they are eventually consistent by default.
	 */
	public void setConsistentReads(boolean consistentReads) {
		this.parts.setConsistentReads(consistentReads);
	}

	/**
	 * Sets whether updates may drop the Python layout attributes a type does not map, as
	 * {@code SingleTableAccessor.setAllowDroppingBlobsAndMetadata} does for the blocking template.
	 */
	public void setAllowDroppingBlobsAndMetadata(boolean allowed) {
		this.parts.setAllowDroppingBlobsAndMetadata(allowed);
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
		this.parts.setTrackCounts(trackCounts);
	}

	/**
	 * Returns the database factory the template is built on: the key its writes find a reactive transaction under.
	 * @return the database factory
	 */
	public ReactiveSingleTableDatabaseFactory getDatabaseFactory() {
		return this.databaseFactory;
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

	/**
	 * {@inheritDoc}
	 * <p>
	 * It runs as a reactive Spring-managed transaction of propagation {@code REQUIRED} through the template's
	 * transaction manager (see {@link #setTransactionManager}): it joins the one bound to the template's database
	 * factory in the subscriber's context, if any; else one is bound while {@code work} runs, so that the writes of
	 * every reactive template built on the factory join it too.
	 */
	@Override
	public Mono<Void> transaction(Function<ReactiveSingleTableTransaction, ? extends Publisher<?>> work) {
		return this.transactions.transaction(work);
	}

	@Override
	public Mono<SingleTableSnapshot> readTransaction(Consumer<SingleTableReadTransaction> reads) {
		Assert.notNull(reads, "Reads must not be null");
		return observe("readTransaction", null, this.parts.transactions().read(reads));
	}

	@Override
	public String getTableName() {
		return this.tableName;
	}

	@Override
	public SingleTableConverter getConverter() {
		return this.parts.converter();
	}

	@Override
	public <T> Mono<T> create(T entity) {
		return observe("create", typeOf(entity), this.parts.create(entity));
	}

	@Override
	public <T> Mono<T> update(T entity) {
		return observe("update", typeOf(entity), this.parts.update(entity));
	}

	@Override
	public <T> Mono<T> update(T entity, Changes changes) {
		return observe("update", typeOf(entity), this.parts.update(entity, changes));
	}

	@Override
	public <T> Mono<T> save(T entity) {
		return observe("save", typeOf(entity), this.parts.save(entity));
	}

	@Override
	public <T> Mono<T> findById(Class<T> type, String id) {
		return observe("findById", type, this.parts.findById(type, id));
	}

	@Override
	public <T> Mono<T> getById(Class<T> type, String id) {
		return findById(type, id).switchIfEmpty(Mono.error(() -> new NoSuchResourceException(type, id, null)));
	}

	@Override
	public <T> Mono<T> findVersion(Class<T> type, String id, long version) {
		return observe("findVersion", type, this.parts.findVersion(type, id, version));
	}

	@Override
	public <T> Flux<T> findAllVersions(Class<T> type, String id) {
		return observations().observeMany("findAllVersions", type, this.parts.findAllVersions(type, id));
	}

	@Override
	public <T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		return observe("restoreVersion", type, this.parts.restoreVersion(type, id, version));
	}

	@Override
	public <T> Mono<Boolean> deleteById(Class<T> type, String id) {
		return observe("deleteById", type, this.parts.deleteById(type, id));
	}

	@Override
	public <T> Mono<Void> delete(T entity) {
		return observe("delete", typeOf(entity), this.parts.delete(entity, false));
	}

	@Override
	public <T> Mono<Void> deleteExisting(T entity) {
		return observe("delete", typeOf(entity), this.parts.delete(entity, true));
	}

	@Override
	public <T> Flux<VersionSummary> findVersionSummaries(Class<T> type, String id) {
		return observeMany("findVersionSummaries", type, this.parts.findVersionSummaries(type, id));
	}

	@Override
	public <T> Mono<T> findSingleton(Class<T> type) {
		return observe("findSingleton", type, this.parts.findSingleton(type));
	}

	@Override
	public <T> Mono<Boolean> deleteVersion(Class<T> type, String id, long version) {
		return observe("deleteVersion", type, this.parts.deleteVersion(type, id, version));
	}

	@Override
	public <T> Flux<T> findAllById(Class<T> type, Collection<String> ids) {
		return observeMany("findAllById", type, this.parts.findAllById(type, ids));
	}

	@Override
	public <T> Flux<T> putAll(Collection<T> entities) {
		return observeMany("putAll", (entities == null || entities.isEmpty()) ? null : typeOf(entities.iterator().next()),
				this.parts.putAll(entities));
	}

	@Override
	public <T> Mono<Void> deleteAllById(Class<T> type, Collection<String> ids) {
		return observe("deleteAllById", type, this.parts.deleteAllById(type, ids));
	}

	@Override
	public <T> Mono<Long> increment(Class<T> type, String id, String property, long delta) {
		return observe("increment", type, this.parts.increment(type, id, property, delta));
	}

	@Override
	public <T> Mono<Void> addToSet(Class<T> type, String id, String property, String... values) {
		return observe("addToSet", type, this.parts.atomic("addToSet", type, id, property, values));
	}

	@Override
	public <T> Mono<Void> removeFromSet(Class<T> type, String id, String property, String... values) {
		return observe("removeFromSet", type, this.parts.atomic("removeFromSet", type, id, property, values));
	}

	@Override
	public <T> Mono<Void> appendToList(Class<T> type, String id, String property, Object... values) {
		return observe("appendToList", type, this.parts.atomic("appendToList", type, id, property, values));
	}

	@Override
	public Mono<Map<String, Long>> countsByType() {
		return this.parts.countsByType();
	}

	/**
	 * Sets the storage of {@code @BlobField} values: writes store them there, {@link #loadBlob} and
	 * {@link #loadBlobs} read them; give it the bucket and key prefix of the blocking template's
	 * {@code BlobStorage}. Without one, the writes and loads of types with blob properties fail with a
	 * {@link dev.singletable.core.blob.MissingBlobStorageException MissingBlobStorageException}. Spring Boot sets it
	 * when it configures blob storage.
	 * @param blobStorage the storage, or {@literal null} for none
	 */
	public void setBlobStorage(@Nullable ReactiveBlobStorage blobStorage) {
		this.parts.setBlobStorage(blobStorage);
	}

	/**
	 * Returns the storage blob values are loaded from.
	 * @return the storage, or {@literal null} when none is set
	 */
	public @Nullable ReactiveBlobStorage getBlobStorage() {
		return this.parts.getBlobStorage();
	}

	@Override
	public <V> Mono<V> loadBlob(Object entity, String property) {
		return this.parts.loadBlob(entity, property);
	}

	@Override
	public <T> Mono<T> loadBlobs(T entity) {
		return this.parts.loadBlobs(entity);
	}

	@Override
	public <T> ReactiveSingleTableQuery<T> query(Class<T> type) {
		Assert.notNull(type, "Type must not be null");
		return this.queries.queryTypes(List.of(type), false);
	}

	@Override
	public ReactiveSingleTableQuery<Object> queryAny(Class<?>... types) {
		Assert.notEmpty(types, "Types must not be empty");
		return this.queries.queryTypes(List.of(types), true);
	}

	private ReactiveObservations observations() {
		return this.parts.executor().observations();
	}

	/** Observes a public operation as the blocking template does (returned as it is while nothing observes). */
	private <R> Mono<R> observe(String operation, @Nullable Class<?> type, Mono<R> action) {
		return observations().observe(operation, type, action);
	}

	private <R> Flux<R> observeMany(String operation, @Nullable Class<?> type, Flux<R> action) {
		return observations().observeMany(operation, type, action);
	}

	private static @Nullable Class<?> typeOf(@Nullable Object entity) {
		return (entity != null) ? entity.getClass() : null;
	}

}
