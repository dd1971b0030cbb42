package dev.singletable.core.internal.reactive;

import java.util.List;
import java.util.function.Function;

import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.EntityWrites;
import dev.singletable.core.internal.write.PlannedWrite;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.write.UpsertOperation;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.ChangesApplier;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Mono;

/**
 * The reactive template's writes of entities — create, update (also with {@code Changes}), save (an upsert included)
 * and restore — with the blocking template's plans ({@link EntityWrites} and its operations), run without blocking
 * by the {@link ReactiveDriver}: the reads a plan asks for are sent on the async client; its entity callbacks run
 * around it ({@link ReactiveCallbacks}), its
 * audit row added ({@link ReactiveAuditing}), and the unit sent at once or collected in the transaction bound
 * ({@link ReactiveTransactions}); a write that fails leaves a mutable entity's stamps as they were given.
 */
final class ReactiveEntityWriter {

	private final SingleTableConverter converter;

	private final ReactiveDriver driver;

	private final EntityWrites writes;

	private final ChangesApplier changes;

	private final AuditRecords audit;

	private final ReactiveAuditing auditing;

	private final BlobStage blobs;

	private final ReactiveTransactions transactions;

	private final ReactiveCallbacks callbacks;

	ReactiveEntityWriter(SingleTableConverter converter, ReactiveDriver driver, EntityWrites writes,
			ChangesApplier changes, AuditRecords audit, ReactiveAuditing auditing, BlobStage blobs,
			ReactiveTransactions transactions, ReactiveCallbacks callbacks) {
		this.converter = converter;
		this.driver = driver;
		this.writes = writes;
		this.changes = changes;
		this.audit = audit;
		this.auditing = auditing;
		this.blobs = blobs;
		this.transactions = transactions;
		this.callbacks = callbacks;
	}

	<T> Mono<T> create(T entity) {
		AuditDetails scope = ReactiveAuditing.capture();
		return write("create", entity, (converted) -> Mono.just(this.writes.create(converted))
			.flatMap((unit) -> this.auditing.record(unit, AuditEntry.CREATE, scope)));
	}

	<T> Mono<T> update(T entity) {
		AuditDetails scope = ReactiveAuditing.capture();
		return write("update", entity, (converted) -> updateUnit(converted, List.of(), scope));
	}

	<T> Mono<T> update(T entity, Changes changes) {
		Assert.notNull(changes, "Changes must not be null");
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			requireWritable(entity.getClass(), "update");
			BlobStage.Changed<T> changed = this.writes.applyChanges(entity, changes, this.changes);
			return write("update", changed.entity(), (converted) -> updateUnit(converted, changed.cleared(), scope));
		});
	}

	/**
	 * What {@code save} does ({@link EntityWrites#saveOf}): a create, an update, or the upsert of a plain type with an
	 * assigned id and no modification time.
	 */
	<T> Mono<T> save(T entity) {
		return Mono.defer(() -> switch (this.writes.saveOf(entity)) {
			case CREATE -> create(entity);
			case UPDATE -> update(entity);
			case UPSERT -> upsert(entity);
		});
	}

	/**
	 * The {@code save} of a plain entity with an assigned id and no modification time ({@link UpsertOperation}):
	 * its plan reads the stored item (strongly consistent), then creates or replaces it keeping its creation values.
	 */
	private <T> Mono<T> upsert(T entity) {
		AuditDetails scope = ReactiveAuditing.capture();
		return write("save", entity, (converted) -> planned(this.writes.upsert(converted))
			// an audited upsert: a CREATE when nothing was stored, else an UPDATE
			.flatMap((planned) -> this.auditing.record(planned.unit(),
					(planned.stored() != null) ? AuditEntry.UPDATE : AuditEntry.CREATE, planned.stored(), scope)));
	}

	/**
	 * The unit of an update, its plan run without blocking, with its audit row.
	 */
	private <T> Mono<WriteUnit> updateUnit(T entity, List<String> cleared, AuditDetails scope) {
		return planned(this.writes.update(entity, cleared, this.audit.needsBefore(entity.getClass(), AuditEntry.UPDATE)))
			.flatMap((planned) -> this.auditing.record(planned.unit(), AuditEntry.UPDATE, planned.stored(), scope));
	}

	private Mono<PlannedWrite> planned(Step<PlannedWrite> plan) {
		return this.driver.run(plan)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException("A write's plan ended without its unit")));
	}

	<T> Mono<T> restoreVersion(Class<T> type, String id, long version) {
		AuditDetails scope = ReactiveAuditing.capture();
		return Mono.defer(() -> {
			requireWritable(type, "restoreVersion");
			return planned(this.writes.restore(type, id, version))
				.flatMap((planned) -> this.auditing.recordRestore(planned.unit(), planned.stored(), scope, version))
				.flatMap(this::send)
				.map(type::cast);
		});
	}

	/**
	 * Builds and sends the write of an entity; when it fails, the entity is left as it was given.
	 */
	@SuppressWarnings("unchecked")
	private <T> Mono<T> write(String operation, T given, Function<T, Mono<WriteUnit>> build) {
		Assert.notNull(given, "Entity must not be null");
		return Mono.defer(() -> {
			requireWritable(given.getClass(), operation);
			SingleTablePersistentEntity<T> metadata = this.writes.entityOf(given);
			return this.callbacks.beforeConvert(metadata, given).flatMap((entity) -> {
				Stamps.Snapshot before = Stamps.snapshot(this.converter, entity);
				Mono<WriteUnit> unit;
				try {
					unit = build.apply(entity);
				}
				catch (RuntimeException ex) {
					before.restore();
					return Mono.error(ex);
				}
				return unit.flatMap((built) -> send(built, before))
					.map((written) -> (T) written)
					.doOnError((ex) -> before.restore());
			});
		});
	}

	/**
	 * Sends a unit at once, or collects it in the transaction bound, with its save callbacks: before it is sent or
	 * collected, and after it is stored (after the commit, for a collected one).
	 */
	private Mono<Object> send(WriteUnit unit) {
		return send(unit, Stamps.Snapshot.NONE);
	}

	private Mono<Object> send(WriteUnit unit, Stamps.Snapshot before) {
		return this.callbacks.beforeSave(unit)
			.then(Mono.defer(() -> this.transactions.send(unit, before,
					(written) -> this.callbacks.afterSave(written, unit))));
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

}
