package dev.singletable.core;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Turns the operations of a {@link SingleTableTransaction} into {@link WriteUnit}s and either collects them, refusing
 * at once an operation that would make the transaction exceed 100 items or touch an item another operation touches,
 * and sends them all through the {@link UnitWriter} on {@link #commit()} — or, for the template's writes outside a
 * transaction ({@link #immediate}), sends each unit at once on its own. So a single write and a transaction run the
 * same code.
 */
final class DefaultSingleTableTransaction implements PendingTransaction {

	private final SingleTableConverter converter;

	private final EntityWrites writes;

	private final AtomicUpdates atomicUpdates;

	private final ChangesApplier changes;

	private final UnitWriter writer;

	private final AuditRecords audit;

	private final Callbacks callbacks;

	/** The after-save and after-delete callbacks of the collected operations, run after the commit. */
	private final List<Runnable> afterCommit = new ArrayList<>();

	private final List<WriteUnit> units = new ArrayList<>();

	/** The stamps of the entities given to the collected writes, put back when the commit fails or is discarded. */
	private final List<Stamps.Snapshot> stamped = new ArrayList<>();

	/** The operation touching each item, by key. */
	private final Map<Map<String, AttributeValue>, WriteUnit> touched = new HashMap<>();

	private int items;

	private final boolean immediate;

	private boolean committed;

	private DefaultSingleTableTransaction(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, ChangesApplier changes, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit, boolean immediate) {
		this.immediate = immediate;
		this.callbacks = callbacks;
		this.audit = audit;
		this.converter = converter;
		this.writes = writes;
		this.atomicUpdates = atomicUpdates;
		this.changes = changes;
		this.writer = writer;
	}

	/**
	 * A transaction that collects operations until {@link #commit()}.
	 */
	static DefaultSingleTableTransaction collecting(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, ChangesApplier changes, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit) {
		return new DefaultSingleTableTransaction(converter, writes, atomicUpdates, changes, writer, callbacks, audit,
				false);
	}

	/**
	 * Writes that are sent one by one, each as soon as it is made (as a single write: a {@code PutItem} or
	 * {@code DeleteItem} for one item), failing with the operation's own exception.
	 */
	static DefaultSingleTableTransaction immediate(SingleTableConverter converter, EntityWrites writes,
			AtomicUpdates atomicUpdates, ChangesApplier changes, UnitWriter writer, Callbacks callbacks,
			AuditRecords audit) {
		return new DefaultSingleTableTransaction(converter, writes, atomicUpdates, changes, writer, callbacks, audit,
				true);
	}

	@Override
	public <T> T create(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return write(entity, () -> this.audit.record(this.writes.create(beforeConvert(entity)), AuditEntry.CREATE));
	}

	@Override
	public <T> T update(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		return write(entity, () -> this.audit.record(this.writes.update(beforeConvert(entity)), AuditEntry.UPDATE));
	}

	@Override
	public <T> T update(T entity, Changes changes) {
		Assert.notNull(entity, "Entity must not be null");
		Assert.notNull(changes, "Changes must not be null");
		BlobStage.Changed<T> changed = this.writes.applyChanges(entity, changes, this.changes);
		return write(changed.entity(), () -> this.audit.record(
				this.writes.update(beforeConvert(changed.entity()), changed.cleared()), AuditEntry.UPDATE));
	}

	@Override
	public <T> T save(T entity) {
		Assert.notNull(entity, "Entity must not be null");
		// whether it is new is decided on the entity as given, before callbacks (auditing) set anything
		EntityWrites.Save save = this.writes.saveOf(entity);
		return write(entity, () -> {
			T converted = beforeConvert(entity);
			return switch (save) {
				case CREATE -> this.audit.record(this.writes.create(converted), AuditEntry.CREATE);
				case UPDATE -> this.audit.record(this.writes.update(converted), AuditEntry.UPDATE);
				case UPSERT -> this.audit.recordUpsert(this.writes.upsert(converted));
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
		return add(this.audit.record(this.writes.restore(type, id, version), AuditEntry.UPDATE));
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
			boolean gone = recordedButGone(metadata, delete.id());
			WriteUnit unit = delete.unitWithHistory();
			if (!gone) {
				add(this.audit.record(unit, AuditEntry.DELETE));
			}
			else if (existing) {
				// its condition fails the transaction; no audit row for a delete of nothing
				add(unit);
			}
		}
		if (this.immediate) {
			this.callbacks.afterDelete(entity);
		}
		else {
			this.afterCommit.add(() -> this.callbacks.afterDelete(entity));
		}
	}

	@Override
	public void deleteById(Class<?> type, String id) {
		SingleTablePersistentEntity<?> metadata = this.converter.getRequiredEntity(type);
		String checked = ResourceIds.check(type, id);
		if (recordedButGone(metadata, checked)) {
			return;
		}
		add(this.audit.record(this.writes.deleteById(metadata, checked).unit(), AuditEntry.DELETE));
	}

	/**
	 * Whether a delete would write an audit row or take a count off (one strongly consistent read), though nothing
	 * is stored: then it writes nothing.
	 */
	private boolean recordedButGone(SingleTablePersistentEntity<?> metadata, String id) {
		return (this.audit.audits(metadata.getType()) || this.writer.reservedItems() > 0)
				&& this.audit.storedLatest(metadata, id) == null;
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
		if (this.immediate) {
			update.send(checked);
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
	public void commit() {
		Assert.state(!this.immediate, "Immediate writes have nothing to commit");
		if (this.committed) {
			throw new InvalidDataAccessApiUsageException("The transaction was already committed; it is sent once");
		}
		this.committed = true;
		if (this.units.isEmpty()) {
			return;
		}
		UnitWriter.Result result;
		try {
			result = this.writer.writeAll(List.copyOf(this.units));
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

	@Override
	public void discard() {
		this.stamped.forEach(Stamps.Snapshot::restore);
		this.stamped.clear();
	}

	@Override
	public boolean isEmpty() {
		return this.units.isEmpty();
	}

	/**
	 * Adds a unit, refusing it when the transaction would exceed 100 items or it touches an item another operation
	 * of the transaction touches; sends it at once when immediate.
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
			if (!this.immediate) {
				collect(unit);
				this.stamped.add(before);
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

	private void collect(WriteUnit unit) {
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
		int max = UnitWriter.MAX_ITEMS - this.writer.reservedItems();
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
		this.items += unit.items().size();
		if (unit.result() != null) {
			this.afterCommit.add(() -> this.callbacks.afterSave(unit.result(), unit));
		}
	}

	private String summary() {
		return this.units.stream()
			.collect(Collectors.groupingBy((unit) -> unit.operation() + " of " + unit.type().getSimpleName(),
					java.util.LinkedHashMap::new, Collectors.summingInt((unit) -> unit.items().size())))
			.entrySet()
			.stream()
			.map((entry) -> entry.getKey() + ": " + entry.getValue() + " items")
			.collect(Collectors.joining(", "));
	}

	private SingleTablePersistentEntity<?> entity(Class<?> type) {
		return this.converter.getRequiredEntity(type);
	}

}
