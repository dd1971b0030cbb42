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
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Reads many resources with {@code BatchGetItem}: chunks of 100 keys, sent side by side through
 * {@link ParallelRequests} (each chunk retrying its own unprocessed keys with exponential backoff and jitter, so
 * the requests are those of reading the chunks one after another), results returned in the order of the ids asked
 * for.
 */
public final class BatchReader {

	/** The most keys of one {@code BatchGetItem}. */
	public static final int CHUNK = 100;

	/** How often a chunk is sent while keys stay unprocessed. */
	public static final int MAX_ATTEMPTS = 10;

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
		Keys keys = keys(metadata, ids);
		return keys.results(read(keys.keys(), consistent), now, this.converter);
	}

	/**
	 * The keys {@code findAllById} reads, every id checked before anything is sent.
	 * @param metadata the resources' type
	 * @param ids the ids, duplicates read once
	 */
	public static Keys keys(SingleTablePersistentEntity<?> metadata, Collection<String> ids) {
		Assert.notNull(ids, "Ids must not be null");
		List<String> unique = new ArrayList<>(new LinkedHashSet<>(ids));
		String sk = metadata.isVersioned() ? ResourceIds.versionKey(0) : null;
		List<Map<String, AttributeValue>> keys = new ArrayList<>(unique.size());
		for (String id : unique) {
			String checked = ResourceIds.check(metadata.getType(), id);
			String sortKey = (sk != null) ? sk : ResourceIds.partitionKey(metadata, checked);
			keys.add(ResourceIds.key(metadata, checked, sortKey));
		}
		return new Keys(metadata, unique, keys);
	}

	/**
	 * What {@code findAllById} reads: the latest item of each resource.
	 * @param metadata the resources' type
	 * @param ids the ids, each once, in the order asked for
	 * @param keys their keys
	 */
	public record Keys(SingleTablePersistentEntity<?> metadata, List<String> ids, List<Map<String, AttributeValue>> keys) {

		/**
		 * The resources found, in the order of the ids, expired ones hidden.
		 * @param found the items read, by partition key
		 * @param now the time expiry is judged at
		 */
		@SuppressWarnings("unchecked")
		public <T> List<T> results(Map<String, Map<String, AttributeValue>> found, Instant now,
				SingleTableConverter converter) {
			List<T> results = new ArrayList<>(found.size());
			for (String id : this.ids) {
				Map<String, AttributeValue> item = found.get(ResourceIds.partitionKey(this.metadata, id));
				if (item != null && !Expiry.isExpired(this.metadata, item, now)) {
					results.add((T) converter.read(this.metadata.getType(), item));
				}
			}
			return results;
		}

	}

	/**
	 * The chunks of keys read one {@code BatchGetItem} each.
	 */
	public static List<List<Map<String, AttributeValue>>> chunks(List<Map<String, AttributeValue>> keys) {
		List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
		for (int start = 0; start < keys.size(); start += CHUNK) {
			chunks.add(keys.subList(start, Math.min(keys.size(), start + CHUNK)));
		}
		return chunks;
	}

	/**
	 * The {@code BatchGetItem} request of a chunk's pending keys.
	 */
	public static BatchGetItemRequest request(String table, List<Map<String, AttributeValue>> keys,
			boolean consistent) {
		return BatchGetItemRequest.builder()
			.requestItems(Map.of(table, KeysAndAttributes.builder().keys(keys).consistentRead(consistent).build()))
			.build();
	}

	/**
	 * Adds the items of an answer to those found (by partition key) and returns the keys still to read.
	 */
	public static List<Map<String, AttributeValue>> collect(String table, BatchGetItemResponse response,
			Map<String, Map<String, AttributeValue>> found) {
		for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
			found.put(item.get(ItemAttributes.PK).s(), item);
		}
		KeysAndAttributes unprocessed = response.hasUnprocessedKeys() ? response.unprocessedKeys().get(table) : null;
		return (unprocessed != null && unprocessed.hasKeys()) ? unprocessed.keys() : List.of();
	}

	/**
	 * The failure of a chunk whose keys stayed unprocessed after {@value #MAX_ATTEMPTS} attempts.
	 */
	public static TransientDataAccessResourceException stayedUnprocessed(String table, int pending) {
		return new TransientDataAccessResourceException(pending + " keys of table '" + table
				+ "' stayed unprocessed after " + MAX_ATTEMPTS + " attempts; retry the read");
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
		for (List<Map<String, AttributeValue>> chunk : chunks(keys)) {
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
				throw stayedUnprocessed(table, pending.size());
			}
			if (attempt > 1) {
				this.executor.backoff(attempt, "unprocessed");
			}
			BatchGetItemRequest request = request(table, pending, consistent);
			BatchGetItemResponse response = this.executor.execute((client) -> client.batchGetItem(request));
			pending = collect(table, response, found);
		}
		return found;
	}

}
