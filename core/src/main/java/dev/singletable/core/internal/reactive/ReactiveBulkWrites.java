package dev.singletable.core.internal.reactive;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.write.BulkWrites;
import dev.singletable.core.internal.write.PutAllOperation;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The reactive template's writes of many plain resources in {@code BatchWriteItem} requests: the plans of
 * {@link BulkWrites}, the blocking template's, run on the {@link ReactiveDriver}; what {@code putAll} replaces is
 * read first with the reads by key it is given (the plan of {@code ResourceReads#findItems} on the driver).
 */
final class ReactiveBulkWrites {

	/** Reads items by key, strongly consistent, as stored: the items by partition key. */
	private final Function<List<Map<String, AttributeValue>>, Mono<Map<String, Map<String, AttributeValue>>>> reads;

	private final ReactiveDriver driver;

	private final BulkWrites bulk;

	private final ReactiveResourceDeletes deletes;

	ReactiveBulkWrites(
			Function<List<Map<String, AttributeValue>>, Mono<Map<String, Map<String, AttributeValue>>>> reads,
			ReactiveDriver driver, BulkWrites bulk,
			ReactiveResourceDeletes deletes) {
		this.reads = reads;
		this.driver = driver;
		this.bulk = bulk;
		this.deletes = deletes;
	}

	/**
	 * Writes plain entities without condition, in batches, when subscribed.
	 * @return the entities as stored, in the order given
	 */
	<T> Flux<T> putAll(Collection<T> entities) {
		return Mono.defer(() -> {
			PutAllOperation<T> operation = this.bulk.putAll(entities);
			return this.reads.apply(operation.replacedKeys())
				.flatMap((replaced) -> this.driver.run(this.bulk.putAll(operation, replaced)));
		}).flatMapIterable((stored) -> stored);
	}

	/**
	 * Deletes plain resources by id, each once, when subscribed (see {@link BulkWrites#deleteAllById}).
	 * @param scope the audit scope captured when the operation was called
	 */
	Mono<Void> deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids, AuditDetails scope) {
		return this.deletes.deleteAllById(metadata, ids, scope);
	}

}
