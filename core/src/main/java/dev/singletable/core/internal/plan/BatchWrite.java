package dev.singletable.core.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.dao.TransientDataAccessResourceException;

import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The plan of writes sent with {@code BatchWriteItem}: chunks of 25, sent side by side, each sending its unprocessed
 * writes again after a backoff until every write is done or the attempts run out (then the plan fails with the
 * failure of the first chunk that failed).
 */
public final class BatchWrite {

	/** The most writes one {@code BatchWriteItem} holds. */
	public static final int CHUNK = 25;

	/** How often a chunk is sent before its unprocessed writes fail it. */
	public static final int MAX_ATTEMPTS = 10;

	private BatchWrite() {
	}

	/**
	 * Writes requests to a table.
	 */
	public static Step<Void> of(String tableName, List<WriteRequest> writes) {
		List<Step<Void>> chunks = new ArrayList<>();
		for (int start = 0; start < writes.size(); start += CHUNK) {
			chunks.add(chunk(tableName, List.copyOf(writes.subList(start, Math.min(writes.size(), start + CHUNK))), 1));
		}
		return Step.all(chunks).then((done) -> Step.done(null));
	}

	private static Step<Void> chunk(String tableName, List<WriteRequest> pending, int attempt) {
		BatchWriteItemRequest request = BatchWriteItemRequest.builder()
			.requestItems(Map.of(tableName, pending))
			.build();
		return Step.send(new Request.Plain(request), (answer) -> {
			BatchWriteItemResponse response = answer.get(BatchWriteItemResponse.class);
			List<WriteRequest> unprocessed = response.hasUnprocessedItems()
					? response.unprocessedItems().getOrDefault(tableName, List.of()) : List.of();
			if (unprocessed.isEmpty()) {
				return Step.done(null);
			}
			if (attempt >= MAX_ATTEMPTS) {
				throw new TransientDataAccessResourceException(unprocessed.size() + " writes to table '" + tableName
						+ "' stayed unprocessed after " + MAX_ATTEMPTS + " attempts");
			}
			return Step.send(new Request.Backoff(attempt + 1, "unprocessed"),
					(waited) -> chunk(tableName, unprocessed, attempt + 1));
		});
	}

}
