package dev.singletable.core.internal.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

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
 * spent. A failed chunk stops the chunks not yet started; once the ones in flight have ended (never cancelled
 * half-way), the write fails with an {@link IncompleteBatchWriteException} naming every write not confirmed — the
 * failed chunks' last pending items and every chunk never sent —, never a silent partial success.
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
		return Mono.defer(() -> {
			List<Chunk> chunks = new ArrayList<>();
			for (int start = 0; start < requests.size(); start += BatchWriter.CHUNK) {
				chunks.add(new Chunk(requests.subList(start, Math.min(requests.size(), start + BatchWriter.CHUNK))));
			}
			AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
			return Flux.fromIterable(chunks)
				// a chunk not started once another failed is never sent; one in flight ends
				.flatMap((chunk) -> (failure.get() != null) ? Mono.<Void>empty()
						: chunk.send(1).onErrorResume((ex) -> {
							failure.compareAndSet(null, ex);
							return Mono.empty();
						}), CONCURRENCY)
				.then(Mono.defer(() -> {
					Throwable failed = failure.get();
					return (failed != null) ? Mono.error(incomplete(chunks, requests.size(), failed)) : Mono.empty();
				}));
		});
	}

	private IncompleteBatchWriteException incomplete(List<Chunk> chunks, int total, Throwable cause) {
		List<Map<String, AttributeValue>> remaining = new ArrayList<>();
		for (Chunk chunk : chunks) {
			chunk.pending.forEach((write) -> remaining.add(BatchWriter.keyOf(write)));
		}
		return new IncompleteBatchWriteException(this.executor.getTableName(), remaining, total,
				(cause instanceof RuntimeException runtime) ? this.executor.translate(runtime)
						: new IllegalStateException(cause));
	}

	/**
	 * One chunk: its writes not yet confirmed ({@code pending}) are all of them until it is sent, none once it has
	 * succeeded, and those of the last attempt when it fails.
	 */
	private final class Chunk {

		private volatile List<WriteRequest> pending;

		Chunk(List<WriteRequest> writes) {
			this.pending = List.copyOf(writes);
		}

		Mono<Void> send(int attempt) {
			String table = ReactiveBatchWriter.this.executor.getTableName();
			List<WriteRequest> sent = this.pending;
			if (attempt > BatchWriter.MAX_ATTEMPTS) {
				return Mono.error(new TransientDataAccessResourceException(sent.size() + " writes to table '" + table
						+ "' stayed unprocessed after " + BatchWriter.MAX_ATTEMPTS + " attempts"));
			}
			Mono<Void> wait = (attempt > 1) ? ReactiveBatchWriter.this.executor.backoff(attempt - 1, "unprocessed")
					: Mono.empty();
			return wait.then(ReactiveBatchWriter.this.executor
				.execute((client) -> client.batchWriteItem((request) -> request.requestItems(Map.of(table, sent)))))
				.flatMap((response) -> {
					List<WriteRequest> unprocessed = response.hasUnprocessedItems()
							? response.unprocessedItems().getOrDefault(table, List.of()) : List.of();
					this.pending = List.copyOf(unprocessed);
					return unprocessed.isEmpty() ? Mono.empty() : send(attempt + 1);
				});
		}

	}

}
