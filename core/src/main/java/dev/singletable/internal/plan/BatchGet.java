package dev.singletable.internal.plan;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.dao.TransientDataAccessResourceException;

import dev.singletable.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * The plan of reads by key sent with {@code BatchGetItem}: chunks of 100 keys, sent side by side, each sending its
 * unprocessed keys again after a backoff until every key is read or the attempts run out (then the plan fails with
 * the failure of the first chunk that failed). The items come back by partition key, as they are stored.
 */
public final class BatchGet {

	/** The most keys one {@code BatchGetItem} holds. */
	public static final int CHUNK = 100;

	/** How often a chunk is sent while keys stay unprocessed. */
	public static final int MAX_ATTEMPTS = 10;

	private BatchGet() {
	}

	/**
	 * Reads items by key.
	 * @param tableName the table
	 * @param keys the keys, without duplicates
	 * @param consistent whether the reads are strongly consistent
	 * @return the items found, by partition key
	 */
	public static Step<Map<String, Map<String, AttributeValue>>> of(String tableName,
			List<Map<String, AttributeValue>> keys, boolean consistent) {
		return read(tableName, keys, consistent, ItemAttributes.PK);
	}

	/**
	 * Reads items of one partition by key.
	 * @param tableName the table
	 * @param keys the keys, without duplicates, all of one partition
	 * @param consistent whether the reads are strongly consistent
	 * @return the items found, by sort key
	 */
	public static Step<Map<String, Map<String, AttributeValue>>> inPartition(String tableName,
			List<Map<String, AttributeValue>> keys, boolean consistent) {
		return read(tableName, keys, consistent, ItemAttributes.SK);
	}

	private static Step<Map<String, Map<String, AttributeValue>>> read(String tableName,
			List<Map<String, AttributeValue>> keys, boolean consistent, String keyAttribute) {
		List<Step<Map<String, Map<String, AttributeValue>>>> chunks = new ArrayList<>();
		for (int start = 0; start < keys.size(); start += CHUNK) {
			chunks.add(chunk(tableName, keys.subList(start, Math.min(keys.size(), start + CHUNK)), consistent, 1,
					new HashMap<>(), keyAttribute));
		}
		return Step.all(chunks).then((read) -> {
			Map<String, Map<String, AttributeValue>> found = new HashMap<>();
			read.forEach(found::putAll);
			return Step.done(found);
		});
	}

	private static Step<Map<String, Map<String, AttributeValue>>> chunk(String tableName,
			List<Map<String, AttributeValue>> pending, boolean consistent, int attempt,
			Map<String, Map<String, AttributeValue>> found, String keyAttribute) {
		BatchGetItemRequest request = BatchGetItemRequest.builder()
			.requestItems(Map.of(tableName, KeysAndAttributes.builder().keys(pending).consistentRead(consistent).build()))
			.build();
		return Step.send(new Request.Plain(request), (answer) -> {
			BatchGetItemResponse response = answer.get(BatchGetItemResponse.class);
			for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
				found.put(item.get(keyAttribute).s(), item);
			}
			KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(tableName)
					: null;
			if (unprocessed == null || !unprocessed.hasKeys() || unprocessed.keys().isEmpty()) {
				return Step.done(found);
			}
			if (attempt >= MAX_ATTEMPTS) {
				throw new TransientDataAccessResourceException(unprocessed.keys().size() + " keys of table '"
						+ tableName + "' stayed unprocessed after " + MAX_ATTEMPTS + " attempts; retry the read");
			}
			return Step.send(new Request.Backoff(attempt + 1, "unprocessed"),
					(waited) -> {
						waited.orThrow();
						return chunk(tableName, unprocessed.keys(), consistent, attempt + 1, found, keyAttribute);
					});
		});
	}

}
