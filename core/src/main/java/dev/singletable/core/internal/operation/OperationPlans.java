package dev.singletable.core.internal.operation;

import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.build.BulkWrites;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.build.PutAllOperation;
import dev.singletable.core.internal.write.send.UnitSender;
import software.amazon.awssdk.core.SdkRequest;

/**
 * The plans of one template's operations ({@link TablePlans#forTemplate}): those that hold its blob storage's codec
 * or its settings, on the table's shared plans. Its facade (blocking or reactive) runs them on its driver with its
 * caller's answers; a template builds them anew when its storage or a setting changes. Its settings and blob stage
 * are made with it (a template's start checks its types against the stage); the plans of its writes, deletes and
 * units at the first that is asked for, so that a template made and configured at an application's start loads none
 * of their classes before its first write.
 */
public final class OperationPlans {

	private final TablePlans table;

	private final OperationSettings settings;

	private final BlobStage blobs;

	private final BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate;

	private volatile @Nullable Operations operations;

	OperationPlans(TablePlans table, OperationSettings settings, BlobStage blobs,
			BiFunction<RuntimeException, @Nullable SdkRequest, RuntimeException> translate) {
		this.table = table;
		this.settings = settings;
		this.blobs = blobs;
		this.translate = translate;
	}

	/** The settings they were built with. */
	public OperationSettings settings() {
		return this.settings;
	}

	/** The blob stage with the storage's codec. */
	public BlobStage blobs() {
		return this.blobs;
	}

	/** The units of entity writes. */
	public EntityWrites writes() {
		return operations().writes();
	}

	/** The send of a unit at once (its blob stage, counts, retries). */
	public UnitSender sender() {
		return operations().sender();
	}

	/** The batch writes. */
	public BulkWrites bulk() {
		return operations().bulk();
	}

	/** Create, update, save, restore. */
	public EntityOperations entities() {
		return operations().entities();
	}

	/** Delete, deleteById, deleteAllById, deleteVersion. */
	public DeleteOperations deletes() {
		return operations().deletes();
	}

	/** Atomic updates, a transaction's checks, refusals. */
	public UnitOperations units() {
		return operations().units();
	}

	/** Whether the plans of the writes, deletes and units are made yet. */
	boolean made() {
		return this.operations != null;
	}

	private Operations operations() {
		Operations built = this.operations;
		if (built == null) {
			synchronized (this) {
				built = this.operations;
				if (built == null) {
					built = this.table.operations(this.blobs, this.settings, this.translate);
					this.operations = built;
				}
			}
		}
		return built;
	}

	/**
	 * The plans of a template's writes, deletes and units, made together at the first that is asked for.
	 */
	record Operations(EntityWrites writes, UnitSender sender, BulkWrites bulk, EntityOperations entities,
			DeleteOperations deletes, UnitOperations units) {
	}

	/**
	 * Writes plain entities without condition in batches, the items they replace read first (strongly consistent);
	 * refused in a transaction.
	 * @return the entities as stored, in the order given
	 */
	public <T> Step<List<T>> putAll(Collection<T> all, ResourceReads reads) {
		return UnitOperations.refusing("putAll",
				"it replaces items without condition in batches; use save for each entity", Step.defer(() -> {
					PutAllOperation<T> operation = bulk().putAll(all);
					return reads.findItems(operation.replacedKeys())
						.then((replaced) -> bulk().putAll(operation, replaced));
				}));
	}

	/**
	 * Adds to a number property and reads its new value; refused in a transaction, where the new value is only
	 * known once it commits.
	 */
	public Step<Long> increment(Class<?> type, String id, String property, long delta) {
		return UnitOperations.refusing("increment", "it returns the new value, which is only known once the "
				+ "transaction commits; use template.transaction(tx -> tx.increment(..)), which joins it",
				Step.defer(() -> units().atomicUpdates()
					.increment(units().converter().getRequiredEntity(type), ResourceIds.check(type, id), property,
							delta)));
	}

}
