package dev.singletable.core.internal.transaction;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.plan.Step;

import dev.singletable.core.SingleTableTransaction;
import dev.singletable.core.internal.write.unit.WriteUnit;

/**
 * A template's writes in a transaction: the operations of a {@link SingleTableTransaction} and the delete the
 * template's {@code deleteExisting} makes. Inside a Spring-managed transaction a template's writes go to the one it
 * joined ({@link TransactionBinding}), whose units {@link CollectedWrites} collects with those of every other
 * template of the same database factory; outside one, to the template's immediate transaction, which sends each
 * write at once.
 */
public interface PendingTransaction extends SingleTableTransaction {

	/**
	 * Adds the delete of an entity as read, as {@link #delete(Object)} does, or as {@code CrudRepository.delete}
	 * asks: failing when its resource no longer exists.
	 * @param existing whether a resource found gone fails the delete (the commit)
	 */
	void delete(Object entity, boolean existing);

	/**
	 * Adds a unit of internal items that belongs to no entity operation (such as an event publication of the
	 * outbox): collected with the others, else sent at once. No entity callback runs for it.
	 */
	void write(WriteUnit unit);

	/**
	 * Runs an operation's plan ({@code core.internal.operation}), what it asks its caller answered with this
	 * transaction: its units collected by it, or sent at once when it sends each write at once.
	 * @return the plan's result
	 */
	<R> @Nullable R run(Step<R> plan);

}
