package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.layout.ItemLayout;
import dev.singletable.core.internal.layout.Stamps;
import dev.singletable.core.internal.operation.DeleteByIdOperation;
import dev.singletable.core.internal.operation.DeleteOperation;
import dev.singletable.core.internal.operation.DeleteVersionOperation;
import dev.singletable.core.internal.operation.EntityWrites;
import dev.singletable.core.internal.operation.ResourceDeletes;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.ConditionFailures;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.internal.write.WriteRounds;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The reactive template's deletes outside a transaction, as {@link ResourceDeletes} runs them on the blocking
 * client, with the items and units of the same operations: by id — a plain resource's item, or a versioned one's
 * latest item in the state its versions were found in ({@link DeleteByIdOperation#latestDeleteAsFound}, found again
 * when a version was written meanwhile, at most {@value ResourceDeletes#MAX_ATTEMPTS} times), then its history in
 * batches —; of an entity as read ({@link DeleteOperation}: conditioned on its version or modification time),
 * then the history of a versioned one; and of one version ({@link DeleteVersionOperation}). Where deletes are
 * recorded (per-type counts, {@link ResourceDeletes#isRecorded}) the latest item is read first and deleted through
 * the {@link ReactiveUnitWriter}, which adds the count, as the blocking template does.
 */
public final class ReactiveResourceDeletes {

	private final ReactiveDynamoDbExecutor executor;

	private final EntityWrites writes;

	private final ReactiveUnitWriter writer;

	private final ReactiveBatchWriter batches;

	private final AuditRecords audit;

	private final TypeCounts counts;

	ReactiveResourceDeletes(ReactiveDynamoDbExecutor executor, EntityWrites writes, ReactiveUnitWriter writer,
			ReactiveBatchWriter batches, AuditRecords audit, TypeCounts counts) {
		this.executor = executor;
		this.writes = writes;
		this.writer = writer;
		this.batches = batches;
		this.audit = audit;
		this.counts = counts;
	}

	/**
	 * Deletes a resource by id. When its delete is recorded (a count taken off, {@link ResourceDeletes#isRecorded}),
	 * the latest item is read first (strongly consistent) and deleted, if it is still there, in one transaction with
	 * the record; then the history of a versioned one.
	 * @return whether anything was stored
	 */
	public Mono<Boolean> deleteById(SingleTablePersistentEntity<?> metadata, String id) {
		if (!ResourceDeletes.isRecorded(metadata.getType(), this.audit, this.counts)) {
			return deleteAll(metadata, id);
		}
		return this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
			.flatMap((latest) -> this.writer
				.write(this.audit.record(this.writes.deleteById(metadata, id).whileStored(), AuditEntry.DELETE, latest))
				.then(Mono.defer(() -> metadata.isVersioned() ? deleteAll(metadata, id) : Mono.just(true)))
				.thenReturn(true)
				.onErrorResume(NoSuchResourceException.class, (ex) -> Mono.just(false)))
			.switchIfEmpty(Mono.defer(() -> metadata.isVersioned() ? deleteAll(metadata, id) : Mono.just(false)));
	}

	/**
	 * Deletes every item of a resource: the latest first, then the history of a versioned one in batches.
	 * @return whether anything was stored
	 */
	private Mono<Boolean> deleteAll(SingleTablePersistentEntity<?> metadata, String id) {
		DeleteByIdOperation delete = this.writes.deleteById(metadata, id);
		if (!metadata.isVersioned()) {
			return deleteItem(ItemLayout.latestKey(metadata, id));
		}
		return deleteLatestAsFound(metadata, id, delete, 1).flatMap((found) -> {
			if (found.isEmpty()) {
				return Mono.just(false);
			}
			List<WriteRequest> deletes = new ArrayList<>(found.size());
			for (Map<String, AttributeValue> key : DeleteByIdOperation.historyKeys(found)) {
				deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
			}
			return this.batches.write(deletes).thenReturn(true);
		});
	}

	private Mono<List<Map<String, AttributeValue>>> deleteLatestAsFound(SingleTablePersistentEntity<?> metadata,
			String id, DeleteByIdOperation operation, int attempt) {
		return this.executor.queryItems(operation.storedVersionsQuery().build()).collectList().flatMap((found) -> {
			if (found.isEmpty()) {
				return Mono.just(found);
			}
			return this.executor
				.executeWrite((client) -> client.deleteItem(
						WriteRounds.deleteItem(operation.latestDeleteAsFound(found).delete())),
						"DeleteItem", null)
				.thenReturn(found)
				.onErrorResume(ConditionalCheckFailedException.class, (ex) -> (attempt >= ResourceDeletes.MAX_ATTEMPTS)
						? Mono.error(ConditionFailures.ofDeleteById(metadata, id, ResourceDeletes.MAX_ATTEMPTS, ex))
						: deleteLatestAsFound(metadata, id, operation, attempt + 1));
		});
	}

	/**
	 * Deletes an entity as read: on the condition that it is still the version (or modification time) read, then
	 * the history of a versioned one; an entity with neither is deleted by id. A recorded delete reads the latest
	 * item first: gone already, it writes nothing (or fails, when it must exist), as the blocking template.
	 * @param existing whether a resource found gone fails the delete
	 */
	public Mono<Void> delete(Object entity, boolean existing) {
		return Mono.defer(() -> {
			SingleTablePersistentEntity<?> metadata = this.writes.entityOf(entity);
			String id = Stamps.requireId(metadata, metadata.getPropertyAccessor(entity));
			DeleteOperation operation = this.writes.delete(entity, existing);
			if (operation == null) {
				return deleteById(metadata, id).then();
			}
			WriteUnit delete = operation.unit();
			Mono<Void> history = Mono.defer(() -> metadata.isVersioned() ? deleteAll(metadata, id).then() : Mono.empty());
			if (!ResourceDeletes.isRecorded(metadata.getType(), this.audit, this.counts)) {
				return this.writer.write(delete).then(history);
			}
			return this.executor.getItem(ItemLayout.latestKey(metadata, id), true)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((stored) -> {
					if (stored.isEmpty()) {
						// gone: its condition fails a delete that must find it; else nothing to record
						return existing ? this.writer.write(delete).then(history) : history;
					}
					return this.writer.write(this.audit.record(delete, AuditEntry.DELETE, stored.get())).then(history);
				});
		});
	}

	/**
	 * Deletes one version; the latest one only together with {@code v0}, and only while it is the latest
	 * ({@link DeleteVersionOperation}).
	 * @return whether the version was stored
	 */
	public Mono<Boolean> deleteVersion(SingleTablePersistentEntity<?> metadata, String id, long version) {
		return Mono.defer(() -> {
			DeleteVersionOperation delete = this.writes.deleteVersion(metadata, id, version);
			return this.executor.getItem(delete.latestKey(), true)
				.map(Optional::of)
				.defaultIfEmpty(Optional.empty())
				.flatMap((latest) -> delete.isLatest(latest.orElse(null))
						? this.writer.write(this.audit.record(delete.latestUnit(), AuditEntry.DELETE)).thenReturn(true)
						: deleteItem(delete.historyKey()));
		});
	}

	/**
	 * Deletes one item without condition.
	 * @return whether it was stored
	 */
	private Mono<Boolean> deleteItem(Map<String, AttributeValue> key) {
		return this.executor
			.execute((client) -> client.deleteItem(
					(request) -> request.tableName(this.executor.getTableName()).key(key).returnValues(ReturnValue.ALL_OLD)))
			.map((response) -> response.hasAttributes() && !response.attributes().isEmpty());
	}

}
