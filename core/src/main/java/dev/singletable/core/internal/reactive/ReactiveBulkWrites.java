package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.singletable.core.internal.operation.BulkWrites;
import dev.singletable.core.internal.operation.EntityWrites;
import dev.singletable.core.internal.operation.PutAllOperation;
import dev.singletable.core.internal.operation.ResourceDeletes;
import dev.singletable.core.internal.write.AuditRecords;
import dev.singletable.core.internal.write.TypeCounts;
import dev.singletable.core.internal.write.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The reactive template's writes of many plain resources in {@code BatchWriteItem} requests, as {@link BulkWrites}
 * plans them for the blocking template: {@code putAll} (the puts of {@link PutAllOperation}, the creation times they
 * keep read first with {@code BatchGetItem}; refused for types whose writes carry an audit row or a count) and
 * {@code deleteAllById} (each id checked first; deleted in a batch, or each on its own where its delete carries a
 * count, {@link ResourceDeletes#isRecorded}).
 */
final class ReactiveBulkWrites {

	private final EntityWrites writes;

	/** Reads items by key, strongly consistent, as stored: the items by partition key. */
	private final Function<List<Map<String, AttributeValue>>, Mono<Map<String, Map<String, AttributeValue>>>> reads;

	private final ReactiveBatchWriter batches;

	private final ReactiveResourceDeletes deletes;

	private final AuditRecords audit;

	private final TypeCounts counts;

	ReactiveBulkWrites(EntityWrites writes,
			Function<List<Map<String, AttributeValue>>, Mono<Map<String, Map<String, AttributeValue>>>> reads,
			ReactiveBatchWriter batches,
			ReactiveResourceDeletes deletes, AuditRecords audit, TypeCounts counts) {
		this.writes = writes;
		this.reads = reads;
		this.batches = batches;
		this.deletes = deletes;
		this.audit = audit;
		this.counts = counts;
	}

	/**
	 * Writes plain entities without condition, in batches, when subscribed.
	 * @return the entities as stored, in the order given
	 */
	<T> Flux<T> putAll(Collection<T> entities) {
		return Mono.defer(() -> {
			PutAllOperation<T> operation = BulkWrites.putAll(this.writes, entities, this.audit, this.counts);
			return this.reads.apply(operation.replacedKeys()).flatMap((replaced) -> {
				List<WriteUnit> puts = operation.units(replaced);
				return this.batches.write(PutAllOperation.requests(puts)).thenReturn(PutAllOperation.<T>results(puts));
			});
		}).flatMapIterable((stored) -> stored);
	}

	/**
	 * Deletes plain resources by id, each once, when subscribed.
	 */
	Mono<Void> deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids) {
		return Mono.defer(() -> {
			List<String> checked = BulkWrites.deletedIds(metadata, ids);
			if (ResourceDeletes.isRecorded(metadata.getType(), this.audit, this.counts)) {
				// each with its count, in a transaction of its own
				return Flux.fromIterable(checked).concatMap((id) -> this.deletes.deleteById(metadata, id)).then();
			}
			List<WriteRequest> batch = new ArrayList<>(checked.size());
			for (String id : checked) {
				batch.add(BulkWrites.deleteRequest(metadata, id));
			}
			return this.batches.write(batch);
		});
	}

}
