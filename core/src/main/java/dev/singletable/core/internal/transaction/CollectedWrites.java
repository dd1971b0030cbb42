package dev.singletable.core.internal.transaction;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.UnitSend;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.internal.write.WriteUnit;

/**
 * The writes one Spring-managed transaction collects, from every template built on the database factory it is bound
 * under (see {@link TransactionBinding}), and their commit. Each template joins it once, as a collecting
 * {@link DefaultSingleTableTransaction} that turns its operations into {@link WriteUnit}s and hands them here; this
 * refuses at once a unit that would take the transaction past 100 items or touch an item another operation touches,
 * whichever template made them ({@link TransactionUnits}: the rules it shares with the reactive transaction), and
 * on {@link #commit()} sends them all as one {@code TransactWriteItems} through
 * {@link UnitWriter#writeAll(java.util.List, java.util.List)}, each unit with the writer of the template that made
 * it. Nothing is sent when it is {@link #discard() discarded}.
 */
public final class CollectedWrites {

	/** The templates that joined, by the writer of each, in the order they joined. */
	private final Map<UnitWriter, PendingTransaction> joined = new LinkedHashMap<>();

	/** What every template gets instead of joining when writes are refused (a read-only transaction). */
	private final @Nullable PendingTransaction refusing;

	/** The collected units and their rules (limits, stamps, callbacks), shared with the reactive transaction. */
	private final TransactionUnits<UnitWriter> units = new TransactionUnits<>(UnitWriter::reservedItems);

	/**
	 * Creates an empty transaction that templates join.
	 */
	public CollectedWrites() {
		this.refusing = null;
	}

	private CollectedWrites(PendingTransaction refusing) {
		this.refusing = refusing;
	}

	/**
	 * Returns a transaction that every template joins as the given one, which refuses its writes: nothing is ever
	 * collected or sent.
	 */
	public static CollectedWrites refusing(PendingTransaction refusing) {
		return new CollectedWrites(refusing);
	}

	/**
	 * Returns the transaction as the template of the given writer writes to it, joining it the first time.
	 * @param writer the writer of the template, which sends its units at the commit
	 * @param joining makes the template's collecting transaction on this one
	 */
	PendingTransaction join(UnitWriter writer, Function<CollectedWrites, PendingTransaction> joining) {
		if (this.refusing != null) {
			return this.refusing;
		}
		return this.joined.computeIfAbsent(writer, (key) -> joining.apply(this));
	}

	/**
	 * Adds a unit, refusing it when the transaction would exceed 100 items or it touches an item another operation
	 * of the transaction touches (see {@link TransactionUnits#collect}).
	 * @param writer the writer of the template that made the unit
	 * @param before the stamps of the entity given to the write, put back when the commit fails or is discarded
	 * @param afterCommit what to run once the transaction is stored (the after-save callback), or {@literal null}
	 */
	void collect(WriteUnit unit, UnitWriter writer, Stamps.Snapshot before, @Nullable Runnable afterCommit) {
		this.units.collect(unit, writer, before, afterCommit);
	}

	/**
	 * Adds what to run once the transaction is stored (an after-delete callback).
	 */
	void afterCommit(Runnable action) {
		this.units.afterCommit(action);
	}

	/**
	 * Sends every collected write as one {@code TransactWriteItems}, all or nothing, then runs the after-commit
	 * callbacks. Does nothing when no write was collected. A failed commit puts back the stamps as {@link #discard()}
	 * does.
	 * @throws TransactionCancelledException when DynamoDB cancels the transaction
	 */
	public void commit() {
		if (this.refusing != null || !this.units.startCommit()) {
			return;
		}
		UnitSend.Result result;
		try {
			result = UnitWriter.writeAll(this.units.units(), this.units.writers());
		}
		catch (RuntimeException ex) {
			discard();
			throw ex;
		}
		if (!result.failures().isEmpty()) {
			throw this.units.cancelled(result.failures());
		}
		this.units.committed();
	}

	/**
	 * Drops the collected writes without sending them (a rollback): the mutable entities they stamped get back the
	 * id, version and timestamps they had before. A failed {@link #commit()} does this itself.
	 */
	public void discard() {
		this.units.discard();
	}

	/**
	 * Returns whether no write was collected.
	 */
	public boolean isEmpty() {
		return this.units.isEmpty();
	}

	@Override
	public String toString() {
		if (this.refusing != null) {
			return this.refusing.toString();
		}
		return "transaction of " + this.units.describe() + " from " + this.joined.size() + " template(s)";
	}

}
