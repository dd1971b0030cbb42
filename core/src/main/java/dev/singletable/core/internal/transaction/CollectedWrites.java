package dev.singletable.core.internal.transaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.internal.write.WriteUnit;

/**
 * The writes one Spring-managed transaction collects, from every template built on the database factory it is bound
 * under (see {@link TransactionBinding}), and their commit. Each template joins it once, as a collecting
 * {@link DefaultSingleTableTransaction} that turns its operations into {@link WriteUnit}s and hands them here; this
 * refuses at once a unit that would take the transaction past 100 items or touch an item another operation touches,
 * whichever template made them, and on {@link #commit()} sends them all as one {@code TransactWriteItems} through
 * {@link UnitWriter#writeAll(List, List)}, each unit with the writer of the template that made it. Nothing is sent when
 * it is {@link #discard() discarded}.
 */
public final class CollectedWrites {

	/** The templates that joined, by the writer of each, in the order they joined. */
	private final Map<UnitWriter, PendingTransaction> joined = new LinkedHashMap<>();

	/** What every template gets instead of joining when writes are refused (a read-only transaction). */
	private final @Nullable PendingTransaction refusing;

	private final List<WriteUnit> units = new ArrayList<>();

	/** The writer of the template that made each unit, by the unit's position. */
	private final List<UnitWriter> writers = new ArrayList<>();

	/** The after-save and after-delete callbacks of the collected operations, run after the commit. */
	private final List<Runnable> afterCommit = new ArrayList<>();

	/** The stamps of the entities given to the collected writes, put back when the commit fails or is discarded. */
	private final List<Stamps.Snapshot> stamped = new ArrayList<>();

	/** The operation touching each item, by key. */
	private final Map<Map<String, AttributeValue>, WriteUnit> touched = new HashMap<>();

	private int items;

	private boolean committed;

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
	 * of the transaction touches.
	 * @param writer the writer of the template that made the unit
	 * @param before the stamps of the entity given to the write, put back when the commit fails or is discarded
	 * @param afterCommit what to run once the transaction is stored (the after-save callback), or {@literal null}
	 */
	void collect(WriteUnit unit, UnitWriter writer, Stamps.Snapshot before, @Nullable Runnable afterCommit) {
		if (this.committed) {
			throw new InvalidDataAccessApiUsageException("The transaction was already committed; the " + unit.describe()
					+ " cannot join it");
		}
		for (TransactWriteItem item : unit.items()) {
			WriteUnit other = this.touched.get(WriteUnit.keyOf(item));
			if (other != null) {
				throw new InvalidDataAccessApiUsageException("A transaction can hold one operation per item: the "
						+ unit.describe() + " and the " + other.describe() + " (operation " + (this.units.indexOf(other) + 1)
						+ ") both write " + WriteUnit.keyOf(item).values().stream().map(AttributeValue::s).toList()
						+ "; combine them into one operation. Nothing was sent.");
			}
		}
		int max = UnitWriter.MAX_ITEMS - reservedItems(writer);
		if (this.items + unit.items().size() > max) {
			throw new InvalidDataAccessApiUsageException("A transaction holds at most " + UnitWriter.MAX_ITEMS
					+ " items" + ((max < UnitWriter.MAX_ITEMS) ? " (one of them the per-type counts)" : "")
					+ "; with the " + unit.describe() + " (" + unit.items().size() + ") it would hold "
					+ (this.items + unit.items().size()) + ": " + summary() + ". Items of each operation: "
					+ this.units.stream().map(WriteUnit::describeItems).collect(Collectors.joining("; ")) + "; "
					+ unit.describeItems() + ". Split the work into several transactions. Nothing was sent.");
		}
		for (TransactWriteItem item : unit.items()) {
			this.touched.put(WriteUnit.keyOf(item), unit);
		}
		this.units.add(unit);
		this.writers.add(writer);
		this.items += unit.items().size();
		this.stamped.add(before);
		if (afterCommit != null) {
			this.afterCommit.add(afterCommit);
		}
	}

	/**
	 * Adds what to run once the transaction is stored (an after-delete callback).
	 */
	void afterCommit(Runnable action) {
		this.afterCommit.add(action);
	}

	/**
	 * How many items of the transaction its writers add themselves: the per-type counts when the template of a
	 * collected unit (or of the given writer) keeps them.
	 */
	private int reservedItems(UnitWriter writer) {
		int reserved = writer.reservedItems();
		for (UnitWriter other : new HashSet<>(this.writers)) {
			reserved = Math.max(reserved, other.reservedItems());
		}
		return reserved;
	}

	/**
	 * Sends every collected write as one {@code TransactWriteItems}, all or nothing, then runs the after-commit
	 * callbacks. Does nothing when no write was collected. A failed commit puts back the stamps as {@link #discard()}
	 * does.
	 * @throws TransactionCancelledException when DynamoDB cancels the transaction
	 */
	public void commit() {
		if (this.refusing != null) {
			return;
		}
		if (this.committed) {
			throw new InvalidDataAccessApiUsageException("The transaction was already committed; it is sent once");
		}
		this.committed = true;
		if (this.units.isEmpty()) {
			return;
		}
		UnitWriter.Result result;
		try {
			result = UnitWriter.writeAll(List.copyOf(this.units), List.copyOf(this.writers));
		}
		catch (RuntimeException ex) {
			discard();
			throw ex;
		}
		if (!result.failures().isEmpty()) {
			discard();
			List<TransactionCancelledException.Failure> failures = result.failures()
				.stream()
				.map((failure) -> new TransactionCancelledException.Failure(failure.index(), failure.unit().operation(),
						failure.unit().type(), failure.unit().id(), failure.exception()))
				.toList();
			// the first operation's own exception as the cause, so that retry rules that look through causes for
			// an OptimisticLockingFailureException (a stale version) find it
			throw new TransactionCancelledException(failures, failures.get(0).exception());
		}
		this.afterCommit.forEach(Runnable::run);
	}

	/**
	 * Drops the collected writes without sending them (a rollback): the mutable entities they stamped get back the
	 * id, version and timestamps they had before. A failed {@link #commit()} does this itself.
	 */
	public void discard() {
		this.stamped.forEach(Stamps.Snapshot::restore);
		this.stamped.clear();
	}

	/**
	 * Returns whether no write was collected.
	 */
	public boolean isEmpty() {
		return this.units.isEmpty();
	}

	private String summary() {
		return this.units.stream()
			.collect(Collectors.groupingBy((unit) -> unit.operation() + " of " + unit.type().getSimpleName(),
					LinkedHashMap::new, Collectors.summingInt((unit) -> unit.items().size())))
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ": " + entry.getValue() + " items")
			.collect(Collectors.joining(", "));
	}

	@Override
	public String toString() {
		if (this.refusing != null) {
			return this.refusing.toString();
		}
		return "transaction of " + this.units.size() + " operations (" + this.items + " items) from "
				+ this.joined.size() + " template(s)";
	}

}
