package dev.singletable.benchmarks.floor;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.singletable.benchmarks.Fixture;
import dev.singletable.benchmarks.model.VersionedArticle;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static dev.singletable.benchmarks.floor.FloorRequests.key;

/**
 * The floor's reads and queries, by hand: the latest copy of an article, pages of an index, batch gets of up to
 * 100 keys, a stream of the type index and the delete of an article's whole history, with the same limits, start
 * keys and consistency singletable asks for.
 */
final class FloorReads {

	/** The type of the articles read: the versioned one. */
	static final String TYPE = "VersionedArticle";

	private final DynamoDbClient client;

	private final String table;

	private final FloorJson json;

	/**
	 * Creates the reads of one table.
	 * @param client the client
	 * @param table the table
	 * @param json the mapper of the compressed {@code data}
	 */
	FloorReads(DynamoDbClient client, String table, FloorJson json) {
		this.client = client;
		this.table = table;
		this.json = json;
	}

	/**
	 * Reads the latest copy of a versioned article, eventually consistent.
	 * @param id the article's id
	 * @return 1 when it was found and read, else 0
	 */
	int latest(String id) {
		Map<String, AttributeValue> item = this.client
			.getItem((request) -> request.tableName(this.table).key(key(TYPE + "#" + id, "v0")).consistentRead(false))
			.item();
		return (item != null && !item.isEmpty() && read(item) != null) ? 1 : 0;
	}

	/**
	 * Reads one page of 100 articles of an index, asking for one more to know whether another page follows.
	 * @param index the index
	 * @param partitionAttribute the attribute the index is keyed on
	 * @param partition the partition read
	 * @return how many articles the page holds
	 */
	int page(String index, String partitionAttribute, String partition) {
		QueryResponse response = this.client.query((request) -> request.tableName(this.table)
			.indexName(index)
			.keyConditionExpression("#p = :p")
			.expressionAttributeNames(Map.of("#p", partitionAttribute))
			.expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
			.scanIndexForward(true)
			// one more than the page, as singletable asks, to know whether another page follows
			.limit(Fixture.PAGE + 1)
			.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
		List<VersionedArticle> articles = new ArrayList<>(response.items().size());
		for (Map<String, AttributeValue> item : response.items()) {
			if ("v0".equals(item.get("sk").s())) {
				articles.add(read(item));
			}
		}
		return Math.min(articles.size(), Fixture.PAGE);
	}

	/**
	 * The keys of the latest copies of versioned articles.
	 */
	static List<Map<String, AttributeValue>> keys(List<String> ids) {
		List<Map<String, AttributeValue>> keys = new ArrayList<>(ids.size());
		for (String id : ids) {
			keys.add(key(TYPE + "#" + id, "v0"));
		}
		return List.copyOf(keys);
	}

	/** Reads articles by id in requests of at most 100 keys, one after another, each until nothing is unprocessed. */
	int batchGet(List<Map<String, AttributeValue>> allKeys, List<String> ids) {
		Map<String, Map<String, AttributeValue>> found = new HashMap<>();
		for (int from = 0; from < allKeys.size(); from += Fixture.PAGE) {
			List<Map<String, AttributeValue>> pending = allKeys.subList(from, Math.min(allKeys.size(), from + Fixture.PAGE));
			while (!pending.isEmpty()) {
				List<Map<String, AttributeValue>> keys = pending;
				BatchGetItemResponse response = this.client.batchGetItem((request) -> request.requestItems(
						Map.of(this.table, KeysAndAttributes.builder().keys(keys).consistentRead(false).build())));
				for (Map<String, AttributeValue> item : response.responses().getOrDefault(this.table, List.of())) {
					found.put(item.get("pk").s(), item);
				}
				KeysAndAttributes unprocessed = response.unprocessedKeys().get(this.table);
				pending = (unprocessed != null && unprocessed.hasKeys()) ? unprocessed.keys() : List.of();
			}
		}
		List<VersionedArticle> articles = new ArrayList<>(found.size());
		for (String id : ids) {
			Map<String, AttributeValue> item = found.get(TYPE + "#" + id);
			if (item != null) {
				articles.add(read(item));
			}
		}
		return articles.size();
	}

	/**
	 * Reads pages of 100 articles of the type index one after another, each starting after the last item of the
	 * one before.
	 * @param pages the most pages
	 * @return how many articles were read
	 */
	int listPages(int pages) {
		int count = 0;
		Map<String, AttributeValue> startKey = null;
		for (int i = 0; i < pages; i++) {
			Map<String, AttributeValue> start = startKey;
			QueryResponse response = this.client.query((request) -> request.tableName(this.table)
				.indexName("gsitype")
				.keyConditionExpression("#p = :p")
				.expressionAttributeNames(Map.of("#p", "gsitype"))
				.expressionAttributeValues(Map.of(":p", AttributeValue.fromS(TYPE)))
				.scanIndexForward(true)
				.limit(Fixture.PAGE + 1)
				.exclusiveStartKey(start)
				.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
			List<Map<String, AttributeValue>> items = response.items();
			int page = Math.min(items.size(), Fixture.PAGE);
			for (Map<String, AttributeValue> item : items.subList(0, page)) {
				read(item);
			}
			count += page;
			if (items.size() <= Fixture.PAGE) {
				break;
			}
			// the next page starts after the last item of this one, as singletable's cursor does
			Map<String, AttributeValue> last = items.get(page - 1);
			startKey = Map.of("pk", last.get("pk"), "sk", last.get("sk"), "gsitype", last.get("gsitype"), "gsitypesk",
					last.get("gsitypesk"));
		}
		return count;
	}

	/**
	 * Deletes a versioned article with all its versions: reads their keys, deletes the latest, then the others in
	 * batches of 25.
	 * @param id the article's id
	 * @return how many items there were
	 */
	int deleteHistory(String id) {
		String pk = TYPE + "#" + id;
		List<Map<String, AttributeValue>> keys = new ArrayList<>();
		Map<String, AttributeValue> startKey = null;
		do {
			Map<String, AttributeValue> start = startKey;
			QueryResponse response = this.client.query((request) -> request.tableName(this.table)
				.keyConditionExpression("#pk = :pk AND begins_with(#sk, :v)")
				.expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":v", AttributeValue.fromS("v")))
				.projectionExpression("#pk, #sk")
				.consistentRead(true)
				.exclusiveStartKey(start));
			keys.addAll(response.items());
			startKey = (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty())
					? response.lastEvaluatedKey() : null;
		}
		while (startKey != null);
		if (keys.isEmpty()) {
			return 0;
		}
		// the latest first, so that a failure half-way leaves no resource that looks alive
		this.client.deleteItem((request) -> request.tableName(this.table).key(key(pk, "v0")));
		List<WriteRequest> deletes = new ArrayList<>(keys.size());
		for (Map<String, AttributeValue> key : keys) {
			if (!"v0".equals(key.get("sk").s())) {
				deletes.add(WriteRequest.builder().deleteRequest((delete) -> delete.key(key)).build());
			}
		}
		for (int from = 0; from < deletes.size(); from += 25) {
			List<WriteRequest> pending = deletes.subList(from, Math.min(deletes.size(), from + 25));
			while (!pending.isEmpty()) {
				List<WriteRequest> batch = pending;
				BatchWriteItemResponse response = this.client
					.batchWriteItem((request) -> request.requestItems(Map.of(this.table, batch)));
				pending = response.unprocessedItems().getOrDefault(this.table, List.of());
			}
		}
		return keys.size();
	}

	/**
	 * Streams every event of the type index, in pages DynamoDB fills up to 1 MB.
	 * @param sink what receives the events
	 * @return how many events were read
	 */
	long stream(Consumer<Object> sink) {
		long count = 0;
		Map<String, AttributeValue> startKey = null;
		do {
			Map<String, AttributeValue> start = startKey;
			QueryResponse response = this.client.query((request) -> request.tableName(this.table)
				.indexName("gsitype")
				.keyConditionExpression("#p = :p")
				.expressionAttributeNames(Map.of("#p", "gsitype"))
				.expressionAttributeValues(Map.of(":p", AttributeValue.fromS("Event")))
				.scanIndexForward(true)
				.exclusiveStartKey(start));
			for (Map<String, AttributeValue> item : response.items()) {
				sink.accept(FloorItems.event(item));
				count++;
			}
			startKey = (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty())
					? response.lastEvaluatedKey() : null;
		}
		while (startKey != null);
		return count;
	}

	/**
	 * Reads a versioned article from its compressed {@code data}.
	 */
	VersionedArticle read(Map<String, AttributeValue> item) {
		return this.json.decompress(item.get("data").b().asByteArrayUnsafe(), VersionedArticle.class);
	}

}
