package dev.singletable.core.internal.transaction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
import dev.singletable.core.internal.write.DeleteOperation;
import dev.singletable.core.internal.write.EntityWrites;
import dev.singletable.core.internal.write.PlannedWrite;
import dev.singletable.core.internal.write.StoredItems;
import dev.singletable.core.internal.plan.Step;
import dev.singletable.core.internal.write.AtomicUpdates;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.BlobStage;
import dev.singletable.core.internal.write.Callbacks;
import dev.singletable.core.internal.write.ChangesApplier;
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

	private final ChangesApplier changes;

	private final UnitWriter writer;

	private final AuditRecords audit;

	private final Callbacks callbacks;

	/** Runs the plans of the writes that read before they write. */
	private final BlockingDriver driver;

	/** The transaction the units are collected by, {@literal null} when each is sent at once. */
	private final @Nullable CollectedWrites collected;

	private DefaultSingleTableTransaction(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, ChangesApplier changes, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit, BlockingDriver driver, @Nullable CollectedWrites collected) {
		this.collected = collected;
		this.driver = driver;
		this.callbacks = callbacks;
		this.audit = audit;
		this.converter = converter;
		this.writes = writes;
		this.atomicUpdates = atomicUpdates;
		this.changes = changes;
		this.writer = writer;
	}

	/**
	 * How a template joins a transaction ({@link CollectedWrites#join}): its writes there are collected until the
	 * transaction commits.
	 */
	public static Function<CollectedWrites, PendingTransaction> joining(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, ChangesApplier changes, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit, BlockingDriver driver) {
		return (collected) -> new DefaultSingleTableTransaction(converter, writes, atomicUpdates, changes, writer,
				callbacks, audit, driver, collected);
	}

	/**
	 * Writes that are sent one by one, each as soon as it is made (as a single write: a {@code PutItem} or
	 * {@code DeleteItem} for one item), failing with the operation's own exception.
	 */
	public static DefaultSingleTableTransaction immediate(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, ChangesApplier changes, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit, BlockingDriver driver) {
		return new DefaultSingleTableTransaction(converter, writes, atomicUpdates, changes, writer, callbacks, audit,
				driver, null);
	}

	@Override
	public <T> T create(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return write(entity, () -> this.audit.record(this.writes.create(beforeConvert(entity)), AuditEntry.CREATE, null));
	}

	@Override
	public <T> T update(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return write(entity, () -> updated(beforeConvert(entity), List.of()));
	}

	@Override
	public <T> T update(T entity, Changes changes) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.notNull(changes, "Changes must not be null");
		BlobStage.Changed<T> changed = this.writes.applyChanges(entity, changes, this.changes);
		return write(changed.entity(), () -> updated(beforeConvert(changed.entity()), changed.cleared()));
	}

	/**
	 * The unit of an update, its plan run first, with its audit row.
	 */
	private <T> WriteUnit updated(T entity, List<String> clearedBlobs) {
		PlannedWrite planned = run(this.writes.update(entity, clearedBlobs,
				this.audit.needsBefore(entity.getClass(), AuditEntry.UPDATE)));
		return this.audit.record(planned.unit(), AuditEntry.UPDATE, planned.stored());
	}

	private PlannedWrite run(Step<PlannedWrite> plan) {
		PlannedWrite planned = this.driver.run(plan);
		Assert.state(planned != null, "A write's plan ended without its unit");
		return planned;
	}

	@Override
	public <T> T save(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		// whether it is new is decided on the entity as given, before callbacks (auditing) set anything
		EntityWrites.Save save = this.writes.saveOf(entity);
		return write(entity, () -> {
			T converted = beforeConvert(entity);
			return switch (save) {
				case CREATE -> this.audit.record(this.writes.create(converted), AuditEntry.CREATE, null);
				case UPDATE -> updated(converted, List.of());
				case UPSERT -> {
					PlannedWrite planned = run(this.writes.upsert(converted));
					// an audited upsert: a CREATE when nothing was stored, else an UPDATE
					yield this.audit.record(planned.unit(),
							(planned.stored() != null) ? AuditEntry.UPDATE : AuditEntry.CREATE, planned.stored());
				}
			};
		});
	}

	/**
	 * Builds and adds the write of an entity; when it fails — refused while it is built, or when it is sent (at
	 * once, or with the commit) — the entity is left as it was given: its stamps (id, version, timestamps) are put
	 * back ({@link Stamps.Snapshot}).
	 */
	private <T> T write(Object given, java.util.function.Supplier<WriteUnit> build) {
		Stamps.Snapshot before = Stamps.snapshot(this.converter, given);
		WriteUnit unit;
		try {
			unit = build.get();
		}
		catch (RuntimeException ex) {
			before.restore();
			throw ex;
		}
		return add(unit, before);
	}

	private <T> T beforeConvert(T entity) {
		return this.callbacks.beforeConvert(this.writes.entityOf(entity), entity);
	}

	@Override
	public <T> T restoreVersion(Class<T> type, String id, long version) {
		PlannedWrite planned = run(this.writes.restore(type, id, version));
		return add(this.audit.recordRestore(planned.unit(), planned.stored(), version));
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
	 * immediate.
	 * @return the entity as it will be stored (as stored, when immediate)
	 */
	private <T> T add(WriteUnit unit) {
		return add(unit, Stamps.Snapshot.NONE);
	}

	/**
	 * Adds a unit as {@link #add(WriteUnit)} does, putting back the given stamps when the unit is refused or, sent at
	 * once, fails; a collected unit's are put back when the commit fails or the transaction is discarded.
	 */
	@SuppressWarnings("unchecked")
	private <T> T add(WriteUnit unit, Stamps.Snapshot before) {
		Object written;
		try {
			this.callbacks.beforeSave(unit.result(), unit);
			if (this.collected != null) {
				Runnable afterSave = (unit.result() != null) ? () -> this.callbacks.afterSave(unit.result(), unit) : null;
				this.collected.collect(unit, this.writer, before, afterSave);
				return (T) unit.result();
			}
			written = this.writer.write(unit);
		}
		catch (RuntimeException ex) {
			before.restore();
			throw ex;
		}
		return (T) this.callbacks.afterSave(written, unit);
	}

	private SingleTablePersistentEntity<?> entity(Class<?> type) {
		return this.converter.getRequiredEntity(type);
	}

}
