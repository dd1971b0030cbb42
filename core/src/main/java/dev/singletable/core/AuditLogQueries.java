package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import com.github.f4b6a3.ulid.Ulid;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.internal.execution.DynamoDbExecutor;
import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.format.StorageTimestamps;
import dev.singletable.core.internal.query.CursorCodec;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the audit log rows of a table, whichever library wrote them, newest first unless asked otherwise, a page
 * at a time with signed cursors:
 *
 * <pre class="code">
 * AuditLogQueries audit = new AuditLogQueries(client, "my-table");
 * QueryPage&lt;AuditEntry&gt; page = audit.forResource("Order", orderId).since(yesterday).limit(20).page(null);
 * audit.byChanger("alice").stream().forEach(...);
 * </pre>
 *
 * Each kind of query reads one index of {@code simplesingletable}'s layout: by resource {@code gsi1}, by type
 * {@code gsi2} (both sorted by the row's ULID key, so a time range is a key range), by changer {@code gsi3}
 * (rows with a {@code changed_by}; the Python library writes that index since 17.0, so rows of 16.5 are found with
 * {@code forType(type).changedBy(who)} instead), every row {@code gsitype} (sorted by creation time).
 * {@link Query#changedBy(String)} and {@link Query#operation(String)} filter on the server.
 */
public final class AuditLogQueries {

	private static final String INDEX_BY_RESOURCE = "gsi1";

	private static final String INDEX_BY_TYPE = "gsi2";

	private static final String INDEX_BY_CHANGER = "gsi3";

	private static final int DEFAULT_LIMIT = 50;

	private final DynamoDbExecutor executor;

	private final AuditItems items;

	private CursorCodec cursors;

	/**
	 * Creates queries over a table, reading stored values with the library's storage mapper.
	 * @param client the client
	 * @param tableName the table (the main table, or a separate audit table with the same indexes)
	 */
	public AuditLogQueries(DynamoDbClient client, String tableName) {
		this(client, tableName, StorageJsonMapper.create());
	}

	/**
	 * Creates queries over a table.
	 * @param client the client
	 * @param tableName the table
	 * @param jsonMapper the mapper that reads stored values into JSON trees
	 */
	public AuditLogQueries(DynamoDbClient client, String tableName, JsonMapper jsonMapper) {
		this(new DynamoDbExecutor(checked(client), checked(tableName)), jsonMapper);
	}

	/**
	 * Creates queries that send through the template's executor, so that they are translated and observed as the
	 * template's own requests.
	 */
	AuditLogQueries(DynamoDbExecutor executor, JsonMapper jsonMapper) {
		this.executor = executor;
		this.items = new AuditItems(jsonMapper);
		this.cursors = new CursorCodec(CursorCodec.defaultSecret(executor.getTableName()));
	}

	private static DynamoDbClient checked(DynamoDbClient client) {
		Assert.notNull(client, "DynamoDbClient must not be null");
		return client;
	}

	private static String checked(String tableName) {
		Assert.hasText(tableName, "Table name must not be empty");
		return tableName;
	}

	/**
	 * Sets the secret that signs cursors; use the template's, so that cursors are alike on every instance.
	 * @param secret the secret, not empty
	 */
	public void setCursorSecret(byte[] secret) {
		this.cursors = new CursorCodec(secret);
	}

	/**
	 * Reads one entry by id.
	 * @param id the entry id
	 * @return the entry, empty when there is none
	 */
	public Optional<AuditEntry> findById(String id) {
		AttributeValue key = AttributeValue.fromS(AuditItems.key(id));
		return this.executor.getItem(Map.of(ItemAttributes.PK, key, ItemAttributes.SK, key), true)
			.map(this.items::fromItem);
	}

	/**
	 * The entries of one resource.
	 * @param resourceType the resource type name (for types shared with Python, its class name)
	 * @param resourceId the resource id
	 * @return the query
	 */
	public Query forResource(String resourceType, String resourceId) {
		Assert.hasText(resourceType, "Resource type must not be empty");
		Assert.hasText(resourceId, "Resource id must not be empty");
		return new Query(INDEX_BY_RESOURCE, ItemAttributes.GSI1_PK,
				AuditItems.resourcePartition(resourceType, resourceId), ItemAttributes.PK, true);
	}

	/**
	 * The entries of every resource of a type.
	 * @param resourceType the resource type name
	 * @return the query
	 */
	public Query forType(String resourceType) {
		Assert.hasText(resourceType, "Resource type must not be empty");
		return new Query(INDEX_BY_TYPE, ItemAttributes.GSI2_PK, AuditItems.typePartition(resourceType),
				ItemAttributes.PK, true);
	}

	/**
	 * The entries of one changer (rows with a {@code gsi3} key; see the class description).
	 * @param changedBy who made the changes
	 * @return the query
	 */
	public Query byChanger(String changedBy) {
		Assert.hasText(changedBy, "Changer must not be empty");
		return new Query(INDEX_BY_CHANGER, ItemAttributes.GSI3_PK, AuditItems.changerPartition(changedBy),
				ItemAttributes.GSI3_SK, false);
	}

	/**
	 * Every entry of the table.
	 * @return the query
	 */
	public Query all() {
		return new Query(ItemAttributes.TYPE_INDEX, ItemAttributes.GSI_TYPE, AuditItems.PREFIX,
				ItemAttributes.GSI_TYPE_SK, false);
	}

	/**
	 * An audit log query: immutable, each method returns a changed copy.
	 */
	public final class Query {

		private final String index;

		private final String partitionAttribute;

		private final String partition;

		private final String sortAttribute;

		private final boolean sortedByKey;

		private @Nullable Instant from;

		private @Nullable Instant to;

		private boolean ascending;

		private int limit = DEFAULT_LIMIT;

		private @Nullable String changedBy;

		private @Nullable String operation;

		private Query(String index, String partitionAttribute, String partition, String sortAttribute,
				boolean sortedByKey) {
			this.index = index;
			this.partitionAttribute = partitionAttribute;
			this.partition = partition;
			this.sortAttribute = sortAttribute;
			this.sortedByKey = sortedByKey;
		}

		private Query copy(Consumer<Query> change) {
			Query copy = new Query(this.index, this.partitionAttribute, this.partition, this.sortAttribute,
					this.sortedByKey);
			copy.from = this.from;
			copy.to = this.to;
			copy.ascending = this.ascending;
			copy.limit = this.limit;
			copy.changedBy = this.changedBy;
			copy.operation = this.operation;
			change.accept(copy);
			return copy;
		}

		/**
		 * Only entries made at or after a time (to the millisecond).
		 * @param from the earliest time
		 * @return the changed query
		 */
		public Query since(Instant from) {
			Assert.notNull(from, "Time must not be null");
			return copy((query) -> query.from = from);
		}

		/**
		 * Only entries made at or before a time (to the millisecond).
		 * @param to the latest time
		 * @return the changed query
		 */
		public Query until(Instant to) {
			Assert.notNull(to, "Time must not be null");
			return copy((query) -> query.to = to);
		}

		/**
		 * Only entries made in a time range, both ends included.
		 * @param from the earliest time
		 * @param to the latest time
		 * @return the changed query
		 */
		public Query between(Instant from, Instant to) {
			Assert.isTrue(!to.isBefore(from), "The range must not end before it starts");
			return since(from).until(to);
		}

		/**
		 * Oldest entries first (the default is newest first).
		 * @return the changed query
		 */
		public Query oldestFirst() {
			return copy((query) -> query.ascending = true);
		}

		/**
		 * The most entries a page holds (default {@value #DEFAULT_LIMIT}).
		 * @param limit the page size, at least 1
		 * @return the changed query
		 */
		public Query limit(int limit) {
			Assert.isTrue(limit > 0, "Limit must be at least 1");
			return copy((query) -> query.limit = limit);
		}

		/**
		 * Only entries of one changer (a server-side filter).
		 * @param changedBy who made the changes
		 * @return the changed query
		 */
		public Query changedBy(String changedBy) {
			Assert.hasText(changedBy, "Changer must not be empty");
			return copy((query) -> query.changedBy = changedBy);
		}

		/**
		 * Only entries of one operation, such as {@link AuditEntry#UPDATE} (a server-side filter).
		 * @param operation the operation
		 * @return the changed query
		 */
		public Query operation(String operation) {
			Assert.hasText(operation, "Operation must not be empty");
			return copy((query) -> query.operation = operation);
		}

		/**
		 * Reads one page.
		 * @param cursor the {@link QueryPage#nextCursor()} of the previous page, or {@literal null} for the first
		 * @return the page
		 * @throws dev.singletable.core.query.InvalidCursorException when the cursor is not one of this query
		 */
		public QueryPage<AuditEntry> page(@Nullable String cursor) {
			// a cursor resumes the query that made it: same partition, time range and direction
			CursorCodec.Scope scope = CursorCodec.scope(
					"audit:" + this.from + ":" + this.to + ":" + (this.ascending ? "asc" : "desc"), this.index,
					this.partitionAttribute, this.sortAttribute, this.partition);
			Map<String, AttributeValue> startKey = (cursor != null) ? AuditLogQueries.this.cursors.decode(scope, cursor)
					: null;
			List<Map<String, AttributeValue>> found = new ArrayList<>();
			DynamoDbExecutor.Pages pages = AuditLogQueries.this.executor.pages(startKey);
			int requests = 0;
			int scanned = 0;
			double capacity = 0;
			boolean more = false;
			while (pages.hasNext() && found.size() <= this.limit) {
				QueryResponse response = pages.next(request(this.limit + 1 - found.size()));
				requests++;
				scanned += response.scannedCount();
				capacity += (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null)
						? response.consumedCapacity().capacityUnits() : 0;
				found.addAll(response.items());
			}
			if (found.size() > this.limit) {
				found = found.subList(0, this.limit);
				more = true;
			}
			else if (pages.hasNext()) {
				more = true;
			}
			List<AuditEntry> entries = new ArrayList<>(found.size());
			List<String> itemCursors = new ArrayList<>(found.size());
			for (Map<String, AttributeValue> item : found) {
				entries.add(AuditLogQueries.this.items.fromItem(item));
				itemCursors.add(AuditLogQueries.this.cursors.encode(scope, CursorCodec.keyOf(scope, item)));
			}
			String next = (more && !itemCursors.isEmpty()) ? itemCursors.get(itemCursors.size() - 1)
					: (more && pages.startKey() != null) ? AuditLogQueries.this.cursors.encode(scope, pages.startKey())
							: null;
			return new QueryPage<>(entries, next, requests, scanned, capacity, itemCursors);
		}

		/**
		 * Reads every matching entry, page by page as the stream is consumed.
		 * @return the entries
		 */
		public Stream<AuditEntry> stream() {
			Query query = this;
			Spliterator<List<AuditEntry>> pages = new Spliterators.AbstractSpliterator<>(Long.MAX_VALUE,
					Spliterator.ORDERED) {

				private @Nullable String cursor;

				private boolean done;

				@Override
				public boolean tryAdvance(Consumer<? super List<AuditEntry>> action) {
					if (this.done) {
						return false;
					}
					QueryPage<AuditEntry> page = query.page(this.cursor);
					this.cursor = page.nextCursor();
					this.done = (this.cursor == null);
					action.accept(page.items());
					return true;
				}

			};
			return StreamSupport.stream(pages, false).flatMap(List::stream);
		}

		private QueryRequest.Builder request(int size) {
			Map<String, String> names = new LinkedHashMap<>();
			Map<String, AttributeValue> values = new LinkedHashMap<>();
			names.put("#p", this.partitionAttribute);
			values.put(":p", AttributeValue.fromS(this.partition));
			String condition = "#p = :p";
			String low = (this.from != null) ? bound(this.from, false) : null;
			String high = (this.to != null) ? bound(this.to, true) : null;
			if (low != null || high != null) {
				names.put("#s", this.sortAttribute);
				if (low != null && high != null) {
					condition += " AND #s BETWEEN :lo AND :hi";
				}
				else {
					condition += (low != null) ? " AND #s >= :lo" : " AND #s <= :hi";
				}
				if (low != null) {
					values.put(":lo", AttributeValue.fromS(low));
				}
				if (high != null) {
					values.put(":hi", AttributeValue.fromS(high));
				}
			}
			List<String> filters = new ArrayList<>();
			if (this.changedBy != null) {
				names.put("#cb", AuditItems.CHANGED_BY);
				values.put(":cb", AttributeValue.fromS(this.changedBy));
				filters.add("#cb = :cb");
			}
			if (this.operation != null) {
				names.put("#op", AuditItems.OPERATION);
				values.put(":op", AttributeValue.fromS(this.operation));
				filters.add("#op = :op");
			}
			QueryRequest.Builder request = QueryRequest.builder()
				.tableName(AuditLogQueries.this.executor.getTableName())
				.indexName(this.index)
				.keyConditionExpression(condition)
				.scanIndexForward(this.ascending)
				.expressionAttributeNames(names)
				.expressionAttributeValues(values)
				.returnConsumedCapacity("TOTAL");
			if (!filters.isEmpty()) {
				request.filterExpression(String.join(" AND ", filters));
			}
			else {
				request.limit(size);
			}
			return request;
		}

		/**
		 * The sort key bound of a time: on the ULID-keyed indexes the smallest or largest row key of that
		 * millisecond; on the others the stored form of the time.
		 */
		private String bound(Instant time, boolean upper) {
			if (!this.sortedByKey) {
				return StorageTimestamps.format(time);
			}
			long millis = time.toEpochMilli();
			return AuditItems.key((upper ? Ulid.max(millis) : Ulid.min(millis)).toString());
		}

	}

}
