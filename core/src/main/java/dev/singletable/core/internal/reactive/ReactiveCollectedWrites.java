package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.TransactionRules;
import dev.singletable.core.internal.transaction.TransactionUnits;
import dev.singletable.core.internal.write.WriteUnit;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The writes one reactive transaction collects, from every reactive template built on the database factory it is
 * bound under, and their commit: the reactive counterpart of {@link CollectedWrites}, with the same rules
 * ({@link TransactionUnits}: at most 100 items, one operation per item, refused before anything is sent; the stamps
 * put back when the commit fails or the transaction is discarded; one {@link TransactionCancelledException} naming
 * each failed operation) and one {@code TransactWriteItems} sent on the async client by {@link ReactiveUnitWriter}
 * at the commit. In a read-only transaction every write is refused at once ({@link TransactionRules#readOnlyWrite}).
 */
public final class ReactiveCollectedWrites {

	private final TransactionUnits<ReactiveUnitWriter> units = new TransactionUnits<>((writer) -> 0);

	private final boolean readOnly;

	/** The after-save and after-delete callbacks of the collected writes, run in order once the commit stored them. */
	private final List<Mono<Void>> afterCommit = new ArrayList<>();

	private final @Nullable String name;

	private ReactiveCollectedWrites(boolean readOnly, @Nullable String name) {
		this.readOnly = readOnly;
		this.name = name;
	}

	/**
	 * Creates the writes of a transaction.
	 * @param readOnly whether every write is refused
	 * @param name the transaction's name, for messages
	 */
	public static ReactiveCollectedWrites of(boolean readOnly, @Nullable String name) {
		return new ReactiveCollectedWrites(readOnly, name);
	}

	/**
	 * Adds a unit made by the template of the given writer, refused as {@link TransactionUnits#collect} refuses.
	 * @param before the stamps of the entity given to the write, put back when the commit fails or is discarded
	 */
	void collect(WriteUnit unit, ReactiveUnitWriter writer, Stamps.Snapshot before) {
		collect(unit, writer, before, null);
	}

	/**
	 * Adds a unit, as {@link #collect(WriteUnit, ReactiveUnitWriter, Stamps.Snapshot)}, with what runs once the
	 * commit stored it (its after-save callbacks).
	 */
	void collect(WriteUnit unit, ReactiveUnitWriter writer, Stamps.Snapshot before, @Nullable Mono<Void> afterCommit) {
		if (this.readOnly) {
			throw TransactionRules.readOnlyWrite(this.name, unit.operation(), unit.type());
		}
		this.units.collect(unit, writer, before, null);
		if (afterCommit != null) {
			afterCommit(afterCommit);
		}
	}

	/**
	 * Adds what runs once the commit stored the writes (an after-delete callback), in the order added.
	 */
	void afterCommit(Mono<Void> action) {
		synchronized (this.afterCommit) {
			this.afterCommit.add(action);
		}
	}

	/**
	 * Sends every collected write as one {@code TransactWriteItems}, all or nothing, when subscribed; nothing when
	 * none was collected. A failed commit puts back the stamps as {@link #discard()} does.
	 * @return completes once the writes are stored; a {@link TransactionCancelledException} when DynamoDB cancels
	 * the transaction
	 */
	public Mono<Void> commit() {
		return Mono.defer(() -> {
			if (this.readOnly || !this.units.startCommit()) {
				return Mono.empty();
			}
			List<WriteUnit> collected = this.units.units();
			// the reactive templates of one database factory send alike (its client and table, no blob stage, no
			// per-type counts), so the units go through the first one's writer
			ReactiveUnitWriter writer = this.units.writers().get(0);
			return writer.writeAll(collected).onErrorResume(RuntimeException.class, (ex) -> {
				discard();
				return Mono.error(ex);
			}).flatMap((result) -> result.failures().isEmpty()
					? Mono.fromRunnable(this.units::committed).then(Mono.defer(this::runAfterCommit))
					: Mono.error(this.units.cancelled(result.failures())));
		});
	}

	/**
	 * Drops the collected writes without sending them (a rollback): the mutable entities they stamped get back the
	 * id, version and timestamps they had before.
	 */
	public void discard() {
		this.units.discard();
		synchronized (this.afterCommit) {
			this.afterCommit.clear();
		}
	}

	private Mono<Void> runAfterCommit() {
		List<Mono<Void>> actions;
		synchronized (this.afterCommit) {
			actions = List.copyOf(this.afterCommit);
			this.afterCommit.clear();
		}
		return Flux.concat(actions).then();
	}

	/**
	 * Returns whether no write was collected.
	 */
	public boolean isEmpty() {
		return this.units.isEmpty();
	}

	@Override
	public String toString() {
		return (this.readOnly ? "read-only reactive transaction" + TransactionRules.describe(this.name)
				: "reactive transaction of " + this.units.describe());
	}

}
