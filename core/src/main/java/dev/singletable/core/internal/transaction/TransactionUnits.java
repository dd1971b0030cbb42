package dev.singletable.core.internal.transaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.send.UnitSend;
import dev.singletable.core.internal.write.unit.WriteUnit;

/**
 * The rules of the writes one transaction collects ({@link CollectedWrites}, of either API), with no I/O: a unit that would take the transaction past 100
 * items (the per-type counts' item reserved when a template keeps them) or touch an item another operation touches is
 * refused before anything is sent, naming the operations; a cancelled commit becomes one
 * {@link TransactionCancelledException} naming each failed operation; a failed or discarded transaction puts back
 * the stamps of the entities it was given. Each unit is kept with the template (of type {@code W}) that made it,
 * which sends it at the commit, and each after-commit plan with the template that runs it.
 * @param <W> what identifies a template that joined
 */
public final class TransactionUnits<W> {

	private final ToIntFunction<W> reservedItems;

	private final List<WriteUnit> units = new ArrayList<>();

	/** The template that made each unit, by the unit's position. */
	private final List<W> templates = new ArrayList<>();

	/** The after-save and after-delete callbacks of the collected operations, run after the commit. */
	private final List<After<W>> afterCommit = new ArrayList<>();

	/** The stamps of the entities given to the collected writes, put back when the commit fails or is discarded. */
	private final List<Stamps.Snapshot> stamped = new ArrayList<>();

	/** The operation touching each item, by key. */
	private final Map<Map<String, AttributeValue>, WriteUnit> touched = new HashMap<>();

	private int items;

	private boolean committed;

	/**
	 * Creates an empty transaction.
	 * @param reservedItems how many items of a transaction a template's send adds itself (see
	 * {@link UnitSend#reservedItems()})
	 */
	public TransactionUnits(ToIntFunction<W> reservedItems) {
		this.reservedItems = reservedItems;
	}

	/**
	 * Adds a unit, refusing it when the transaction would exceed 100 items or it touches an item another operation
	 * of the transaction touches (then nothing of it is kept).
	 * @param template the template that made the unit
	 * @param before the stamps of the entity given to the write, put back when the commit fails or is discarded
	 * @param afterCommit what to run on that template once the transaction is stored (the after-save callback), or
	 * {@literal null}
	 */
	public synchronized void collect(WriteUnit unit, W template, Stamps.Snapshot before, @Nullable Step<?> afterCommit) {
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
		int max = UnitSend.MAX_ITEMS - reservedItems(template);
		if (this.items + unit.items().size() > max) {
			throw new InvalidDataAccessApiUsageException("A transaction holds at most " + UnitSend.MAX_ITEMS
					+ " items" + ((max < UnitSend.MAX_ITEMS) ? " (one of them the per-type counts)" : "")
					+ "; with the " + unit.describe() + " (" + unit.items().size() + ") it would hold "
					+ (this.items + unit.items().size()) + ": " + summary() + ". Items of each operation: "
					+ this.units.stream().map(WriteUnit::describeItems).collect(Collectors.joining("; ")) + "; "
					+ unit.describeItems() + ". Split the work into several transactions. Nothing was sent.");
		}
		for (TransactWriteItem item : unit.items()) {
			this.touched.put(WriteUnit.keyOf(item), unit);
		}
		this.units.add(unit);
		this.templates.add(template);
		this.items += unit.items().size();
		this.stamped.add(before);
		if (afterCommit != null) {
			this.afterCommit.add(new After<>(template, afterCommit));
		}
	}

	/**
	 * Adds what to run on a template once the transaction is stored (an after-delete callback).
	 */
	public synchronized void afterCommit(W template, Step<?> action) {
		this.afterCommit.add(new After<>(template, action));
	}

	/**
	 * How many items of the transaction its templates' sends add themselves: the per-type counts when the
	 * template of a collected unit (or the given one) keeps them.
	 */
	private int reservedItems(W template) {
		int reserved = this.reservedItems.applyAsInt(template);
		for (W other : this.templates) {
			reserved = Math.max(reserved, this.reservedItems.applyAsInt(other));
		}
		return reserved;
	}

	/**
	 * Starts the commit: a transaction is sent once, and collects nothing afterwards.
	 * @return whether there is anything to send
	 * @throws InvalidDataAccessApiUsageException when the commit was already started
	 */
	public synchronized boolean startCommit() {
		if (this.committed) {
			throw new InvalidDataAccessApiUsageException("The transaction was already committed; it is sent once");
		}
		this.committed = true;
		return !this.units.isEmpty();
	}

	/**
	 * Returns the collected units, in the order they were collected.
	 */
	public synchronized List<WriteUnit> units() {
		return List.copyOf(this.units);
	}

	/**
	 * Returns the template of each collected unit, by position.
	 */
	public synchronized List<W> templates() {
		return List.copyOf(this.templates);
	}

	/**
	 * Returns what a commit whose units failed their conditions throws, once the stamps are put back: one
	 * {@link TransactionCancelledException} naming, per failed operation, its position, name, type, id and
	 * exception.
	 * @param failures the failed units, as the send reports them
	 */
	public TransactionCancelledException cancelled(List<UnitSend.Failure> failures) {
		discard();
		List<TransactionCancelledException.Failure> reported = failures.stream()
			.map((failure) -> new TransactionCancelledException.Failure(failure.index(), failure.unit().operation(),
					failure.unit().type(), failure.unit().id(), failure.exception()))
			.toList();
		// the first operation's own exception as the cause, so that retry rules that look through causes for an
		// OptimisticLockingFailureException (a stale version) find it
		return new TransactionCancelledException(reported, reported.get(0).exception());
	}

	/**
	 * Returns what runs once the transaction is stored (the after-save and after-delete callbacks), in the order
	 * added, each with its template.
	 */
	public synchronized List<After<W>> afterCommit() {
		return List.copyOf(this.afterCommit);
	}

	/**
	 * Puts back the stamps of the entities given to the collected writes (a rollback, a failed commit), and drops
	 * what was to run after the commit.
	 */
	public void discard() {
		List<Stamps.Snapshot> snapshots;
		synchronized (this) {
			snapshots = List.copyOf(this.stamped);
			this.stamped.clear();
			this.afterCommit.clear();
		}
		snapshots.forEach(Stamps.Snapshot::restore);
	}

	/**
	 * Returns whether no write was collected.
	 */
	public synchronized boolean isEmpty() {
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

	/**
	 * Describes the transaction: its operations and items.
	 */
	public synchronized String describe() {
		return this.units.size() + " operations (" + this.items + " items)";
	}

	/**
	 * A plan to run on a template once the transaction is stored.
	 * @param template the template that runs it (its driver, its caller)
	 * @param plan the plan
	 * @param <W> what identifies a template
	 */
	public record After<W>(W template, Step<?> plan) {
	}

}
