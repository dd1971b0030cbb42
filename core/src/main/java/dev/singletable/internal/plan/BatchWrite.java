package dev.singletable.internal.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The plan of writes sent with {@code BatchWriteItem}: chunks of 25, each sending its unprocessed writes again after
 * a backoff until every write is done or the attempts run out. {@link #of} sends the chunks together and fails with
 * the failure of the first chunk that failed (the version retention's prune); {@link #confirmed} runs them side by
 * side as the driver allows ({@link Request.Plans}: a failed chunk stops the chunks not yet started) and, once the
 * ones in flight have ended, fails with the caller's exception ({@link Incomplete}: core's
 * {@code IncompleteBatchWriteException}) naming every write not confirmed — the failed chunks' last pending writes and
 * every chunk never sent —, never a silent partial success.
 */
public final class BatchWrite {

	/** The most writes one {@code BatchWriteItem} holds. */
	public static final int CHUNK = 25;

	/** How often a chunk is sent before its unprocessed writes fail it. */
	public static final int MAX_ATTEMPTS = 10;

	private BatchWrite() {
	}

	/**
	 * Writes requests to a table, the chunks sent together.
	 */
	public static Step<Void> of(String tableName, List<WriteRequest> writes) {
		List<Step<Void>> chunks = new ArrayList<>();
		for (Chunk chunk : chunks(tableName, writes)) {
			chunks.add(chunk.send(1));
		}
		return Step.all(chunks).then((done) -> Step.done(null));
	}

	/**
	 * Writes requests to a table, the chunks side by side as the driver allows; a failure names every write not
	 * confirmed.
	 * @param incomplete the exception the plan fails with when a chunk failed, given the writes not confirmed
	 */
	public static Step<Void> confirmed(String tableName, List<WriteRequest> writes, Incomplete incomplete) {
		if (writes.isEmpty()) {
			return Step.done(null);
		}
		// the chunks keep what each has not confirmed yet: made again for each run of the plan
		return Step.defer(() -> {
			List<Chunk> chunks = chunks(tableName, writes);
			List<Step<?>> plans = new ArrayList<>(chunks.size());
			for (Chunk chunk : chunks) {
				plans.add(Step.defer(() -> chunk.send(1)));
			}
			return Step.send(new Request.Plans(plans), (answer) -> {
				RuntimeException failure = answer.failure();
				if (failure == null) {
					return Step.done(null);
				}
				List<Map<String, AttributeValue>> remaining = new ArrayList<>();
				for (Chunk chunk : chunks) {
					chunk.pending.forEach((write) -> remaining.add(keyOf(write)));
				}
				throw incomplete.failure(tableName, remaining, writes.size(), failure);
			});
		});
	}

	private static List<Chunk> chunks(String tableName, List<WriteRequest> writes) {
		List<Chunk> chunks = new ArrayList<>();
		for (int start = 0; start < writes.size(); start += CHUNK) {
			chunks.add(new Chunk(tableName, List.copyOf(writes.subList(start, Math.min(writes.size(), start + CHUNK)))));
		}
		return chunks;
	}

	/**
	 * The key of a batch write's item, for the {@link Incomplete} failure.
	 */
	static Map<String, AttributeValue> keyOf(WriteRequest write) {
		Map<String, AttributeValue> item = (write.deleteRequest() != null) ? write.deleteRequest().key()
				: write.putRequest().item();
		Map<String, AttributeValue> key = new LinkedHashMap<>();
		for (String name : List.of(ItemAttributes.PK, ItemAttributes.SK)) {
			if (item.get(name) != null) {
				key.put(name, item.get(name));
			}
		}
		return key;
	}

	/**
	 * What a confirmed batch fails with when a chunk failed: the typed exception of the API that planned it (core's
	 * {@code IncompleteBatchWriteException::new}), which stands above this package.
	 */
	@FunctionalInterface
	public interface Incomplete {

		/**
		 * The failure of a batch.
		 * @param tableName the table written to
		 * @param remainingKeys the keys ({@code pk}, then {@code sk}) of the writes not confirmed, in order
		 * @param total the number of writes of the batch
		 * @param cause why the writes stopped
		 * @return the exception the plan throws
		 */
		RuntimeException failure(String tableName, List<Map<String, AttributeValue>> remainingKeys, int total,
				Throwable cause);

	}

	/**
	 * One chunk: its writes not yet confirmed ({@code pending}) are all of them until it is sent, none once it has
	 * succeeded, and those of the last attempt when it fails.
	 */
	private static final class Chunk {

		private final String tableName;

		private volatile List<WriteRequest> pending;

		Chunk(String tableName, List<WriteRequest> writes) {
			this.tableName = tableName;
			this.pending = writes;
		}

		Step<Void> send(int attempt) {
			List<WriteRequest> sent = this.pending;
			BatchWriteItemRequest request = BatchWriteItemRequest.builder()
				.requestItems(Map.of(this.tableName, sent))
				.build();
			return Step.send(new Request.Plain(request), (answer) -> {
				BatchWriteItemResponse response = answer.get(BatchWriteItemResponse.class);
				List<WriteRequest> unprocessed = response.hasUnprocessedItems()
						? List.copyOf(response.unprocessedItems().getOrDefault(this.tableName, List.of())) : List.of();
				this.pending = unprocessed;
				if (unprocessed.isEmpty()) {
					return Step.done(null);
				}
				if (attempt >= MAX_ATTEMPTS) {
					throw new TransientDataAccessResourceException(unprocessed.size() + " writes to table '"
							+ this.tableName + "' stayed unprocessed after " + MAX_ATTEMPTS + " attempts");
				}
				return Step.send(new Request.Backoff(attempt + 1, "unprocessed"), (waited) -> send(attempt + 1));
			});
		}

	}

}
