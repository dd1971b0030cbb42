package dev.singletable.evolution;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Types of the backfill tests, each "before" and "after" a definition change on the same type prefix (two
 * applications, or one before and after a release), and the seeding of many items in the layout the "before"
 * definition writes ({@link ItemLayout}, the code the template writes with), with {@code BatchWriteItem}.
 */
final class BackfillFixtures {

	static final int OWNERS = 20;

	private BackfillFixtures() {
	}

	/** A versioned, compressed ticket before it was indexed by owner. */
	@SingleTableEntity(prefix = "Ticket", versioned = true)
	record TicketBefore(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String owner, String title, int counter) {

	}

	/** The ticket after: indexed by owner on gsi2. */
	@SingleTableEntity(prefix = "Ticket", versioned = true)
	@IndexKey(index = "gsi2", partition = "owner#{owner}")
	record TicketAfter(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String owner, String title, int counter) {

		TicketAfter withOwner(String owner) {
			return new TicketAfter(this.id, this.version, this.createdAt, this.updatedAt, owner, this.title,
					this.counter);
		}

		TicketAfter counted() {
			return new TicketAfter(this.id, this.version, this.createdAt, this.updatedAt, this.owner, this.title,
					this.counter + 1);
		}

	}

	/** A plain, uncompressed memo before it was indexed. */
	@SingleTableEntity(prefix = "Memo")
	record MemoBefore(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String owner, boolean urgent, int counter) {

	}

	/** The memo after: indexed by urgency and owner on gsi1 (a boolean rendered as Python renders it). */
	@SingleTableEntity(prefix = "Memo")
	@IndexKey(index = "gsi1", partition = "memo#{urgent}#{owner}")
	record MemoAfter(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt,
			String owner, boolean urgent, int counter) {

		MemoAfter counted() {
			return new MemoAfter(this.id, this.createdAt, this.updatedAt, this.owner, this.urgent, this.counter + 1);
		}

	}

	static String owner(int i) {
		return "owner-" + (i % OWNERS);
	}

	static SingleTableTemplate template(DynamoDbClient client, String tableName) {
		return new SingleTableTemplate(client, tableName,
				new MappingSingleTableConverter(new SingleTableMappingContext()));
	}

	/** A template like {@link #template}, with blobs in the test's bucket under the prefix {@code blobs}. */
	static SingleTableTemplate templateWithBlobs(DynamoDbClient client, String tableName, S3LocalExtension s3) {
		SingleTableTemplate template = template(client, tableName);
		template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), "blobs",
				template.getConverter().getJsonMapper()));
		return template;
	}

	/**
	 * The items of {@code count} tickets with {@code versions} versions each, as the "before" definition writes
	 * them.
	 */
	static List<Map<String, AttributeValue>> tickets(SingleTableConverter converter, int count, int versions) {
		SingleTablePersistentEntity<?> metadata = converter.getRequiredEntity(TicketBefore.class);
		ItemLayout layout = new ItemLayout(converter);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		Instant base = Instant.parse("2026-01-01T00:00:00Z");
		for (int i = 0; i < count; i++) {
			String id = String.format("T%06d", i);
			Instant createdAt = base.plusSeconds(i);
			Map<String, AttributeValue> latest = null;
			for (long version = 1; version <= versions; version++) {
				Instant updatedAt = createdAt.plusMillis(version * 7 + i % 13);
				TicketBefore ticket = new TicketBefore(id, version, createdAt, updatedAt, owner(i), "title " + version,
						0);
				Map<String, AttributeValue> body = layout.body(ticket, createdAt, null, updatedAt);
				latest = layout.latest(metadata, id, ticket, body, version, updatedAt, createdAt);
				items.add(layout.history(metadata, id, body, version, latest));
			}
			items.add(latest);
		}
		return items;
	}

	/**
	 * The items of {@code count} memos as the "before" definition writes them.
	 */
	static List<Map<String, AttributeValue>> memos(SingleTableConverter converter, int count) {
		Instant base = Instant.parse("2026-02-01T00:00:00Z");
		return memos(converter, count, (i) -> base.plusSeconds(i).plusMillis(i % 17));
	}

	/**
	 * The items of {@code count} memos as the "before" definition writes them, the {@code i}th last modified when
	 * the function says (and created a second before).
	 */
	static List<Map<String, AttributeValue>> memos(SingleTableConverter converter, int count,
			java.util.function.IntFunction<Instant> modified) {
		SingleTablePersistentEntity<?> metadata = converter.getRequiredEntity(MemoBefore.class);
		ItemLayout layout = new ItemLayout(converter);
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String id = String.format("M%06d", i);
			Instant updatedAt = modified.apply(i);
			Instant createdAt = updatedAt.minusSeconds(1);
			MemoBefore memo = new MemoBefore(id, createdAt, updatedAt, owner(i), i % 3 == 0, 0);
			Map<String, AttributeValue> body = layout.body(memo, createdAt, null, updatedAt);
			items.add(layout.latest(metadata, id, memo, body, 0, updatedAt, createdAt));
		}
		return items;
	}

	/**
	 * Writes items with {@code BatchWriteItem}, 4 batches side by side, retrying unprocessed items.
	 */
	static void write(DynamoDbClient client, String tableName, List<Map<String, AttributeValue>> items)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> batches = new ArrayList<>();
			for (int from = 0; from < items.size(); from += 25) {
				List<Map<String, AttributeValue>> chunk = items.subList(from, Math.min(items.size(), from + 25));
				batches.add(pool.submit(() -> {
					List<WriteRequest> requests = chunk.stream()
						.map((item) -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
						.toList();
					while (!requests.isEmpty()) {
						List<WriteRequest> pending = requests;
						BatchWriteItemResponse response = client
							.batchWriteItem((request) -> request.requestItems(Map.of(tableName, pending)));
						requests = response.unprocessedItems().getOrDefault(tableName, List.of());
					}
				}));
			}
			for (Future<?> batch : batches) {
				batch.get();
			}
		}
		finally {
			pool.shutdown();
		}
	}

	/**
	 * Every item of the table whose {@code pk} starts with a prefix, by {@code pk} and {@code sk}.
	 */
	static Map<String, Map<String, AttributeValue>> items(DynamoDbClient client, String tableName, String prefix) {
		Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
		Map<String, AttributeValue> start = null;
		do {
			Map<String, AttributeValue> from = start;
			ScanResponse page = client.scan((request) -> request.tableName(tableName)
				.consistentRead(true)
				.filterExpression("begins_with(pk, :p)")
				.expressionAttributeValues(Map.of(":p", AttributeValue.fromS(prefix)))
				.exclusiveStartKey(from));
			page.items().forEach((item) -> items.put(item.get("pk").s() + "|" + item.get("sk").s(), item));
			start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
		}
		while (start != null);
		return items;
	}

	/**
	 * The {@code pk}s an index partition holds, each as many times as the index returns it.
	 */
	static List<String> indexed(DynamoDbClient client, String tableName, String index, String attribute,
			String value) {
		List<String> keys = new ArrayList<>();
		Map<String, AttributeValue> start = null;
		do {
			Map<String, AttributeValue> from = start;
			QueryResponse page = client.query((request) -> request.tableName(tableName)
				.indexName(index)
				.keyConditionExpression("#a = :v")
				.expressionAttributeNames(Map.of("#a", attribute))
				.expressionAttributeValues(Map.of(":v", AttributeValue.fromS(value)))
				.exclusiveStartKey(from));
			page.items().forEach((item) -> keys.add(item.get("pk").s()));
			start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
		}
		while (start != null);
		return keys;
	}

	/**
	 * An item without some attributes.
	 */
	static Map<String, AttributeValue> without(Map<String, AttributeValue> item, String... names) {
		Map<String, AttributeValue> copy = new HashMap<>(item);
		for (String name : names) {
			copy.remove(name);
		}
		return copy;
	}

}
