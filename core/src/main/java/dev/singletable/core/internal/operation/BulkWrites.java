package dev.singletable.core.internal.operation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.SingleTableTransaction;
import dev.singletable.core.internal.execution.BatchWriter;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The template's writes of many plain resources in {@code BatchWriteItem} requests: {@code putAll} (unconditional
 * puts, refused for types whose writes carry an audit row or a count) and {@code deleteAllById} (each id joins a bound
 * transaction, or is deleted in a transaction of its own where it carries an audit row or a count, or else in a
 * batch; S3 objects after the items).
 */
public final class BulkWrites {

	private final EntityWrites writes;

	/** Reads items by key, strongly consistent, as stored: the items by partition key. */
	private final Function<List<Map<String, AttributeValue>>, Map<String, Map<String, AttributeValue>>> reads;

	private final BatchWriter batches;

	private final ResourceDeletes deletes;

	private final AuditRecords audit;

	private final TypeCounts counts;

	public BulkWrites(EntityWrites writes,
			Function<List<Map<String, AttributeValue>>, Map<String, Map<String, AttributeValue>>> reads,
			BatchWriter batches, ResourceDeletes deletes,
			AuditRecords audit, TypeCounts counts) {
		this.writes = writes;
		this.reads = reads;
		this.batches = batches;
		this.deletes = deletes;
		this.audit = audit;
		this.counts = counts;
	}

	public <T> List<T> putAll(Collection<T> entities) {
		PutAllOperation<T> operation = putAll(this.writes, entities, this.audit, this.counts);
		// what the puts replace, read first (strongly consistent)
		List<Map<String, AttributeValue>> keys = operation.replacedKeys();
		List<WriteUnit> puts = operation.units(keys.isEmpty() ? Map.of() : this.reads.apply(keys));
		this.batches.write(PutAllOperation.requests(puts));
		return PutAllOperation.results(puts);
	}

	/**
	 * The puts of {@code putAll}, once every entity is known to be of a type it writes: refused before anything is
	 * read or sent for types it cannot write ({@link PutAllOperation#refuseUnsupportedTypes}) and those whose writes
	 * carry an audit row or a count.
	 */
	public static <T> PutAllOperation<T> putAll(EntityWrites writes, Collection<T> entities, AuditRecords audit,
			TypeCounts counts) {
		PutAllOperation<T> operation = writes.putAll(entities);
		operation.refuseUnsupportedTypes();
		for (T entity : entities) {
			if (audit.audits(entity.getClass()) || counts.isEnabled()) {
				throw new InvalidDataAccessApiUsageException("putAll writes in batches, without audit rows or per-type "
						+ "counts (" + entity.getClass().getSimpleName() + (counts.isEnabled() ? " with counts kept"
								: " is @Audited") + "); use save for each entity");
			}
		}
		return operation;
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
	 * The {@code BatchWriteItem} request that deletes a plain resource by id.
	 */
	public static WriteRequest deleteRequest(SingleTablePersistentEntity<?> metadata, String id) {
		return WriteRequest.builder()
			.deleteRequest(DeleteRequest.builder().key(ItemLayout.latestKey(metadata, id)).build())
			.build();
	}

	/**
	 * Deletes plain resources by id, each once.
	 * @param transaction the transaction bound to the template, which the deletes then join, or {@literal null}
	 */
	public void deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids,
			@Nullable SingleTableTransaction transaction) {
		Class<?> type = metadata.getType();
		boolean recorded = ResourceDeletes.isRecorded(type, this.audit, this.counts);
		List<WriteRequest> batch = new ArrayList<>(ids.size());
		List<DeleteByIdOperation> batched = new ArrayList<>(ids.size());
		for (String checked : deletedIds(metadata, ids)) {
			if (transaction != null) {
				transaction.deleteById(type, checked);
			}
			else if (recorded) {
				// each with its audit row and count, in a transaction of its own
				this.deletes.deleteById(metadata, checked);
			}
			else {
				batch.add(deleteRequest(metadata, checked));
				batched.add(this.writes.deleteById(metadata, checked));
			}
		}
		this.batches.write(batch);
		// DynamoDB first, then what follows each delete (S3 objects), as every delete of a resource
		batched.forEach(this.deletes::afterDelete);
	}

}
