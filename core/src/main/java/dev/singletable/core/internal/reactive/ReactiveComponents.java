package dev.singletable.core.internal.reactive;

import java.util.Collection;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.ReactiveAuditorAware;
import org.springframework.data.mapping.callback.ReactiveEntityCallbacks;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableReadTransaction;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.blob.ReactiveBlobStorage;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.blob.KnownBlobFacts;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.core.internal.operation.OperationSettings;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.ResourceReads;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * The Mono/Flux facade of a {@code ReactiveSingleTableTemplate}: each operation runs its plan (the table's
 * {@link TablePlans}, the template's {@link OperationPlans}) on the {@link ReactiveDriver}, what the plan asks its
 * caller answered by the {@link ReactorCaller} from the subscriber's context, the audit scope captured at call time.
 * Immutable: a change of the blob storage, the settings, the callbacks or the reactive auditor makes the components
 * anew ({@link #with}) on the same table plans and executor, which the template swaps in.
 * @param tablePlans the plans of the table, shared with the templates built on them
 * @param executor the executor of the async client and the table, the only component that holds the client
 * @param blobStorage the blob storage, {@literal null} for none
 * @param plans the plans of the template's operations, built with its settings and storage's codec
 * @param reads the reads by id, consistent as set
 * @param caller answers the plans' requests; its driver sends them
 * @param reading the converter reads go through: the table's, or one that runs the template's after-convert
 * callbacks after it
 */
public record ReactiveComponents(TablePlans tablePlans, ReactiveDynamoDbExecutor executor,
		@Nullable ReactiveBlobStorage blobStorage, OperationPlans plans, ResourceReads reads, ReactorCaller caller,
		SingleTableConverter reading) {

	/**
	 * Builds the components of a reactive template without blob storage, whose writes join the reactive
	 * transactions bound under the given key (its database factory), reading through the table's converter.
	 */
	public static ReactiveComponents of(Object databaseFactory, ReactiveDynamoDbExecutor executor, TablePlans plans) {
		return of(databaseFactory, executor, plans, plans.converter());
	}

	/**
	 * Builds the components of a reactive template without blob storage, whose writes join the reactive
	 * transactions bound under the given key (its database factory), its reads by id and read transactions going
	 * through the given converter (the one that runs the after-convert callbacks).
	 */
	public static ReactiveComponents of(Object databaseFactory, ReactiveDynamoDbExecutor executor, TablePlans plans,
			SingleTableConverter reading) {
		Assert.isTrue(executor.getTableName().equals(plans.tableName()), () -> "The plans of table "
				+ plans.tableName() + " cannot serve a template of table " + executor.getTableName());
		return build(plans, executor, databaseFactory, OperationSettings.DEFAULT, null, null, null,
				new KnownBlobFacts(KnownBlobFacts.DEFAULT_CAPACITY), reading);
	}

	/**
	 * @param facts what the template knows of blob attributes: made with its first components, kept by the next
	 */
	private static ReactiveComponents build(TablePlans table, ReactiveDynamoDbExecutor executor,
			Object databaseFactory, OperationSettings settings, @Nullable ReactiveBlobStorage storage,
			@Nullable ReactiveEntityCallbacks callbacks, @Nullable ReactiveAuditorAware<?> auditor,
			KnownBlobFacts facts, SingleTableConverter reading) {
		OperationPlans plans = table.forTemplate((storage != null) ? storage.codec() : null, facts, settings,
				executor::translate);
		return new ReactiveComponents(table, executor, storage, plans, table.reads(reading, settings, plans),
				new ReactorCaller(callbacks, auditor, table.audit(), databaseFactory, plans.sender(),
						new ReactiveDriver(executor, storage)), reading);
	}

	/**
	 * Returns the components with another blob storage, settings, callbacks or reactive auditor.
	 */
	public ReactiveComponents with(@Nullable ReactiveBlobStorage storage, OperationSettings settings,
			@Nullable ReactiveEntityCallbacks callbacks, @Nullable ReactiveAuditorAware<?> auditor) {
		return build(this.tablePlans, this.executor, this.caller.databaseFactory(), settings, storage, callbacks, auditor,
				facts(), this.reading);
	}

	/**
	 * What the template knows of the blob attributes of the latest versions it read or wrote: the same in every
	 * components {@link #with} makes, which its queries record in too.
	 */
	public KnownBlobFacts facts() {
		return this.plans.blobs().facts();
	}

	/** Runs an operation's plan, the audit scope bound on the calling thread now captured for it. */
	private <T> Mono<T> run(Step<T> plan) {
		return this.caller.driver().run(plan, this.caller)
			.contextWrite(Context.of(ReactorCaller.CAPTURED, ReactorCaller.capture()));
	}

	private <T> Mono<T> read(Step<T> plan) {
		return this.caller.driver().run(plan);
	}

	public Mono<SingleTableSnapshot> readTransaction(Consumer<SingleTableReadTransaction> reads) {
		return Mono.defer(() -> read(
				this.tablePlans.transactionReads(this.reading, facts())
					.read(reads, this.tablePlans.timestamps()::now)));
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

	public <T> Mono<T> findById(Class<T> type, String id) {
		return Mono.defer(() -> read(this.reads.findLatest(type, id)));
	}

	public <T> Mono<T> findVersion(Class<T> type, String id, long version) {
		return Mono.defer(() -> read(this.reads.findVersion(type, id, version)));
	}

	public <T> Flux<T> findAllVersions(Class<T> type, String id) {
		return Mono.defer(() -> read(this.reads.findAllVersions(type, id))).flatMapIterable((versions) -> versions);
	}

	public <T> Flux<VersionSummary> findVersionSummaries(Class<T> type, String id) {
		return Mono.defer(() -> read(this.reads.findVersionSummaries(type, id)))
			.flatMapIterable((summaries) -> summaries);
	}

	/** Reads a singleton type's one resource, its id set to its prefix; other types are refused. */
	public <T> Mono<T> findSingleton(Class<T> type) {
		return Mono.defer(() -> read(this.reads.findSingleton(type)));
	}

	public <T> Flux<T> findAllById(Class<T> type, Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		return Mono.defer(() -> read(this.reads.findAllById(this.tablePlans.converter().getRequiredEntity(type), ids)))
			.flatMapIterable((found) -> found);
	}

	public <T> Mono<Boolean> deleteById(Class<T> type, String id) {
		return run(this.plans.deletes().deleteById(type, id));
	}

	public Mono<Void> delete(Object entity, boolean existing) {
		return run(this.plans.deletes().delete(entity, existing)).then();
	}

	public <T> Mono<Boolean> deleteVersion(Class<T> type, String id, long version) {
		return run(this.plans.deletes().deleteVersion(type, id, version));
	}

	public <T> Mono<Void> deleteAllById(Class<T> type, Collection<String> ids) {
		return run(this.plans.deletes().deleteAllById(type, ids)).then();
	}

	public <T> Flux<T> putAll(Collection<T> entities) {
		Assert.notNull(entities, "Entities must not be null");
		return run(this.plans.putAll(entities, this.reads)).flatMapIterable((stored) -> stored);
	}

	public <T> Mono<Long> increment(Class<T> type, String id, String property, long delta) {
		return run(this.plans.increment(type, id, property, delta));
	}

	/** Sends an atomic change, or adds it to the transaction bound (see {@code UnitOperations.atomic}). */
	public Mono<Void> atomic(String operation, Class<?> type, String id, String property, Object change) {
		return run(this.plans.units().atomic(operation, type, id, property, change)).then();
	}

	/** Adds a check, without a write, to the transaction bound (see {@code UnitOperations.check}). */
	public Mono<Void> check(String operation, Class<?> type, String id, @Nullable Long version, boolean absent) {
		return run(this.plans.units().check(operation, type, id, version, absent)).then();
	}

	public Mono<Void> requireVersion(Object entity, long version) {
		return run(this.plans.units().requireVersion(entity, version)).then();
	}

	/** Reads the per-type counts (strongly consistent): empty when the row does not exist. */
	public Mono<Map<String, Long>> countsByType() {
		return read(this.tablePlans.counts().read());
	}

	/**
	 * Checks every registered type's audit names and blob storage, as the blocking template does once configured.
	 */
	public void checkEntities() {
		this.tablePlans.checkEntities(this.plans);
	}

	/** Loads one blob property of an entity as read, when subscribed; empty when its item has no object for it. */
	@SuppressWarnings("unchecked")
	public <V> Mono<V> loadBlob(Object entity, String property) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.hasText(property, "Property must not be empty");
		return read(this.tablePlans.blobReads().load(entity, property, this.plans.blobs()::checkStorage))
			.map((value) -> (V) value);
	}

	/** Loads every blob property of an entity as read, when subscribed (a new instance for immutable types). */
	public <T> Mono<T> loadBlobs(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return read(this.tablePlans.blobReads().loadAll(entity, this.plans.blobs()::checkStorage));
	}

}
