package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.mapping.ItemAttributes;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads many resources with {@code BatchGetItem}: chunks of 100 keys, unprocessed keys retried with
 * exponential backoff and jitter, results returned in the order of the ids asked for.
 */
final class BatchReader {

	static final int CHUNK = 100;

	static final int MAX_ATTEMPTS = 10;

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	BatchReader(DynamoDbExecutor executor, SingleTableConverter converter) {
		this.executor = executor;
		this.converter = converter;
	}

	/**
	 * Reads resources by id, hiding expired ones.
	 * @param metadata the resources' type
	 * @param ids the ids
	 * @param consistent whether the reads are strongly consistent
	 * @param now the time expiry is judged at
	 * @return the resources found, in the order of the ids
	 */
	<T> List<T> findAllById(SingleTablePersistentEntity<T> metadata, Collection<String> ids, boolean consistent,
			Instant now) {
		Assert.notNull(ids, "Ids must not be null");
		List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
		Map<String, Map<String, AttributeValue>> found = new HashMap<>();
		String sk = metadata.isVersioned() ? ResourceIds.versionKey(0) : null;
		for (int start = 0; start < unique.size(); start += CHUNK) {
			List<Map<String, AttributeValue>> keys = new ArrayList<>();
			for (String id : unique.subList(start, Math.min(unique.size(), start + CHUNK))) {
				String checked = ResourceIds.check(metadata.getType(), id);
				keys.add(ResourceIds.key(metadata, checked,
						(sk != null) ? sk : ResourceIds.partitionKey(metadata, checked)));
			}
			readChunk(keys, found, consistent);
		}
		List<T> results = new ArrayList<>(found.size());
		for (String id : unique) {
			Map<String, AttributeValue> item = found.get(ResourceIds.partitionKey(metadata, id));
			if (item != null && !Expiry.isExpired(metadata, item, now)) {
				results.add(this.converter.read(metadata.getType(), item));
			}
		}
		return results;
	}

	/**
	 * Reads items by key, strongly consistent, as they are stored (expired ones too).
	 * @param keys the keys, without duplicates
	 * @return the items found, by partition key
	 */
	Map<String, Map<String, AttributeValue>> findItems(List<Map<String, AttributeValue>> keys) {
		Map<String, Map<String, AttributeValue>> found = new HashMap<>();
		for (int start = 0; start < keys.size(); start += CHUNK) {
			readChunk(keys.subList(start, Math.min(keys.size(), start + CHUNK)), found, true);
		}
		return found;
	}

	private void readChunk(List<Map<String, AttributeValue>> keys, Map<String, Map<String, AttributeValue>> found,
			boolean consistent) {
		String table = this.executor.getTableName();
		List<Map<String, AttributeValue>> pending = keys;
		for (int attempt = 1; !pending.isEmpty(); attempt++) {
			if (attempt > MAX_ATTEMPTS) {
				throw new TransientDataAccessResourceException(pending.size() + " keys of table '" + table
						+ "' stayed unprocessed after " + MAX_ATTEMPTS + " attempts; retry the read");
			}
			if (attempt > 1) {
				this.executor.backoff(attempt, "unprocessed");
			}
			List<Map<String, AttributeValue>> request = pending;
			BatchGetItemResponse response = this.executor.execute((client) -> client
				.batchGetItem((builder) -> builder.requestItems(Map.of(table,
						KeysAndAttributes.builder().keys(request).consistentRead(consistent).build()))));
			for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
				found.put(item.get(ItemAttributes.PK).s(), item);
			}
			KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
			pending = (unprocessed != null && unprocessed.hasKeys()) ? unprocessed.keys() : List.of();
		}
	}

}
