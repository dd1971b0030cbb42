package dev.singletable.core.reactive;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.operation.TemplateAssembly;
import dev.singletable.core.internal.operation.TemplateParts;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.CollectionPartitions;
import dev.singletable.core.internal.reactive.ReactorCaller;
import dev.singletable.core.internal.transaction.HandedOutWrites;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.spi.ReactiveWriteGuards;
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
 * Per-type counts ({@link #setTrackCounts}) are kept as the blocking template keeps them. Entity callbacks: the
 * reactive ones ({@link #setEntityCallbacks}), and the after-convert callbacks on every read
 * ({@link #setAfterConvertCallbacks}); every registered type is checked once configured ({@link #afterPropertiesSet}),
 * as the blocking template checks them.
 */
public class ReactiveSingleTableTemplate extends ReactiveSingleTableAccessor implements ReactiveSingleTableOperations {

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
		super(databaseFactory, converter);
	}

	/**
	 * Creates a template on a database factory that shares the plans of a blocking template of the same table: its
	 * converter, its clock (setting the clock of one sets both; see {@code SingleTableAccessor.setClock}), the
	 * auditor and metadata provider of its audit rows and the drift guard of its writes. Each template keeps its own
	 * consistent reads, per-type counts, dropping rule, blob storage, callbacks and metrics. Spring Boot builds its
	 * reactive template so.
	 * @param databaseFactory the table's async client and name; must not be {@literal null}
	 * @param template the blocking template (a {@code SingleTableTemplate}) of the same table; must not be
	 * {@literal null}
	 * @throws IllegalArgumentException when the operations are no {@code SingleTableTemplate}, or one of another
	 * table
	 */
	public ReactiveSingleTableTemplate(ReactiveSingleTableDatabaseFactory databaseFactory,
			SingleTableOperations template) {
		super(databaseFactory, TemplateParts.tablePlans(template));
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
		return ReactiveWriteGuards.guard("transaction", null, () -> this.transactions.transaction(work).then());
	}

	/**
	 * {@inheritDoc}
	 * <p>
	 * It runs as {@link #transaction} does, through the template's transaction manager; the value is emitted once the
	 * commit is stored.
	 */
	@Override
	public <R> Mono<R> inTransaction(Function<ReactiveSingleTableTransaction, ? extends Mono<R>> work) {
		return ReactiveWriteGuards.guard("inTransaction", null,
				() -> this.transactions.transaction(work).singleOrEmpty());
	}

	@Override
	public Mono<SingleTableSnapshot> readTransaction(Consumer<SingleTableReadTransaction> reads) {
		Assert.notNull(reads, "Reads must not be null");
		return observe("readTransaction", null, this.parts.read(() -> this.parts.assembly().readTransaction(reads)));
	}

	@Override
	public <T> Mono<T> create(T entity) {
		return write("create", entity, null, () -> this.parts.run(this.parts.plans().entities().create(entity)));
	}

	@Override
	public <T> Mono<T> update(T entity) {
		return write("update", entity, null, () -> this.parts.run(this.parts.plans().entities().update(entity)));
	}

	@Override
	public <T> Mono<T> update(T entity, Changes changes) {
		return write("update", entity, null,
				() -> this.parts.run(this.parts.plans().entities().update(entity, changes)));
	}

	@Override
	public <T> Mono<T> save(T entity) {
		return write("save", entity, null, () -> this.parts.run(this.parts.plans().entities().save(entity)));
	}

	@Override
	public <T> Mono<T> findById(Class<T> type, String id) {
		return observe("findById", type, this.parts.read(() -> this.parts.assembly().reads().findLatest(type, id)));
	}

	@Override
	public <T> Mono<T> getById(Class<T> type, String id) {
		return findById(type, id).switchIfEmpty(Mono.error(() -> new NoSuchResourceException(type, id, null)));
	}

	@Override
	public <T> Mono<T> findVersion(Class<T> type, String id, long version) {
		return observe("findVersion", type,
				this.parts.read(() -> this.parts.assembly().reads().findVersion(type, id, version)));
	}

	@Override
	public <T> Flux<T> findAllVersions(Class<T> type, String id) {
		return observeMany("findAllVersions", type,
				this.parts.readMany(() -> this.parts.assembly().reads().findAllVersions(type, id)));
	}

	@Override
	public <T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		return write("restoreVersion", type, id,
				() -> this.parts.run(this.parts.plans().entities().restore(type, id, version)));
	}

	@Override
	public <T> Mono<Boolean> deleteById(Class<T> type, String id) {
		return write("deleteById", type, id, () -> this.parts.run(this.parts.plans().deletes().deleteById(type, id)));
	}

	@Override
	public <T> Mono<Void> delete(T entity) {
		return write("delete", entity, null,
				() -> this.parts.run(this.parts.plans().deletes().delete(entity, false)).then());
	}

	@Override
	public <T> Mono<Void> deleteExisting(T entity) {
		return write("delete", entity, null,
				() -> this.parts.run(this.parts.plans().deletes().delete(entity, true)).then());
	}

	@Override
	public <T> Flux<VersionSummary> findVersionSummaries(Class<T> type, String id) {
		return observeMany("findVersionSummaries", type,
				this.parts.readMany(() -> this.parts.assembly().reads().findVersionSummaries(type, id)));
	}

	@Override
	public <T> Mono<T> findSingleton(Class<T> type) {
		return observe("findSingleton", type, this.parts.read(() -> this.parts.assembly().reads().findSingleton(type)));
	}

	@Override
	public <T> Mono<Boolean> deleteVersion(Class<T> type, String id, long version) {
		return write("deleteVersion", type, id,
				() -> this.parts.run(this.parts.plans().deletes().deleteVersion(type, id, version)));
	}

	@Override
	public <T> Flux<T> findAllById(Class<T> type, Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		return observeMany("findAllById", type, this.parts.readMany(() -> this.parts.assembly().findAllById(type, ids)));
	}

	@Override
	public <T> Flux<T> putAll(Collection<T> entities) {
		Class<?> type = (entities == null || entities.isEmpty()) ? null : typeOf(entities.iterator().next());
		return observeMany("putAll", type,
				ReactiveWriteGuards.guardMany("putAll", type,
						() -> this.parts.run(this.parts.assembly().putAll(entities)).flatMapIterable((stored) -> stored)));
	}

	@Override
	public <T> Mono<Void> deleteAllById(Class<T> type, Collection<String> ids) {
		return write("deleteAllById", type, ids,
				() -> this.parts.run(this.parts.plans().deletes().deleteAllById(type, ids)).then());
	}

	@Override
	public <T> Mono<Long> increment(Class<T> type, String id, String property, long delta) {
		return write("increment", type, id,
				() -> this.parts.run(this.parts.plans().increment(type, id, property, delta)));
	}

	@Override
	public <T> Mono<Void> addToSet(Class<T> type, String id, String property, String... values) {
		return write("addToSet", type, id,
				() -> this.parts.run(this.parts.plans().units().atomic("addToSet", type, id, property, values)).then());
	}

	@Override
	public <T> Mono<Void> removeFromSet(Class<T> type, String id, String property, String... values) {
		return write("removeFromSet", type, id,
				() -> this.parts.run(this.parts.plans().units().atomic("removeFromSet", type, id, property, values)).then());
	}

	@Override
	public <T> Mono<Void> appendToList(Class<T> type, String id, String property, Object... values) {
		return write("appendToList", type, id,
				() -> this.parts.run(this.parts.plans().units().atomic("appendToList", type, id, property, values)).then());
	}

	@Override
	public Mono<Map<String, Long>> countsByType() {
		return this.parts.read(() -> this.parts.assembly().countsByType());
	}

	@Override
	@SuppressWarnings("unchecked")
	public <V> Mono<V> loadBlob(Object entity, String property) {
		Step<@Nullable Object> plan = this.parts.assembly().loadBlob(entity, property);
		return this.parts.read(() -> plan).map((value) -> (V) value);
	}

	@Override
	public <T> Mono<T> loadBlobs(T entity) {
		Step<T> plan = this.parts.assembly().loadBlobs(entity);
		return this.parts.read(() -> plan);
	}

	@Override
	public <T> ReactiveSingleTableQuery<T> query(Class<T> type) {
		Assert.notNull(type, "Type must not be null");
		return query(List.of(type), false);
	}

	@Override
	public ReactiveSingleTableQuery<Object> queryAny(Class<?>... types) {
		Assert.notEmpty(types, "Types must not be empty");
		return query(List.of(types), true);
	}

	@Override
	public ReactiveSingleTableQuery<Object> queryCollection(String index, Class<?>... types) {
		Assert.hasText(index, "Index must not be empty");
		Assert.notNull(types, "Types must not be null");
		CollectionPartitions.requireShared(index, getConverter(), types);
		return this.<Object>query(List.of(types), true).index(index);
	}

	/** Observes a public operation as the blocking template does (returned as it is while nothing observes). */
	private <R> Mono<R> observe(String operation, @Nullable Class<?> type, Mono<R> action) {
		return observations().observe(operation, type, action);
	}

	/**
	 * Observes a write, refused with an error signal when called or subscribed inside a blocking singletable
	 * transaction, which it could never join ({@link ReactiveWriteGuards}). Called while the callback of a
	 * {@link #transaction} on the template's database factory runs, it is handed out by that transaction, which fails
	 * at its commit unless the write was subscribed by then ({@link HandedOutWrites}).
	 */
	private <R> Mono<R> write(String operation, @Nullable Object subject, @Nullable Object id,
			Supplier<Mono<R>> action) {
		Class<?> type = (subject instanceof Class<?> given) ? given : typeOf(subject);
		Mono<R> write = observe(operation, type, ReactiveWriteGuards.guard(operation, type, action));
		HandedOutWrites work = HandedOutWrites.inWork(getDatabaseFactory());
		if (work == null) {
			return write;
		}
		return ReactorCaller.handedOut(
				work.handOut(HandedOutWrites.describe(getConverter(), operation, subject, id)), write);
	}

	private <R> Flux<R> observeMany(String operation, @Nullable Class<?> type, Flux<R> action) {
		return observations().observeMany(operation, type, action);
	}

	private static @Nullable Class<?> typeOf(@Nullable Object entity) {
		return TemplateAssembly.typeOf(entity);
	}

}
