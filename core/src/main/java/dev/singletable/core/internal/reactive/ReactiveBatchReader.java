package dev.singletable.core.internal.reactive;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.execution.BatchReader;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads many resources with {@code BatchGetItem} on the async client, as {@link BatchReader} does on the blocking
 * one, with its keys, requests and reading of answers: chunks of {@value BatchReader#CHUNK} keys, a few side by side,
 * each sending its unprocessed keys again after a backoff (a timer, no thread waits) until every key is read or
 * {@value BatchReader#MAX_ATTEMPTS} attempts are spent; results in the order of the ids.
 */
final class ReactiveBatchReader {

	/** Chunks in flight at once. */
	private static final int CONCURRENCY = 4;

	private final ReactiveDynamoDbExecutor executor;

	private final SingleTableConverter converter;

	ReactiveBatchReader(ReactiveDynamoDbExecutor executor, SingleTableConverter converter) {
		this.executor = executor;
		this.converter = converter;
	}

	/**
	 * Reads resources by id, hiding expired ones; every id is checked when subscribed, before anything is sent.
	 * @return the resources found, in the order of the ids
	 */
	<T> Flux<T> findAllById(SingleTablePersistentEntity<T> metadata, java.util.Collection<String> ids, boolean consistent,
			Supplier<Instant> now) {
		return Mono.fromCallable(() -> BatchReader.keys(metadata, ids))
			.flatMap((keys) -> read(keys.keys(), consistent)
				.map((found) -> keys.<T>results(found, now.get(), this.converter)))
			.flatMapIterable((results) -> results);
	}

	/**
	 * Reads items by key, strongly consistent, as they are stored (expired ones too).
	 * @param keys the keys, without duplicates
	 * @return the items found, by partition key
	 */
	Mono<Map<String, Map<String, AttributeValue>>> findItems(List<Map<String, AttributeValue>> keys) {
		return read(keys, true);
	}

	private Mono<Map<String, Map<String, AttributeValue>>> read(List<Map<String, AttributeValue>> keys,
			boolean consistent) {
		if (keys.isEmpty()) {
			return Mono.just(Map.of());
		}
		return Mono.defer(() -> {
			Map<String, Map<String, AttributeValue>> found = new ConcurrentHashMap<>();
			return Flux.fromIterable(BatchReader.chunks(keys))
				.flatMap((chunk) -> chunk(chunk, consistent, 1, found), CONCURRENCY)
				.then(Mono.fromSupplier(() -> found));
		});
	}

	private Mono<Void> chunk(List<Map<String, AttributeValue>> pending, boolean consistent, int attempt,
			Map<String, Map<String, AttributeValue>> found) {
		String table = this.executor.getTableName();
		if (attempt > BatchReader.MAX_ATTEMPTS) {
			return Mono.error(BatchReader.stayedUnprocessed(table, pending.size()));
		}
		Mono<Void> wait = (attempt > 1) ? this.executor.backoff(attempt - 1, "unprocessed") : Mono.empty();
		return wait
			.then(this.executor.execute((client) -> client.batchGetItem(BatchReader.request(table, pending, consistent))))
			.flatMap((response) -> {
				List<Map<String, AttributeValue>> unprocessed = BatchReader.collect(table, response, found);
				return unprocessed.isEmpty() ? Mono.empty() : chunk(unprocessed, consistent, attempt + 1, found);
			});
	}

}
