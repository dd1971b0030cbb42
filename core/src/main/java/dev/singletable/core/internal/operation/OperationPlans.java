package dev.singletable.core.internal.operation;

import java.util.Collection;
import java.util.List;

import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.query.ResourceReads;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.build.BulkWrites;
import dev.singletable.core.internal.write.build.EntityWrites;
import dev.singletable.core.internal.write.build.PutAllOperation;
import dev.singletable.core.internal.write.send.UnitSender;

/**
 * The plans of one template's operations ({@link TablePlans#forTemplate}): those that hold its blob storage's codec
 * or its settings, on the table's shared plans. Its facade (blocking or reactive) runs them on its driver with its
 * caller's answers; a template builds them anew when its storage or a setting changes.
 * @param settings the settings they were built with
 * @param blobs the blob stage with the storage's codec
 * @param writes the units of entity writes
 * @param sender the send of a unit at once (its blob stage, counts, retries)
 * @param bulk the batch writes
 * @param entities create, update, save, restore
 * @param deletes delete, deleteById, deleteAllById, deleteVersion
 * @param units atomic updates, a transaction's checks, refusals
 */
public record OperationPlans(OperationSettings settings, BlobStage blobs, EntityWrites writes, UnitSender sender,
		BulkWrites bulk, EntityOperations entities, DeleteOperations deletes, UnitOperations units) {

	/**
	 * Writes plain entities without condition in batches, the items they replace read first (strongly consistent);
	 * refused in a transaction.
	 * @return the entities as stored, in the order given
	 */
	public <T> Step<List<T>> putAll(Collection<T> all, ResourceReads reads) {
		return UnitOperations.refusing("putAll",
				"it replaces items without condition in batches; use save for each entity", Step.defer(() -> {
					PutAllOperation<T> operation = this.bulk.putAll(all);
					return reads.findItems(operation.replacedKeys())
						.then((replaced) -> this.bulk.putAll(operation, replaced));
				}));
	}

	/**
	 * Adds to a number property and reads its new value; refused in a transaction, where the new value is only
	 * known once it commits.
	 */
	public Step<Long> increment(Class<?> type, String id, String property, long delta) {
		return UnitOperations.refusing("increment", "it returns the new value, which is only known once the "
				+ "transaction commits; use template.transaction(tx -> tx.increment(..)), which joins it",
				Step.defer(() -> this.units.atomicUpdates()
					.increment(this.units.converter().getRequiredEntity(type), ResourceIds.check(type, id), property,
							delta)));
	}

}
