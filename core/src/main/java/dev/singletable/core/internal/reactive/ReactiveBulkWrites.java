package dev.singletable.core.internal.reactive;

import java.util.Collection;

import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.internal.execution.ReactiveDriver;
import dev.singletable.core.internal.operation.BulkWrites;
import dev.singletable.core.internal.operation.PutAllOperation;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive template's writes of many plain resources in {@code BatchWriteItem} requests: the plans of
 * {@link BulkWrites}, the blocking template's, run on the {@link ReactiveDriver}; what {@code putAll} replaces is
 * read first with the {@link ReactiveBatchReader}.
 */
final class ReactiveBulkWrites {

	private final ReactiveBatchReader reads;

	private final ReactiveDriver driver;

	private final BulkWrites bulk;

	private final ReactiveResourceDeletes deletes;

	ReactiveBulkWrites(ReactiveBatchReader reads, ReactiveDriver driver, BulkWrites bulk,
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
			return this.reads.findItems(operation.replacedKeys())
				.flatMap((replaced) -> this.driver.run(this.bulk.putAll(operation, replaced)));
		}).flatMapIterable((stored) -> stored);
	}

	/**
	 * Deletes plain resources by id, each once, when subscribed (see {@link BulkWrites#deleteAllById}).
	 */
	Mono<Void> deleteAllById(SingleTablePersistentEntity<?> metadata, Collection<String> ids) {
		return this.deletes.deleteAllById(metadata, ids, AuditDetails.none());
	}

}
