package dev.singletable.core.internal.reactive;

import java.util.Optional;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.DeleteByIdOperation;
import dev.singletable.core.internal.write.DeleteOperation;
import dev.singletable.core.internal.write.EntityWrites;
import dev.singletable.core.internal.transaction.SingleTableResourceHolder;
import dev.singletable.core.internal.transaction.TransactionBinding;
import dev.singletable.core.internal.transaction.TransactionRules;
import dev.singletable.core.internal.write.AtomicUpdates;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * A reactive template's side of transactions: the one rule for whether its write joins a transaction — the
 * reactive counterpart of {@link TransactionBinding}: it does when a {@link SingleTableResourceHolder} is
 * bound under the template's database factory in the transaction context that Spring's reactive
 * {@link TransactionSynchronizationManager} finds in the subscriber's Reactor context (or when the write was made
 * through a transaction's own operations, which pin its writes in the Reactor context) —, and the units of the
 * operations that only a transaction holds or that read differently there: deletes, checks and atomic updates (the
 * blocking template's units, the plans of a delete run without blocking).
 * A write that joins is {@linkplain ReactiveCollectedWrites#collect collected}; any other is sent at once by the
 * {@link ReactiveUnitWriter}.
 */
public final class ReactiveTransactions {

	/** The Reactor context key of the writes a transaction's own operations pin. */
	private static final String PINNED = ReactiveTransactions.class.getName() + ".PINNED";

	private final Object databaseFactory;

	private final ReactiveUnitWriter writer;

	private final EntityWrites writes;

	/** Runs the plans of the deletes, which read what they delete. */
	private final ReactiveDriver driver;

	private final AtomicUpdates atomicUpdates;

	private final SingleTableConverter converter;

	ReactiveTransactions(Object databaseFactory, ReactiveDriver driver, ReactiveUnitWriter writer,
			EntityWrites writes, AtomicUpdates atomicUpdates, SingleTableConverter converter) {
		this.databaseFactory = databaseFactory;
		this.driver = driver;
		this.writer = writer;
		this.writes = writes;
		this.atomicUpdates = atomicUpdates;
		this.converter = converter;
	}

	/**
	 * Returns, when subscribed, the writes of the transaction the subscriber's write joins: those its context pins,
	 * else those of the transaction bound under the template's database factory, else none.
	 */
	public Mono<Optional<ReactiveCollectedWrites>> current() {
		return Mono.deferContextual((context) -> {
			Optional<ReactiveCollectedWrites> pinned = context.getOrEmpty(PINNED);
			if (pinned.isPresent()) {
				return Mono.just(pinned);
			}
			return TransactionSynchronizationManager.forCurrentTransaction()
				.map((manager) -> (manager.getResource(this.databaseFactory) instanceof SingleTableResourceHolder<?> holder
						&& holder.getWrites() instanceof ReactiveCollectedWrites writes) ? Optional.of(writes)
								: Optional.<ReactiveCollectedWrites>empty())
				.onErrorResume(NoTransactionException.class, (ex) -> Mono.just(Optional.empty()));
		});
	}

	/**
	 * Makes the writes of {@code work} join the given transaction, wherever they are subscribed from.
	 */
	public static <T> Mono<T> pinned(Mono<T> work, ReactiveCollectedWrites transaction) {
		return work.contextWrite(Context.of(PINNED, transaction));
	}

	/**
	 * Sends a unit at once, or collects it when the subscriber's write joins a transaction.
	 * @param before the stamps of the entity given to the write, put back when the transaction fails or rolls back
	 * @return the entity as stored (sent at once) or as it will be stored (collected), empty for an operation
	 * without one
	 */
	public Mono<Object> send(WriteUnit unit, Stamps.Snapshot before) {
		return send(unit, before, Mono::justOrEmpty);
	}

	/**
	 * Sends a unit at once, or collects it, as {@link #send(WriteUnit, Stamps.Snapshot)} does, with what follows its
	 * storing (its after-save callbacks): run on what was written when sent at once, once the commit stored it when
	 * collected.
	 */
	public Mono<Object> send(WriteUnit unit, Stamps.Snapshot before, Function<@Nullable Object, Mono<Object>> afterSave) {
		return current().flatMap((bound) -> bound.isPresent()
				? collect(bound.get(), unit, before, Mono.defer(() -> afterSave.apply(unit.result())).then())
				: this.writer.write(unit).map(Optional::of).defaultIfEmpty(Optional.empty())
					.flatMap((written) -> afterSave.apply(written.orElse(null))));
	}

	/**
	 * Runs an action once the bound transaction is stored (an after-delete callback), or at once without one.
	 */
	public Mono<Void> afterCommit(Mono<Void> action) {
		return current().flatMap((bound) -> {
			if (bound.isPresent()) {
				bound.get().afterCommit(action);
				return Mono.empty();
			}
			return action;
		});
	}

	private Mono<Object> collect(ReactiveCollectedWrites transaction, WriteUnit unit, Stamps.Snapshot before) {
		return collect(transaction, unit, before, null);
	}

	private Mono<Object> collect(ReactiveCollectedWrites transaction, WriteUnit unit, Stamps.Snapshot before,
			@Nullable Mono<Void> afterCommit) {
		return Mono.fromCallable(() -> {
			transaction.collect(unit, this.writer, before, afterCommit);
			return Optional.ofNullable(unit.result());
		}).flatMap(Mono::justOrEmpty);
	}

	/**
	 * Collects a unit that only a transaction holds (a check, an atomic update of a transaction).
	 */
	private Mono<Void> collectOnly(Mono<WriteUnit> unit) {
		return current().zipWith(unit).flatMap((both) -> {
			Assert.state(both.getT1().isPresent(), "No reactive singletable transaction is bound");
			return collect(both.getT1().get(), both.getT2(), Stamps.Snapshot.NONE);
		}).then();
	}

	/**
	 * Refuses, when subscribed inside a transaction, an operation that cannot join one (as the blocking template's
	 * {@code refuseInTransaction}): it completes empty outside a transaction, and fails with the blocking template's
	 * exception inside one, so that the operation is never sent outside the transaction it was made in.
	 * @param operation the operation, such as {@code putAll}
	 * @param reason why it cannot join
	 */
	public Mono<Void> refuseInTransaction(String operation, String reason) {
		return current().flatMap((bound) -> bound.isPresent()
				? Mono.error(TransactionRules.cannotJoin(operation, reason)) : Mono.empty());
	}

	/**
	 * Adds the delete by id of a resource to a transaction: a plain one's item; every stored item of a versioned
	 * one, as found now, its latest item on the condition that it is still as found — the blocking transaction's
	 * unit ({@link DeleteByIdOperation#unit}), so that a version written before the commit makes the commit read
	 * the versions again and send the unit built from them.
	 */
	public Mono<Void> deleteById(ReactiveCollectedWrites transaction, SingleTablePersistentEntity<?> metadata,
			String id) {
		return deleteById(transaction, metadata, id, Mono::just);
	}

	/**
	 * Adds the delete by id of a resource to a transaction, as {@link #deleteById(ReactiveCollectedWrites,
	 * SingleTablePersistentEntity, String)}, its unit passed through {@code record} (its audit row) first.
	 */
	public Mono<Void> deleteById(ReactiveCollectedWrites transaction, SingleTablePersistentEntity<?> metadata,
			String id, Function<WriteUnit, Mono<WriteUnit>> record) {
		return Mono.defer(() -> this.driver.run(this.writes.deleteById(metadata, id).unit()))
			.flatMap(record)
			.flatMap((built) -> collect(transaction, built, Stamps.Snapshot.NONE))
			.then();
	}

	/**
	 * Adds the delete of an entity as read to a transaction: conditioned on its version or modification time, with
	 * the history of a versioned one as found now, its unit passed through {@code record} (its audit row) first.
	 * Whether to add it at all (a recorded delete of a resource already gone adds nothing) is the caller's to decide,
	 * as is the delete by id of an entity with neither version nor modification time.
	 * @param delete the delete of the entity ({@link EntityWrites#delete})
	 */
	public Mono<Void> delete(ReactiveCollectedWrites transaction, DeleteOperation delete,
			Function<WriteUnit, Mono<WriteUnit>> record) {
		return Mono.defer(() -> this.driver.run(delete.planWithHistory()))
			.flatMap(record)
			.flatMap((built) -> collect(transaction, built, Stamps.Snapshot.NONE))
			.then();
	}

	/**
	 * Adds a check, without a write, that a resource has a version, exists, or is absent.
	 * @param version the version it must have, {@literal null} for none
	 * @param absent whether it must be absent
	 */
	public Mono<Void> check(String operation, Class<?> type, String id, @Nullable Long version, boolean absent) {
		return collectOnly(Mono.fromCallable(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			if (version != null && metadata.getVersionProperty() == null) {
				throw new IllegalArgumentException(type.getSimpleName()
						+ " has no @Version property; use requireExists, or give it a version");
			}
			return this.writes.check(operation, metadata, ResourceIds.check(type, id), version, absent);
		}));
	}

	/**
	 * Adds a check that a resource has the version given, as {@link #check} does, for an entity.
	 */
	public Mono<Void> requireVersion(Object entity, long version) {
		return Mono.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
			return check("requireVersion", metadata.getType(),
					Stamps.requireId(metadata, metadata.getPropertyAccessor(entity)), version, false);
		});
	}

	/**
	 * Adds an atomic update of a plain resource (see {@link AtomicUpdates}): an increment, set or list change.
	 * @param operation its name: {@code increment}, {@code addToSet}, {@code removeFromSet}, {@code appendToList}
	 */
	public Mono<Void> atomic(String operation, Class<?> type, String id, String property, Object change) {
		return collectOnly(Mono.fromCallable(() -> {
			SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
			AtomicUpdates.Update update = switch (operation) {
				case "increment" -> this.atomicUpdates.incrementUpdate(metadata, property, (Long) change);
				case "addToSet" -> this.atomicUpdates.setUpdate(metadata, property, true, (String[]) change);
				case "removeFromSet" -> this.atomicUpdates.setUpdate(metadata, property, false, (String[]) change);
				default -> this.atomicUpdates.appendUpdate(metadata, property, (Object[]) change);
			};
			return update.unit(operation, ResourceIds.check(type, id));
		}));
	}

}
