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
import dev.singletable.core.internal.operation.EntityOperations;
import dev.singletable.core.internal.write.DeleteOperation;
import dev.singletable.core.internal.write.EntityWrites;
import dev.singletable.core.internal.write.StoredItems;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.write.AtomicUpdates;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.Callbacks;
import dev.singletable.core.internal.write.UnitWriter;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Turns the operations of a {@link SingleTableTransaction} into {@link WriteUnit}s and either hands them to the
 * {@link CollectedWrites} of the transaction the template joined, which refuses at once an operation that would make
 * the transaction exceed 100 items or touch an item another operation touches, and sends them all through the
 * {@link UnitWriter} at its commit — or, for the template's writes outside a transaction
 * ({@link #immediate immediate}), sends each unit at once on its own. So a single write and a transaction run the
 * same code.
 */
public final class DefaultSingleTableTransaction implements PendingTransaction {

	private final SingleTableConverter converter;

	private final EntityWrites writes;

	private final AtomicUpdates atomicUpdates;

	private final UnitWriter writer;

	private final AuditRecords audit;

	private final Callbacks callbacks;

	/** Runs the plans of the writes that read before they write. */
	private final BlockingDriver driver;

	/** The transaction the units are collected by, {@literal null} when each is sent at once. */
	private final @Nullable CollectedWrites collected;

	/** The plans of the writes of entities, from their before-convert to their after-save callbacks. */
	private final EntityOperations operations;

	/** Answers what those plans ask their caller: on this thread, with this transaction. */
	private final ThreadCaller caller;

	private DefaultSingleTableTransaction(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit, BlockingDriver driver, EntityOperations operations, @Nullable CollectedWrites collected) {
		this.collected = collected;
		this.operations = operations;
		this.caller = new ThreadCaller(callbacks, audit, collected, writer, driver);
		this.driver = driver;
		this.callbacks = callbacks;
		this.audit = audit;
		this.converter = converter;
		this.writes = writes;
		this.atomicUpdates = atomicUpdates;
		this.writer = writer;
	}

	/**
	 * How a template joins a transaction ({@link CollectedWrites#join}): its writes there are collected until the
	 * transaction commits.
	 */
	public static Function<CollectedWrites, PendingTransaction> joining(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit, BlockingDriver driver, EntityOperations operations) {
		return (collected) -> new DefaultSingleTableTransaction(converter, writes, atomicUpdates, writer,
				callbacks, audit, driver, operations, collected);
	}

	/**
	 * Writes that are sent one by one, each as soon as it is made (as a single write: a {@code PutItem} or
	 * {@code DeleteItem} for one item), failing with the operation's own exception.
	 */
	public static DefaultSingleTableTransaction immediate(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit, BlockingDriver driver, EntityOperations operations) {
		return new DefaultSingleTableTransaction(converter, writes, atomicUpdates, writer, callbacks, audit,
				driver, operations, null);
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
	@SuppressWarnings("NullAway")
	private <T> T run(Step<T> plan) {
		return this.driver.run(plan, this.caller);
	}

	@Override
	public void delete(Object entity) {
		delete(entity, false);
	}

	@Override
	public void delete(Object entity, boolean existing) {
		Assert.notNull(entity, "Entity must not be null");
		DeleteOperation delete = this.writes.delete(entity, existing);
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
		if (delete == null) {
			deleteById(metadata.getType(), Stamps.requireId(metadata, metadata.getPropertyAccessor(entity)));
		}
		else {
			boolean recorded = isRecorded(metadata);
			Map<String, AttributeValue> latest = recorded ? storedLatest(metadata, delete.id()) : null;
			WriteUnit unit = this.driver.run(delete.planWithHistory());
			if (!recorded || latest != null) {
				add(this.audit.record(unit, AuditEntry.DELETE, latest));
			}
			else if (existing) {
				// its condition fails the transaction; no audit row for a delete of nothing
				add(unit);
			}
		}
		if (this.collected == null) {
			this.callbacks.afterDelete(entity);
		}
		else {
			this.collected.afterCommit(() -> this.callbacks.afterDelete(entity));
		}
	}

	@Override
	public void deleteById(Class<?> type, String id) {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
		String checked = ResourceIds.check(type, id);
		boolean recorded = isRecorded(metadata);
		Map<String, AttributeValue> latest = recorded ? storedLatest(metadata, checked) : null;
		if (recorded && latest == null) {
			// nothing stored: no audit row, no count taken off
			return;
		}
		WriteUnit unit = this.driver.run(this.writes.deleteById(metadata, checked).unit());
		add(this.audit.record(unit, AuditEntry.DELETE, latest));
	}

	/**
	 * Whether a delete would write an audit row or take a count off: then the latest item is read first
	 * ({@link #storedLatest}), and a delete of nothing writes nothing.
	 */
	private boolean isRecorded(SingleTablePersistentEntity<?> metadata) {
		return this.audit.audits(metadata.getType()) || this.writer.reservedItems() > 0;
	}

	/**
	 * Reads the stored latest item (strongly consistent), {@literal null} when nothing is stored.
	 */
	private @Nullable Map<String, AttributeValue> storedLatest(SingleTablePersistentEntity<?> metadata, String id) {
		return this.driver
			.run(StoredItems.read(this.driver.executor().getTableName(), ItemLayout.latestKey(metadata, id)));
	}

	@Override
	public void increment(Class<?> type, String id, String property, long delta) {
		atomic("increment", this.atomicUpdates.incrementUpdate(entity(type), property, delta), type, id);
	}

	@Override
	public void addToSet(Class<?> type, String id, String property, String... values) {
		atomic("addToSet", this.atomicUpdates.setUpdate(entity(type), property, true, values), type, id);
	}

	@Override
	public void removeFromSet(Class<?> type, String id, String property, String... values) {
		atomic("removeFromSet", this.atomicUpdates.setUpdate(entity(type), property, false, values), type, id);
	}

	@Override
	public void appendToList(Class<?> type, String id, String property, Object... values) {
		atomic("appendToList", this.atomicUpdates.appendUpdate(entity(type), property, values), type, id);
	}

	/**
	 * Adds an atomic update; sends it at once when immediate, where a property stored as NULL is replaced by an
	 * empty value first (which a transaction cannot do).
	 */
	private void atomic(String operation, AtomicUpdates.Update update, Class<?> type, String id) {
		String checked = ResourceIds.check(type, id);
		if (this.collected == null) {
			this.driver.run(update.plan(checked));
		}
		else {
			add(update.unit(operation, checked));
		}
	}

	@Override
	public void requireVersion(Object entity, long version) {
		Assert.notNull(entity, "Entity must not be null");
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(entity.getClass());
		requireVersion(metadata.getType(), Stamps.requireId(metadata, metadata.getPropertyAccessor(entity)), version);
	}

	@Override
	public void requireVersion(Class<?> type, String id, long version) {
		SingleTablePersistentEntity<?> metadata = entity(type);
		if (metadata.getVersionProperty() == null) {
			throw new IllegalArgumentException(type.getSimpleName()
					+ " has no @Version property; use requireExists, or give it a version");
		}
		add(this.writes.check("requireVersion", metadata, ResourceIds.check(type, id), version, false));
	}

	@Override
	public void requireExists(Class<?> type, String id) {
		add(this.writes.check("requireExists", entity(type), ResourceIds.check(type, id), null, false));
	}

	@Override
	public void requireAbsent(Class<?> type, String id) {
		add(this.writes.check("requireAbsent", entity(type), ResourceIds.check(type, id), null, true));
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
		return (T) this.driver.run(this.operations.stored(unit, Stamps.Snapshot.NONE), this.caller);
	}

	private SingleTablePersistentEntity<?> entity(Class<?> type) {
		return this.converter.getRequiredEntity(type);
	}

}
