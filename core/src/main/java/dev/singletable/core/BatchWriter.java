package dev.singletable.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.dao.TransientDataAccessResourceException;

import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Writes requests with {@code BatchWriteItem} in chunks of 25, retrying unprocessed items with backoff until
 * every item is written or the attempts run out (then it fails, naming how many are left; never silently).
 */
final class BatchWriter {

	static final int CHUNK = 25;

	static final int MAX_ATTEMPTS = 10;

	private final DynamoDbExecutor executor;

	private final String tableName;

	BatchWriter(DynamoDbExecutor executor) {
		this.executor = executor;
		this.tableName = executor.getTableName();
	}

	void write(List<WriteRequest> requests) {
		for (int start = 0; start < requests.size(); start += CHUNK) {
			writeChunk(requests.subList(start, Math.min(requests.size(), start + CHUNK)));
		}
	}

	private void writeChunk(List<WriteRequest> chunk) {
		List<WriteRequest> pending = new ArrayList<>(chunk);
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			if (attempt > MAX_ATTEMPTS) {
				throw new TransientDataAccessResourceException(pending.size() + " writes to table '" + this.tableName
						+ "' stayed unprocessed after " + MAX_ATTEMPTS + " attempts; retry the operation");
			}
			if (attempt > 1) {
				this.executor.backoff(attempt, "unprocessed");
			}
			List<WriteRequest> sent = List.copyOf(pending);
			BatchWriteItemResponse response = this.executor.execute((client) -> client
				.batchWriteItem((request) -> request.requestItems(Map.of(this.tableName, sent))));
			pending.clear();
			if (response.hasUnprocessedItems()) {
				pending.addAll(response.unprocessedItems().getOrDefault(this.tableName, List.of()));
			}
		}
	}

}
