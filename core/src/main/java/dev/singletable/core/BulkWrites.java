package dev.singletable.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.util.Assert;

import dev.singletable.core.mapping.SingleTableEntity;
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
final class BulkWrites {

	private final EntityWrites writes;

	private final BatchWriter batches;

	private final ResourceDeletes deletes;

	private final BlobWrites blobs;

	private final AuditRecords audit;

	private final TypeCounts counts;

	BulkWrites(EntityWrites writes, BatchWriter batches, ResourceDeletes deletes, BlobWrites blobs,
			AuditRecords audit, TypeCounts counts) {
		this.writes = writes;
		this.batches = batches;
		this.deletes = deletes;
		this.blobs = blobs;
		this.audit = audit;
		this.counts = counts;
	}

	@SuppressWarnings("unchecked")
	<T> List<T> putAll(Collection<T> entities) {
		refuseUnsupportedTypes(entities);
		for (T entity : entities) {
			if (this.audit.audits(entity.getClass()) || this.counts.isEnabled()) {
				throw new InvalidDataAccessApiUsageException("putAll writes in batches, without audit rows or per-type "
						+ "counts (" + entity.getClass().getSimpleName() + (this.counts.isEnabled() ? " with counts kept"
								: " is @Audited") + "); use save for each entity");
			}
		}
		List<WriteUnit> puts = this.writes.puts(entities);
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
	 * Refuses, before anything is read or sent, every type {@code putAll} cannot write, with one exception naming each
	 * such type, why, and what is supported: plain {@code @SingleTableEntity} types (several in one call) whose
	 * whole state is the one item — not a type that is no entity, not a versioned type (its history), not a type with
	 * {@code @BlobField} properties (its objects in S3).
	 * @throws IllegalArgumentException for a {@literal null} entity or any type not supported
	 */
	private void refuseUnsupportedTypes(Collection<?> entities) {
		Map<Class<?>, String> refused = new LinkedHashMap<>();
		for (Object entity : entities) {
			Assert.notNull(entity, "Entities must not contain null");
			Class<?> type = entity.getClass();
			if (refused.containsKey(type)) {
				continue;
			}
			if (!type.isAnnotationPresent(SingleTableEntity.class)) {
				refused.put(type, "not a @SingleTableEntity");
				continue;
			}
			SingleTablePersistentEntity<?> metadata = this.writes.entity(type);
			if (metadata.isVersioned()) {
				refused.put(type, "versioned: each write must go through create/update to keep its history");
			}
			else if (BlobWrites.hasBlobs(metadata)) {
				refused.put(type, "its @BlobField properties are stored in S3 before the item");
			}
		}
		if (!refused.isEmpty()) {
			throw new IllegalArgumentException("putAll cannot write " + refused.entrySet()
				.stream()
				.map((entry) -> entry.getKey().getName() + " (" + entry.getValue() + ")")
				.collect(Collectors.joining(", ")) + ". It writes plain @SingleTableEntity types (several in one call "
					+ "are fine) whose whole state is their one item: unversioned, without @BlobField properties. "
					+ "Use save (or create/update) for each entity of the others; nothing was written");
		}
	}

	/**
	 * Deletes plain resources by id, each once.
	 * @param transaction the transaction bound to the template, which the deletes then join, or {@literal null}
	 */
	void deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids,
			@Nullable PendingTransaction transaction) {
		EntityWrites.requirePlain(metadata, "deleteAllById");
		Class<?> type = metadata.getType();
		boolean recorded = this.audit.audits(type) || this.counts.isEnabled();
		List<WriteRequest> batch = new ArrayList<>(ids.size());
		List<String> batched = new ArrayList<>(ids.size());
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
				batched.add(checked);
			}
		}
		this.batches.write(batch);
		if (BlobWrites.hasBlobs(metadata)) {
			// DynamoDB first, S3 second, as every delete of a resource with objects
			batched.forEach((id) -> this.blobs.deleteResource(metadata, id));
		}
	}

}
