package dev.singletable.core.internal.execution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.util.Assert;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.layout.Expiry;
import dev.singletable.core.internal.layout.ResourceIds;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads many resources with {@code BatchGetItem}: chunks of 100 keys, sent side by side through
 * {@link ParallelRequests} (each chunk retrying its own unprocessed keys with exponential backoff and jitter, so
 * the requests are those of reading the chunks one after another), results returned in the order of the ids asked
 * for.
 */
public final class BatchReader {

	static final int CHUNK = 100;

	static final int MAX_ATTEMPTS = 10;

	private final DynamoDbExecutor executor;

	private final SingleTableConverter converter;

	private final ParallelRequests parallel;

	public BatchReader(DynamoDbExecutor executor, SingleTableConverter converter, ParallelRequests parallel) {
		this.executor = executor;
		this.converter = converter;
		this.parallel = parallel;
	}

	/**
	 * Reads resources by id, hiding expired ones.
	 * @param metadata the resources' type
	 * @param ids the ids
	 * @param consistent whether the reads are strongly consistent
	 * @param now the time expiry is judged at
	 * @return the resources found, in the order of the ids
	 */
	public <T> List<T> findAllById(SingleTablePersistentEntity<T> metadata, Collection<String> ids, boolean consistent,
			Instant now) {
		Assert.notNull(ids, "Ids must not be null");
		List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
		String sk = metadata.isVersioned() ? ResourceIds.versionKey(0) : null;
		List<Map<String, AttributeValue>> keys = new ArrayList<>(unique.size());
		for (String id : unique) {
			String checked = ResourceIds.check(metadata.getType(), id);
			String sortKey = (sk != null) ? sk : ResourceIds.partitionKey(metadata, checked);
			keys.add(ResourceIds.key(metadata, checked, sortKey));
		}
		Map<String, Map<String, AttributeValue>> found = read(keys, consistent);
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
	public Map<String, Map<String, AttributeValue>> findItems(List<Map<String, AttributeValue>> keys) {
		return read(keys, true);
	}

	/**
	 * Reads items by key in chunks of {@value #CHUNK}, the chunks side by side; all ids are checked before
	 * anything is sent.
	 */
	private Map<String, Map<String, AttributeValue>> read(List<Map<String, AttributeValue>> keys, boolean consistent) {
		List<Supplier<Map<String, Map<String, AttributeValue>>>> chunks = new ArrayList<>();
		for (int start = 0; start < keys.size(); start += CHUNK) {
			List<Map<String, AttributeValue>> chunk = keys.subList(start, Math.min(keys.size(), start + CHUNK));
			chunks.add(() -> readChunk(chunk, consistent));
		}
		Map<String, Map<String, AttributeValue>> found = new HashMap<>();
		this.parallel.runAll(chunks).forEach(found::putAll);
		return found;
	}

	private Map<String, Map<String, AttributeValue>> readChunk(List<Map<String, AttributeValue>> keys,
			boolean consistent) {
		Map<String, Map<String, AttributeValue>> found = new HashMap<>();
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
		return found;
	}

}
