package dev.singletable.core.internal.write.build;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.IncompleteBatchWriteException;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.ResourceIds;
import dev.singletable.internal.plan.BatchWrite;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.internal.write.unit.AuditRecords;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The plans of a template's writes of many plain resources in {@code BatchWriteItem} requests, for both drivers:
 * {@code putAll} (unconditional puts, refused for types whose writes carry an audit row or a count; what they replace
 * is read first by the template's batch reader) and {@code deleteAllById} outside a transaction (each id deleted in
 * a transaction of its own where it carries an audit row or a count, {@link ResourceDeletes#isRecorded}, or else in a
 * batch; S3 objects after the items).
 * @param writes the template's entity writes
 * @param tableName the table's name
 * @param deletes the template's deletes
 * @param audit the template's audit rows
 * @param counts the template's per-type counts
 */
public record BulkWrites(EntityWrites writes, String tableName, ResourceDeletes deletes, AuditRecords audit,
		TypeCounts counts) {

	/**
	 * The puts of {@code putAll}, once every entity is known to be of a type it writes: refused before anything is
	 * read or sent for types it cannot write ({@link PutAllOperation#refuseUnsupportedTypes}) and those whose writes
	 * carry an audit row or a count. The items it replaces ({@link PutAllOperation#replacedKeys}) are read next.
	 */
	public <T> PutAllOperation<T> putAll(Collection<T> entities) {
		PutAllOperation<T> operation = this.writes.putAll(entities);
		operation.refuseUnsupportedTypes();
		for (T entity : entities) {
			if (this.audit.audits(entity.getClass()) || this.counts.enabled()) {
				throw new InvalidDataAccessApiUsageException("putAll writes in batches, without audit rows or per-type "
						+ "counts (" + entity.getClass().getSimpleName() + (this.counts.enabled()
								? " with counts kept" : " is @Audited") + "); use save for each entity");
			}
		}
		return operation;
	}

	/**
	 * The plan that writes the puts of {@code putAll} in batches, once what they replace was read.
	 * @param replaced the stored items of {@link PutAllOperation#replacedKeys}, by partition key
	 * @return the plan, done with the entities as stored, in the order given
	 */
	public <T> Step<List<T>> putAll(PutAllOperation<T> operation, Map<String, Map<String, AttributeValue>> replaced) {
		return Step.defer(() -> {
			List<WriteUnit> puts = operation.units(replaced);
			return BatchWrite
				.confirmed(this.tableName, PutAllOperation.requests(puts), IncompleteBatchWriteException::new)
				.then((written) -> Step.done(PutAllOperation.<T>results(puts)));
		});
	}

	/**
	 * The ids {@code deleteAllById} deletes, each once and checked, of a plain type.
	 */
	public static List<String> deletedIds(SingleTablePersistentEntity<?> metadata, Collection<String> ids) {
		EntityWrites.requirePlain(metadata, "deleteAllById");
		List<String> checked = new ArrayList<>(ids.size());
		for (String id : new LinkedHashSet<>(ids)) {
			checked.add(ResourceIds.check(metadata.getType(), id));
		}
		return checked;
	}

	/**
	 * The plan that deletes plain resources by id, each once, outside a transaction: each on its own, in order,
	 * where its delete is recorded; else in batches, then what follows each delete (S3 objects), as every delete of
	 * a resource.
	 * @param details the plan that asks the details of an audit row, run once, when the first row is made
	 */
	public Step<Void> deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids,
			Step<AuditRecords.Details> details) {
		return Step.defer(() -> {
			List<String> checked = deletedIds(metadata, ids);
			Step<AuditRecords.Details> once = once(details);
			Step<?> plan;
			if (this.deletes.isRecorded(metadata.getType())) {
				// each with its audit row and count, in a transaction of its own
				plan = Step.done(null);
				for (String id : checked) {
					plan = plan.then((previous) -> this.deletes.deleteById(metadata, id, once));
				}
			}
			else {
				List<WriteRequest> batch = new ArrayList<>(checked.size());
				for (String id : checked) {
					batch.add(WriteRequest.builder()
						.deleteRequest(DeleteRequest.builder().key(ItemLayout.latestKey(metadata, id)).build())
						.build());
				}
				// DynamoDB first, then what follows each delete (S3 objects)
				plan = BatchWrite.confirmed(this.tableName, batch, IncompleteBatchWriteException::new);
				for (String id : checked) {
					plan = plan.then((previous) -> this.deletes.afterDelete(this.writes.deleteById(metadata, id)));
				}
			}
			return plan.then((ignored) -> Step.<Void>done(null));
		});
	}

	/** The plan that runs a plan the first time and answers its result again after. */
	private static <T> Step<T> once(Step<T> plan) {
		AtomicReference<@Nullable T> result = new AtomicReference<>();
		return Step.defer(() -> {
			T known = result.get();
			return (known != null) ? Step.done(known) : plan.then((given) -> {
				result.set(given);
				return Step.done(given);
			});
		});
	}

}
