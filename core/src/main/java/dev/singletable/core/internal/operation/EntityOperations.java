package dev.singletable.core.internal.operation;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.operation.CallerRequest.Callback;
import dev.singletable.core.internal.operation.CallerRequest.Joined;
import dev.singletable.core.internal.operation.CallerRequest.Kind;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.blob.StaleBlobFactsException;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.item.ChangesApplier;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * The writes of entities as whole plans, the same for both templates: create, update (also with {@code Changes}),
 * save and restore, each from its before-convert callbacks to its after-save callbacks. A plan asks its caller
 * ({@link CallerRequest}) for what only the caller knows — the callbacks, the audit row's details, whether a
 * transaction is bound — and builds its unit with {@link EntityWrites}; a unit no transaction collects is sent by the
 * send plan of the template ({@code UnitSender.write}). A write that fails before its unit is
 * stored (refused, or failing when sent or committed) leaves the entity given as it was: its stamps are put back
 * ({@link Stamps.Snapshot}); a failing after-save callback does not, the entity being stored.
 */
public final class EntityOperations {

	private final SingleTableConverter converter;

	private final EntityWrites writes;

	private final ChangesApplier changes;

	private final AuditRecords audit;

	private final Function<WriteUnit, Step<Object>> send;

	private final BiConsumer<Class<?>, String> writable;

	/**
	 * @param send the plan that sends a unit at once (its blob stage included)
	 * @param writable checks, before anything is read or written, that a type can be written (its audit options,
	 * the blob storage it needs), given the operation's name
	 */
	public EntityOperations(SingleTableConverter converter, EntityWrites writes, ChangesApplier changes,
			AuditRecords audit, Function<WriteUnit, Step<Object>> send, BiConsumer<Class<?>, String> writable) {
		this.converter = converter;
		this.writes = writes;
		this.changes = changes;
		this.audit = audit;
		this.send = send;
		this.writable = writable;
	}

	/**
	 * Creates an entity.
	 * @return the entity as stored (or as it will be, collected by a transaction)
	 */
	public <T> Step<T> create(T entity) {
		return write("create", entity, (converted) -> recorded(this.writes.create(converted), AuditEntry.CREATE, null));
	}

	/**
	 * Updates an entity, as read, on the condition that it is still as read.
	 */
	public <T> Step<T> update(T entity) {
		return write("update", entity, (converted) -> updated(converted, List.of()));
	}

	/**
	 * Applies changes to an entity and updates it (the blob properties they clear deleted with the version).
	 */
	public <T> Step<T> update(T entity, Changes changes) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.notNull(changes, "Changes must not be null");
		return Step.defer(() -> {
			this.writable.accept(entity.getClass(), "update");
			BlobStage.Changed<T> changed = this.writes.applyChanges(entity, changes, this.changes);
			return write("update", changed.entity(), (converted) -> updated(converted, changed.cleared()));
		});
	}

	/**
	 * Saves an entity ({@link EntityWrites#saveOf}, decided on the entity as given, before its callbacks): a create,
	 * an update, or the upsert of a plain type with an assigned id and no modification time.
	 */
	public <T> Step<T> save(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return Step.defer(() -> {
			EntityWrites.Save save = this.writes.saveOf(entity);
			return write("save", entity, (converted) -> switch (save) {
				case CREATE -> recorded(this.writes.create(converted), AuditEntry.CREATE, null);
				case UPDATE -> updated(converted, List.of());
				// an audited upsert: a CREATE when nothing was stored, else an UPDATE
				case UPSERT -> this.writes.upsert(converted)
					.then((planned) -> recorded(required(planned).unit(),
							(planned.stored() != null) ? AuditEntry.UPDATE : AuditEntry.CREATE, planned.stored()));
			});
		});
	}

	/**
	 * Restores a version of a resource as its new latest version (its audit row, an update, names the version).
	 */
	public <T> Step<T> restore(Class<T> type, String id, long version) {
		return Step.defer(() -> {
			this.writable.accept(type, "restoreVersion");
			return this.writes.restore(type, id, version).then((planned) -> {
				WriteUnit unit = required(planned).unit();
				Step<WriteUnit> recorded = !this.audit.isAudited(unit.type()) ? Step.done(unit)
						: details(unit.type()).then((details) -> Step.done(this.audit.record(unit, AuditEntry.UPDATE,
								planned.stored(), details.restoring(version))));
				return recorded.then((built) -> stored(required(built), Stamps.Snapshot.NONE))
					.then((result) -> Step.done(type.cast(result)));
			});
		});
	}

	/**
	 * Sends a unit at once, or collects it in the transaction bound, with its save callbacks: before it is sent or
	 * collected, and once it is stored (after the commit, for a collected one).
	 * @param before the stamps put back when it fails, or the transaction that collected it fails or rolls back
	 * @return the entity as stored (sent at once) or as it will be stored (collected), {@literal null} for an
	 * operation without one
	 */
	public Step<Object> stored(WriteUnit unit, Stamps.Snapshot before) {
		return sent(unit, before, null).recover((ex) -> {
			before.restore();
			throw ex;
		}).then(this::afterSave);
	}

	/**
	 * What a write answers: the entity as it will be stored when collected; else the after-save callbacks' entity.
	 */
	private Step<Object> afterSave(@Nullable Sent sent) {
		Sent done = required(sent);
		return done.collected() ? Step.done(done.unit().result())
				: callback(Kind.AFTER_SAVE, done.written(), done.unit());
	}

	/**
	 * Builds and stores the write of an entity, its before-convert callbacks first.
	 */
	private <T> Step<T> write(String operation, T given, Function<T, Step<WriteUnit>> build) {
		Assert.notNull(given, "Entity must not be null");
		return Step.defer(() -> {
			this.writable.accept(given.getClass(), operation);
			SingleTablePersistentEntity<T> metadata = this.writes.entityOf(given);
			Stamps.Snapshot before = Stamps.snapshot(this.converter, given);
			Step<Sent> sent = Step.send(new Callback(Kind.BEFORE_CONVERT, given, null), (answer) -> {
				T converted = CallbackRules.keepTemplateStamps(metadata, given,
						metadata.getType().cast(answer.get(Object.class)));
				Stamps.Snapshot unstamped = Stamps.snapshot(this.converter, converted);
				// an update that used known blob facts found them stale: planned once more (it reads them now)
				Supplier<Step<WriteUnit>> again = () -> {
					unstamped.restore();
					return build.apply(converted);
				};
				return build.apply(converted).then((unit) -> sent(required(unit), before, again));
			})
				.recover((ex) -> {
					before.restore();
					throw ex;
				});
			return sent.then(this::afterSave).then((result) -> Step.done(metadata.getType().cast(result)));
		});
	}

	/**
	 * The unit of an update, its plan run first, with its audit row.
	 */
	private <T> Step<WriteUnit> updated(T entity, List<String> clearedBlobs) {
		boolean readBefore = this.audit.needsBefore(entity.getClass(), AuditEntry.UPDATE);
		SingleTablePersistentEntity<T> metadata = this.writes.entityOf(entity);
		// the known blob facts of the followed version replace its read unless a transaction collects the unit
		Step<Boolean> useKnownFacts = (metadata.isVersioned() && BlobStage.hasBlobs(metadata))
				? Step.send(new CallerRequest.TransactionState("update", entity),
						(answer) -> Step.done(answer.get(CallerRequest.Bound.class) != CallerRequest.Bound.ACTIVE))
				: Step.done(false);
		return useKnownFacts
			.then((known) -> this.writes.update(entity, clearedBlobs, readBefore, Boolean.TRUE.equals(known)))
			.then((planned) -> recorded(required(planned).unit(), AuditEntry.UPDATE, planned.stored()));
	}

	/**
	 * The unit with the row of its change added when its type is audited, with the caller's details.
	 */
	private Step<WriteUnit> recorded(WriteUnit unit, String operation, @Nullable Map<String, AttributeValue> before) {
		if (!this.audit.isAudited(unit.type())) {
			return Step.done(unit);
		}
		return details(unit.type()).then((details) -> Step.done(this.audit.record(unit, operation, before, details)));
	}

	private Step<AuditRecords.Details> details(Class<?> type) {
		return CallerRequest.AuditContext.of(type);
	}

	/**
	 * The before-save callbacks, then the unit collected by the transaction bound or sent at once.
	 */
	private Step<Sent> sent(WriteUnit unit, Stamps.Snapshot before, @Nullable Supplier<Step<WriteUnit>> again) {
		Object entity = unit.result();
		Step<?> beforeSave = (entity != null) ? Step.send(new Callback(Kind.BEFORE_SAVE, entity,
				CallbackRules.latestItem(unit)), (answer) -> Step.done(answer.get(Object.class))) : Step.done(null);
		Step<?> afterCommit = (entity != null) ? callback(Kind.AFTER_SAVE, entity, unit) : null;
		return beforeSave.then((ignored) -> Step.send(new CallerRequest.Join(unit, before, afterCommit), (answer) -> {
			if (answer.get(Joined.class) == Joined.COLLECTED) {
				return Step.done(new Sent(unit, unit.result(), true));
			}
			Step<Sent> now = sentNow(unit);
			return (again == null) ? now : now.recover((ex) -> {
				if (!(ex instanceof StaleBlobFactsException)) {
					throw ex;
				}
				return again.get().then((rebuilt) -> sentNow(required(rebuilt)));
			});
		}));
	}

	/**
	 * A unit sent at once, with what it wrote.
	 */
	private Step<Sent> sentNow(WriteUnit unit) {
		return this.send.apply(unit).then((written) -> Step.done(new Sent(unit, written, false)));
	}

	/**
	 * The after-save (or another kind's) callbacks on the entity of a unit, answering what they return; nothing for
	 * no entity.
	 */
	private Step<Object> callback(Kind kind, @Nullable Object entity, WriteUnit unit) {
		if (entity == null) {
			return Step.done(null);
		}
		return Step.send(new Callback(kind, entity, CallbackRules.latestItem(unit)),
				(answer) -> Step.done(answer.get(Object.class)));
	}

	private static <P> P required(@Nullable P planned) {
		Assert.state(planned != null, "A write's plan ended without its unit");
		return planned;
	}

	/**
	 * A unit sent at once (with what was written) or collected.
	 */
	private record Sent(WriteUnit unit, @Nullable Object written, boolean collected) {
	}

}
