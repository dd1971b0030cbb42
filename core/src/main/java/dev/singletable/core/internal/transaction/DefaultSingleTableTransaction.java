package dev.singletable.core.internal.transaction;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTransaction;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.unit.WriteUnit;

/**
 * The operations of a {@link SingleTableTransaction} as the blocking template runs them: each one's plan
 * ({@code core.internal.operation}) run on the template's driver with the answers of its {@link ThreadCaller}, the
 * same plans the reactive template runs. Whether a write joins the Spring-managed transaction bound to the thread or
 * is sent at once on its own is not decided here: its plan asks the caller ({@link TransactionRequests}), which
 * collects it in the bound {@link CollectedWrites} (refusing at once what would exceed 100 items or touch an item
 * another operation touches, or any write of a read-only transaction). So a single write and a transaction run the
 * same code, and the template's own writes and a {@code transaction(..)} callback's are one object.
 */
public final class DefaultSingleTableTransaction implements SingleTableTransaction {

	/** Runs the plans of the operations, with {@link #caller}'s answers. */
	private final BlockingDriver driver;

	/** The plans of its operations, the template's. */
	private final OperationPlans plans;

	/** Answers what those plans ask their caller: on this thread, with the transaction bound to it. */
	private final ThreadCaller caller;

	/**
	 * Creates the writes of a template.
	 * @param plans the template's plans
	 * @param driver its driver
	 * @param caller its caller
	 */
	public DefaultSingleTableTransaction(OperationPlans plans, BlockingDriver driver, ThreadCaller caller) {
		this.driver = driver;
		this.plans = plans;
		this.caller = caller;
	}

	@Override
	public <T> T create(T entity) {
		return run(this.plans.entities().create(entity));
	}

	@Override
	public <T> T update(T entity) {
		return run(this.plans.entities().update(entity));
	}

	@Override
	public <T> T update(T entity, Changes changes) {
		return run(this.plans.entities().update(entity, changes));
	}

	@Override
	public <T> T save(T entity) {
		return run(this.plans.entities().save(entity));
	}

	@Override
	public <T> T restoreVersion(Class<T> type, String id, long version) {
		return run(this.plans.entities().restore(type, id, version));
	}

	/**
	 * Runs an operation's plan, what it asks its caller answered on this thread: its units collected by the
	 * transaction bound, else sent at once.
	 * @return the plan's result
	 */
	public <R> @Nullable R run(Step<R> plan) {
		return this.driver.run(plan, this.caller);
	}

	@Override
	public void delete(Object entity) {
		delete(entity, false);
	}

	/**
	 * Deletes an entity as read, as {@link #delete(Object)} does, or as {@code CrudRepository.delete} asks: failing
	 * when its resource no longer exists.
	 * @param existing whether a resource found gone fails the delete (the commit)
	 */
	public void delete(Object entity, boolean existing) {
		run(this.plans.deletes().delete(entity, existing));
	}

	@Override
	public void deleteById(Class<?> type, String id) {
		run(this.plans.deletes().deleteById(type, id));
	}

	@Override
	public void increment(Class<?> type, String id, String property, long delta) {
		run(this.plans.units().atomic("increment", type, id, property, delta));
	}

	@Override
	public void addToSet(Class<?> type, String id, String property, String... values) {
		run(this.plans.units().atomic("addToSet", type, id, property, values));
	}

	@Override
	public void removeFromSet(Class<?> type, String id, String property, String... values) {
		run(this.plans.units().atomic("removeFromSet", type, id, property, values));
	}

	@Override
	public void appendToList(Class<?> type, String id, String property, Object... values) {
		run(this.plans.units().atomic("appendToList", type, id, property, values));
	}

	@Override
	public void requireVersion(Object entity, long version) {
		run(this.plans.units().requireVersion(entity, version));
	}

	@Override
	public void requireVersion(Class<?> type, String id, long version) {
		run(this.plans.units().requireVersion(type, id, version));
	}

	@Override
	public void requireExists(Class<?> type, String id) {
		run(this.plans.units().requireExists(type, id));
	}

	@Override
	public void requireAbsent(Class<?> type, String id) {
		run(this.plans.units().requireAbsent(type, id));
	}

	/**
	 * Writes a unit of internal items that belongs to no entity operation (such as an event publication of the
	 * outbox): collected by the transaction bound (see {@link CollectedWrites#collect}), else sent at once.
	 */
	public void write(WriteUnit unit) {
		run(this.plans.entities().stored(unit, Stamps.Snapshot.NONE));
	}

}
