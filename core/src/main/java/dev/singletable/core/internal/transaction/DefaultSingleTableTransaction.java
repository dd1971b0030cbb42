package dev.singletable.core.internal.transaction;

import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTransaction;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.operation.DeleteOperations;
import dev.singletable.core.internal.operation.EntityOperations;
import dev.singletable.core.internal.operation.OperationPlans;
import dev.singletable.core.internal.operation.UnitOperations;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.write.build.AtomicUpdates;
import dev.singletable.core.internal.write.build.Callbacks;
import dev.singletable.core.internal.write.build.DeleteOperation;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.item.StoredItems;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns the operations of a {@link SingleTableTransaction} into {@link WriteUnit}s and either hands them to the
 * {@link CollectedWrites} of the transaction the template joined, which refuses at once an operation that would make
 * the transaction exceed 100 items or touch an item another operation touches, and sends them all, each through
 * its template's {@link UnitSender}, at its commit — or, for the template's writes outside a transaction
 * ({@link #immediate immediate}), sends each unit at once on its own. So a single write and a transaction run the
 * same code.
 */
public final class DefaultSingleTableTransaction implements PendingTransaction {

	/** Runs the plans of the operations, with {@link #caller}'s answers. */
	private final BlockingDriver driver;

	/** The plans of the writes of entities, from their before-convert to their after-save callbacks. */
	private final EntityOperations operations;

	private final DeleteOperations deletes;

	private final UnitOperations units;

	/** Answers what those plans ask their caller: on this thread, with this transaction. */
	private final ThreadCaller caller;

	private DefaultSingleTableTransaction(OperationPlans plans, UnitSender sender, Callbacks callbacks,
			AuditRecords audit, BlockingDriver driver, @Nullable CollectedWrites collected) {
		this.driver = driver;
		this.operations = plans.entities();
		this.deletes = plans.deletes();
		this.units = plans.units();
		this.caller = new ThreadCaller(callbacks, audit, collected, sender, driver);
	}

	/**
	 * How a template joins a transaction ({@link CollectedWrites#join}): its writes there are collected until the
	 * transaction commits.
	 */
	public static Function<CollectedWrites, PendingTransaction> joining(OperationPlans plans, UnitSender sender,
			Callbacks callbacks, AuditRecords audit, BlockingDriver driver) {
		return (collected) -> new DefaultSingleTableTransaction(plans, sender, callbacks, audit, driver, collected);
	}

	/**
	 * Writes that are sent one by one, each as soon as it is made (as a single write: a {@code PutItem} or
	 * {@code DeleteItem} for one item), failing with the operation's own exception.
	 */
	public static DefaultSingleTableTransaction immediate(OperationPlans plans, UnitSender sender, Callbacks callbacks,
			AuditRecords audit, BlockingDriver driver) {
		return new DefaultSingleTableTransaction(plans, sender, callbacks, audit, driver, null);
	}

	@Override
	public <T> T create(T entity) {
		return run(this.operations.create(entity));
	}

	@Override
	public <T> T update(T entity) {
		return run(this.operations.update(entity));
	}

	@Override
	public <T> T update(T entity, Changes changes) {
		return run(this.operations.update(entity, changes));
	}

	@Override
	public <T> T save(T entity) {
		return run(this.operations.save(entity));
	}

	@Override
	public <T> T restoreVersion(Class<T> type, String id, long version) {
		return run(this.operations.restore(type, id, version));
	}

	/**
	 * Runs an operation's plan, what it asks its caller answered on this thread.
	 */
	@Override
	public <R> @Nullable R run(Step<R> plan) {
		return this.driver.run(plan, this.caller);
	}

	@Override
	public void delete(Object entity) {
		delete(entity, false);
	}

	@Override
	public void delete(Object entity, boolean existing) {
		run(this.deletes.delete(entity, existing));
	}

	@Override
	public void deleteById(Class<?> type, String id) {
		run(this.deletes.deleteById(type, id));
	}

	@Override
	public void increment(Class<?> type, String id, String property, long delta) {
		run(this.units.atomic("increment", type, id, property, delta));
	}

	@Override
	public void addToSet(Class<?> type, String id, String property, String... values) {
		run(this.units.atomic("addToSet", type, id, property, values));
	}

	@Override
	public void removeFromSet(Class<?> type, String id, String property, String... values) {
		run(this.units.atomic("removeFromSet", type, id, property, values));
	}

	@Override
	public void appendToList(Class<?> type, String id, String property, Object... values) {
		run(this.units.atomic("appendToList", type, id, property, values));
	}

	@Override
	public void requireVersion(Object entity, long version) {
		Assert.notNull(entity, "Entity must not be null");
		run(this.units.requireVersion(entity, version));
	}

	@Override
	public void requireVersion(Class<?> type, String id, long version) {
		run(this.units.check("requireVersion", type, id, version, false));
	}

	@Override
	public void requireExists(Class<?> type, String id) {
		run(this.units.check("requireExists", type, id, null, false));
	}

	@Override
	public void requireAbsent(Class<?> type, String id) {
		run(this.units.check("requireAbsent", type, id, null, true));
	}

	@Override
	public void write(WriteUnit unit) {
		add(unit);
	}

	/**
	 * Adds a unit to the transaction that collects it (see {@link CollectedWrites#collect}); sends it at once when
	 * immediate; its save callbacks around it ({@link EntityOperations#stored}).
	 * @return the entity as it will be stored (as stored, when immediate)
	 */
	@SuppressWarnings("unchecked")
	private <T> T add(WriteUnit unit) {
		return (T) run(this.operations.stored(unit, Stamps.Snapshot.NONE));
	}

}
