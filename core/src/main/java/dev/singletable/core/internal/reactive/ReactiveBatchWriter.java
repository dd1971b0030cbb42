package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.core.IncompleteBatchWriteException;
import dev.singletable.core.internal.execution.BatchWriter;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes requests with {@code BatchWriteItem} on the async client, as {@link BatchWriter} does on the blocking one:
 * in chunks of {@value BatchWriter#CHUNK}, a few side by side, each sending its unprocessed items again after a
 * backoff (a timer, no thread waits) until every item is written or {@value BatchWriter#MAX_ATTEMPTS} attempts are
 * spent. A failed chunk fails the write with an {@link IncompleteBatchWriteException} naming every write of it not
 * confirmed, never a silent partial success.
 */
final class ReactiveBatchWriter {

	/** Chunks in flight at once. */
	private static final int CONCURRENCY = 4;

	private final ReactiveDynamoDbExecutor executor;

	ReactiveBatchWriter(ReactiveDynamoDbExecutor executor) {
		this.executor = executor;
	}

	Mono<Void> write(List<WriteRequest> requests) {
		if (requests.isEmpty()) {
			return Mono.empty();
		}
		List<List<WriteRequest>> chunks = new ArrayList<>();
		for (int start = 0; start < requests.size(); start += BatchWriter.CHUNK) {
			chunks.add(requests.subList(start, Math.min(requests.size(), start + BatchWriter.CHUNK)));
		}
		return Flux.fromIterable(chunks).flatMap((chunk) -> chunk(chunk, 1, requests.size()), CONCURRENCY).then();
	}

	private Mono<Void> chunk(List<WriteRequest> pending, int attempt, int total) {
		String table = this.executor.getTableName();
		if (attempt > BatchWriter.MAX_ATTEMPTS) {
			return Mono.error(incomplete(pending, total, new TransientDataAccessResourceException(pending.size()
					+ " writes to table '" + table + "' stayed unprocessed after " + BatchWriter.MAX_ATTEMPTS
					+ " attempts")));
		}
		Mono<Void> wait = (attempt > 1) ? this.executor.backoff(attempt - 1, "unprocessed") : Mono.empty();
		return wait.then(this.executor.execute((client) -> client
			.batchWriteItem((request) -> request.requestItems(Map.of(table, pending)))))
			.onErrorMap((ex) -> !(ex instanceof IncompleteBatchWriteException), (ex) -> incomplete(pending, total, ex))
			.flatMap((response) -> {
				List<WriteRequest> unprocessed = response.hasUnprocessedItems()
						? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
				return unprocessed.isEmpty() ? Mono.empty() : chunk(unprocessed, attempt + 1, total);
			});
	}

	private IncompleteBatchWriteException incomplete(List<WriteRequest> pending, int total, Throwable cause) {
		List<Map<String, AttributeValue>> remaining = pending.stream().map(BatchWriter::keyOf).toList();
		return new IncompleteBatchWriteException(this.executor.getTableName(), remaining, total,
				(cause instanceof RuntimeException runtime) ? this.executor.translate(runtime)
						: new IllegalStateException(cause));
	}

}
