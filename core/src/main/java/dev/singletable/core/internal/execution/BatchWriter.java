package dev.singletable.core.internal.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.core.IncompleteBatchWriteException;
import dev.singletable.core.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes requests with {@code BatchWriteItem} in chunks of 25, the chunks side by side through
 * {@link ParallelRequests}, each retrying its unprocessed items with backoff until every item is written or the
 * attempts run out. A failed chunk stops the chunks not yet started; once the ones in flight have ended, an
 * {@link IncompleteBatchWriteException} names every write not confirmed (never a silent partial success).
 */
public final class BatchWriter {

	public static final int CHUNK = 25;

	public static final int MAX_ATTEMPTS = 10;

	private final DynamoDbExecutor executor;

	private final String tableName;

	private final ParallelRequests parallel;

	public BatchWriter(DynamoDbExecutor executor, ParallelRequests parallel) {
		this.executor = executor;
		this.tableName = executor.getTableName();
		this.parallel = parallel;
	}

	public void write(List<WriteRequest> requests) {
		List<Chunk> chunks = new ArrayList<>();
		for (int start = 0; start < requests.size(); start += CHUNK) {
			chunks.add(new Chunk(requests.subList(start, Math.min(requests.size(), start + CHUNK))));
		}
		try {
			this.parallel.runAll(chunks);
		}
		catch (RuntimeException ex) {
			List<Map<String, AttributeValue>> remaining = new ArrayList<>();
			for (Chunk chunk : chunks) {
				chunk.pending.forEach((write) -> remaining.add(keyOf(write)));
			}
			throw new IncompleteBatchWriteException(this.tableName, remaining, requests.size(),
					this.executor.translate(ex));
		}
	}

	/**
	 * The key of a batch write's item, for {@link IncompleteBatchWriteException}.
	 */
	public static Map<String, AttributeValue> keyOf(WriteRequest write) {
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
	 * One chunk: its writes not yet confirmed ({@code pending}) are all of them until it runs, none once it has
	 * succeeded, and those of the last attempt when it fails.
	 */
	private final class Chunk implements Supplier<Void> {

		private final List<WriteRequest> pending;

		Chunk(List<WriteRequest> writes) {
			this.pending = new ArrayList<>(writes);
		}

		@Override
		public Void get() {
			List<WriteRequest> pending = this.pending;
			for (int attempt = 1; !pending.isEmpty(); attempt++) {
				if (attempt > MAX_ATTEMPTS) {
					throw new TransientDataAccessResourceException(pending.size() + " writes to table '"
							+ BatchWriter.this.tableName + "' stayed unprocessed after " + MAX_ATTEMPTS + " attempts");
				}
				if (attempt > 1) {
					BatchWriter.this.executor.backoff(attempt, "unprocessed");
				}
				List<WriteRequest> sent = List.copyOf(pending);
				BatchWriteItemResponse response = BatchWriter.this.executor.execute((client) -> client
					.batchWriteItem((request) -> request.requestItems(Map.of(BatchWriter.this.tableName, sent))));
				pending.clear();
				if (response.hasUnprocessedItems()) {
					pending.addAll(response.unprocessedItems().getOrDefault(BatchWriter.this.tableName, List.of()));
				}
			}
			return null;
		}

	}

}
