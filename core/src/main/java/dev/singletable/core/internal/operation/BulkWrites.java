package dev.singletable.core.internal.operation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

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
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The template's writes of many plain resources in {@code BatchWriteItem} requests: {@code putAll} (unconditional
 * puts, refused for types whose writes carry an audit row or a count) and {@code deleteAllById} (each id joins a bound
 * transaction, or is deleted in a transaction of its own where it carries an audit row or a count, or else in a
 * batch; S3 objects after the items).
 */
public final class BulkWrites {

	private final EntityWrites writes;

	private final BatchWriter batches;

	private final ResourceDeletes deletes;

	private final AuditRecords audit;

	private final TypeCounts counts;

	public BulkWrites(EntityWrites writes, BatchWriter batches, ResourceDeletes deletes, AuditRecords audit,
			TypeCounts counts) {
		this.writes = writes;
		this.batches = batches;
		this.deletes = deletes;
		this.audit = audit;
		this.counts = counts;
	}

	@SuppressWarnings("unchecked")
	public <T> List<T> putAll(Collection<T> entities) {
		PutAllOperation<T> operation = this.writes.putAll(entities);
		operation.refuseUnsupportedTypes();
		for (T entity : entities) {
			if (this.audit.audits(entity.getClass()) || this.counts.isEnabled()) {
				throw new InvalidDataAccessApiUsageException("putAll writes in batches, without audit rows or per-type "
						+ "counts (" + entity.getClass().getSimpleName() + (this.counts.isEnabled() ? " with counts kept"
								: " is @Audited") + "); use save for each entity");
			}
		}
		List<WriteUnit> puts = operation.units();
		List<WriteRequest> requests = new ArrayList<>(puts.size());
		List<T> stored = new ArrayList<>(puts.size());
		for (WriteUnit put : puts) {
			requests.add(WriteRequest.builder()
				.putRequest(PutRequest.builder().item(put.items().get(0).put().item()).build())
				.build());
			stored.add((T) put.result());
		}
		this.batches.write(requests);
		return stored;
	}

	/**
	 * Deletes plain resources by id, each once.
	 * @param transaction the transaction bound to the template, which the deletes then join, or {@literal null}
	 */
	public void deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids,
			@Nullable SingleTableTransaction transaction) {
		EntityWrites.requirePlain(metadata, "deleteAllById");
		Class<?> type = metadata.getType();
		boolean recorded = this.audit.audits(type) || this.counts.isEnabled();
		List<WriteRequest> batch = new ArrayList<>(ids.size());
		List<DeleteByIdOperation> batched = new ArrayList<>(ids.size());
		for (String id : new LinkedHashSet<>(ids)) {
			String checked = ResourceIds.check(type, id);
			if (transaction != null) {
				transaction.deleteById(type, checked);
			}
			else if (recorded) {
				// each with its audit row and count, in a transaction of its own
				this.deletes.deleteById(metadata, checked);
			}
			else {
				batch.add(WriteRequest.builder()
					.deleteRequest(DeleteRequest.builder().key(ItemLayout.latestKey(metadata, checked)).build())
					.build());
				batched.add(this.writes.deleteById(metadata, checked));
			}
		}
		this.batches.write(batch);
		// DynamoDB first, then what follows each delete (S3 objects), as every delete of a resource
		batched.forEach(DeleteByIdOperation::afterDelete);
	}

}
