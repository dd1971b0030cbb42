package dev.singletable.core.internal.operation;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.operation.CallerRequest.Bound;
import dev.singletable.core.internal.operation.CallerRequest.Joined;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.build.AtomicUpdates;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

/**
 * The operations that are one unit of their own, as plans the same for both templates: atomic updates (sent at once,
 * or joining the transaction bound), the checks a transaction holds without a write (a version, existence,
 * absence), and the refusal of an operation that cannot join a transaction.
 */
public record UnitOperations(SingleTableConverter converter, EntityWrites writes, AtomicUpdates atomicUpdates) {

	/**
	 * An atomic change of one property of a plain resource: sent at once, where a property stored as NULL is
	 * replaced by an empty value first (which a transaction cannot do), or joining the transaction bound.
	 * @param operation {@code increment} (in a transaction only), {@code addToSet}, {@code removeFromSet} or
	 * {@code appendToList}
	 * @param change the delta ({@code Long}) or the values ({@code String[]}, {@code Object[]})
	 */
	public Step<Object> atomic(String operation, Class<?> type, String id, String property, Object change) {
		return Step.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			AtomicUpdates.Update update = switch (operation) {
				case "increment" -> this.atomicUpdates.incrementUpdate(metadata, property, (Long) change);
				case "addToSet" -> this.atomicUpdates.setUpdate(metadata, property, true, (String[]) change);
				case "removeFromSet" -> this.atomicUpdates.setUpdate(metadata, property, false, (String[]) change);
				default -> this.atomicUpdates.appendUpdate(metadata, property, (Object[]) change);
			};
			String checked = ResourceIds.check(type, id);
			return Step.send(new CallerRequest.TransactionState(operation, type), (answer) -> (answer.get(Bound.class) == Bound.ACTIVE)
					? joined(update.unit(operation, checked)) : update.plan(checked).then((ignored) -> Step.done(null)));
		});
	}

	/**
	 * A check, without a write, that a resource has a version, exists, or is absent; only a transaction holds one.
	 * @param version the version it must have, {@literal null} for none
	 * @param absent whether it must be absent
	 */
	public Step<Object> check(String operation, Class<?> type, String id, @Nullable Long version, boolean absent) {
		return Step.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			if (version != null && metadata.getVersionProperty() == null) {
				throw new IllegalArgumentException(type.getSimpleName()
						+ " has no @Version property; use requireExists, or give it a version");
			}
			return joined(this.writes.check(operation, metadata, ResourceIds.check(type, id), version, absent));
		});
	}

	/**
	 * The check that an entity's resource still has the version given (a transaction's {@code requireVersion}).
	 * @throws IllegalArgumentException at once when the entity is {@literal null}
	 */
	public Step<Object> requireVersion(Object entity, long version) {
		Assert.notNull(entity, "Entity must not be null");
		return Step.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
			return check("requireVersion", metadata.getType(),
					Stamps.requireId(metadata, metadata.getPropertyAccessor(entity)), version, false);
		});
	}

	/**
	 * The check that a resource has the version given (a transaction's {@code requireVersion} by id).
	 */
	public Step<Object> requireVersion(Class<?> type, String id, long version) {
		return check("requireVersion", type, id, version, false);
	}

	/**
	 * The check that a resource exists (a transaction's {@code requireExists}).
	 */
	public Step<Object> requireExists(Class<?> type, String id) {
		return check("requireExists", type, id, null, false);
	}

	/**
	 * The check that a resource is absent (a transaction's {@code requireAbsent}).
	 */
	public Step<Object> requireAbsent(Class<?> type, String id) {
		return check("requireAbsent", type, id, null, true);
	}

	/**
	 * Runs a plan of an operation that cannot join a transaction: refused when one is bound, so that it is never
	 * sent outside the transaction it was made in.
	 * @param operation the operation, such as {@code putAll}
	 * @param reason why it cannot join
	 */
	public static <R> Step<R> refusing(String operation, String reason, Step<R> plan) {
		return refusedInTransaction(operation, reason).then((ignored) -> plan);
	}

	static Step<Object> refusedInTransaction(String operation, String reason) {
		return Step.send(new CallerRequest.RefuseInTransaction(operation, reason), (answer) -> {
			answer.orThrow();
			return Step.done(null);
		});
	}

	/**
	 * A unit that only a transaction holds: collected by the one bound, refused without one.
	 */
	private static Step<Object> joined(WriteUnit unit) {
		return Step.send(new CallerRequest.Join(unit, Stamps.Snapshot.NONE, null), (answer) -> {
			if (answer.get(Joined.class) != Joined.COLLECTED) {
				throw new IllegalStateException("No singletable transaction is bound for " + unit.describe());
			}
			return Step.done(null);
		});
	}

}
