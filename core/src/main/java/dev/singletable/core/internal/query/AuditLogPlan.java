package dev.singletable.core.internal.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import com.github.f4b6a3.ulid.Ulid;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.internal.plan.QueryAll;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * An audit log query planned once for both APIs ({@code AuditLogQueries} and {@code ReactiveAuditLogQueries}): the
 * index and partition it reads, its time range, order, page size and server-side filters (immutable, each change a
 * copy), and the reading of one page ({@link PageReading}), which builds each {@code Query} request and decides
 * from each answer, sending nothing — so both APIs send the same requests and make the same pages and cursors.
 */
public final class AuditLogPlan {

	/** The page size when none is set. */
	public static final int DEFAULT_LIMIT = 50;

	private static final String INDEX_BY_RESOURCE = "gsi1";

	private static final String INDEX_BY_TYPE = "gsi2";

	private static final String INDEX_BY_CHANGER = "gsi3";

	private final String index;

	private final String partitionAttribute;

	private final String partition;

	private final String sortAttribute;

	private final boolean sortedByKey;

	private final @Nullable Instant from;

	private final @Nullable Instant to;

	private final boolean ascending;

	private final int limit;

	private final @Nullable String changedBy;

	private final @Nullable String operation;

	/** Whether the partition is a key the audit log's shards spread ({@code KeyShards}). */
	private final boolean spreadable;

	private AuditLogPlan(String index, String partitionAttribute, String partition, String sortAttribute,
			boolean sortedByKey, @Nullable Instant from, @Nullable Instant to, boolean ascending, int limit,
			@Nullable String changedBy, @Nullable String operation, boolean spreadable) {
		this.spreadable = spreadable;
		this.index = index;
		this.partitionAttribute = partitionAttribute;
		this.partition = partition;
		this.sortAttribute = sortAttribute;
		this.sortedByKey = sortedByKey;
		this.from = from;
		this.to = to;
		this.ascending = ascending;
		this.limit = limit;
		this.changedBy = changedBy;
		this.operation = operation;
	}

	private static AuditLogPlan of(String index, String partitionAttribute, String partition, String sortAttribute,
			boolean sortedByKey, boolean spreadable) {
		return new AuditLogPlan(index, partitionAttribute, partition, sortAttribute, sortedByKey, null, null, false,
				DEFAULT_LIMIT, null, null, spreadable);
	}

	/** The rows of one resource ({@code gsi1}, by row key). */
	public static AuditLogPlan forResource(String resourceType, String resourceId) {
		Assert.hasText(resourceType, "Resource type must not be empty");
		Assert.hasText(resourceId, "Resource id must not be empty");
		return of(INDEX_BY_RESOURCE, ItemAttributes.GSI1_PK, AuditItems.resourcePartition(resourceType, resourceId),
				ItemAttributes.PK, true, false);
	}

	/** The rows of every resource of a type ({@code gsi2}, by row key). */
	public static AuditLogPlan forType(String resourceType) {
		Assert.hasText(resourceType, "Resource type must not be empty");
		return of(INDEX_BY_TYPE, ItemAttributes.GSI2_PK, AuditItems.typePartition(resourceType), ItemAttributes.PK,
				true, true);
	}

	/** The rows of one changer ({@code gsi3}). */
	public static AuditLogPlan byChanger(String changedBy) {
		Assert.hasText(changedBy, "Changer must not be empty");
		return of(INDEX_BY_CHANGER, ItemAttributes.GSI3_PK, AuditItems.changerPartition(changedBy),
				ItemAttributes.GSI3_SK, false, false);
	}

	/** Every row ({@code gsitype}, by creation time). */
	public static AuditLogPlan all() {
		return of(ItemAttributes.TYPE_INDEX, ItemAttributes.GSI_TYPE, AuditItems.PREFIX, ItemAttributes.GSI_TYPE_SK,
				false, true);
	}

	/** The key of the row with an id, to read it by id. */
	public static Map<String, AttributeValue> rowKey(String id) {
		AttributeValue key = AttributeValue.fromS(AuditItems.key(id));
		return Map.of(ItemAttributes.PK, key, ItemAttributes.SK, key);
	}

	public AuditLogPlan since(Instant from) {
		Assert.notNull(from, "Time must not be null");
		return new AuditLogPlan(this.index, this.partitionAttribute, this.partition, this.sortAttribute,
				this.sortedByKey, from, this.to, this.ascending, this.limit, this.changedBy,
				this.operation, this.spreadable);
	}

	public AuditLogPlan until(Instant to) {
		Assert.notNull(to, "Time must not be null");
		return new AuditLogPlan(this.index, this.partitionAttribute, this.partition, this.sortAttribute,
				this.sortedByKey, this.from, to, this.ascending, this.limit, this.changedBy,
				this.operation, this.spreadable);
	}

	public AuditLogPlan between(Instant from, Instant to) {
		Assert.isTrue(!to.isBefore(from), "The range must not end before it starts");
		return since(from).until(to);
	}

	public AuditLogPlan oldestFirst() {
		return new AuditLogPlan(this.index, this.partitionAttribute, this.partition, this.sortAttribute,
				this.sortedByKey, this.from, this.to, true, this.limit, this.changedBy,
				this.operation, this.spreadable);
	}

	public AuditLogPlan limit(int limit) {
		Assert.isTrue(limit > 0, "Limit must be at least 1");
		return new AuditLogPlan(this.index, this.partitionAttribute, this.partition, this.sortAttribute,
				this.sortedByKey, this.from, this.to, this.ascending, limit, this.changedBy,
				this.operation, this.spreadable);
	}

	public AuditLogPlan changedBy(String changedBy) {
		Assert.hasText(changedBy, "Changer must not be empty");
		return new AuditLogPlan(this.index, this.partitionAttribute, this.partition, this.sortAttribute,
				this.sortedByKey, this.from, this.to, this.ascending, this.limit, changedBy,
				this.operation, this.spreadable);
	}

	public AuditLogPlan operation(String operation) {
		Assert.hasText(operation, "Operation must not be empty");
		return new AuditLogPlan(this.index, this.partitionAttribute, this.partition, this.sortAttribute,
				this.sortedByKey, this.from, this.to, this.ascending, this.limit, this.changedBy,
				operation, this.spreadable);
	}

	/**
	 * The plan that reads one entry by id (strongly consistent).
	 * @param id the entry id
	 * @param items the row codec
	 * @param tableName the table
	 * @return the plan, done with the entry or {@literal null} when there is none
	 */
	public static Step<AuditEntry> findById(String id, AuditItems items, String tableName) {
		GetItemRequest request = GetItemRequest.builder().tableName(tableName).key(rowKey(id)).consistentRead(true).build();
		return Step.send(new Request.Plain(request), (answer) -> {
			GetItemResponse response = answer.get(GetItemResponse.class);
			return Step.done((response.hasItem() && !response.item().isEmpty()) ? items.fromItem(response.item())
					: null);
		});
	}

	/**
	 * The plan that reads one page ({@link PageReading}): its requests one after another, each sent from the answer
	 * of the one before.
	 * @param cursor the {@link QueryPage#nextCursor()} of the previous page, or {@literal null} for the first
	 * @param cursors the codec that seals and opens cursors
	 * @param items the row codec
	 * @param tableName the table
	 * @throws dev.singletable.core.query.InvalidCursorException when the cursor is not one of this query
	 */
	public Step<QueryPage<AuditEntry>> page(@Nullable String cursor, CursorCodec cursors, AuditItems items,
			String tableName) {
		if (this.spreadable && items.shards().spread()) {
			return merged(cursor, cursors, items, tableName).next();
		}
		return reading(cursor, cursors, items, tableName).next();
	}

	/**
	 * Starts reading one page of a key spread over the audit log's shards: every shard's partition and the
	 * unspread one, merged.
	 */
	AuditLogMergedReading merged(@Nullable String cursor, CursorCodec cursors, AuditItems items, String tableName) {
		List<CursorCodec.Scope> scopes = items.shards().keys(this.partition).stream().map(this::scope).toList();
		return new AuditLogMergedReading(this, scopes, (cursor != null) ? cursors.decode(scopes, cursor) : null,
				cursors, items, tableName);
	}

	/** The scope of the cursors of one partition: a cursor resumes the query that made it. */
	private CursorCodec.Scope scope(String partition) {
		return CursorCodec.scope("audit:" + this.from + ":" + this.to + ":" + (this.ascending ? "asc" : "desc"),
				this.index, this.partitionAttribute, this.sortAttribute, partition);
	}

	int limit() {
		return this.limit;
	}

	boolean ascending() {
		return this.ascending;
	}

	String sortAttribute() {
		return this.sortAttribute;
	}

	/** Whether the query filters rows on the server (then its requests read whole pages: no limit). */
	boolean filtered() {
		return this.changedBy != null || this.operation != null;
	}

	/**
	 * Starts reading one page.
	 * @param cursor the {@link QueryPage#nextCursor()} of the previous page, or {@literal null} for the first
	 * @param cursors the codec that seals and opens cursors
	 * @param items the row codec
	 * @param tableName the table
	 * @throws dev.singletable.core.query.InvalidCursorException when the cursor is not one of this query
	 */
	PageReading reading(@Nullable String cursor, CursorCodec cursors, AuditItems items, String tableName) {
		// a cursor resumes the query that made it: same partition, time range and direction
		CursorCodec.Scope scope = scope(this.partition);
		Map<String, AttributeValue> startKey = (cursor != null) ? cursors.decode(scope, cursor) : null;
		return new PageReading(scope, startKey, cursors, items, tableName);
	}

	private QueryRequest.Builder request(String tableName, int size) {
		return request(tableName, this.partition, size);
	}

	/** The request of one partition of the query, asking for {@code size} rows unless filtered. */
	QueryRequest.Builder request(String tableName, String partition, int size) {
		Map<String, String> names = new LinkedHashMap<>();
		Map<String, AttributeValue> values = new LinkedHashMap<>();
		names.put("#p", this.partitionAttribute);
		values.put(":p", AttributeValue.fromS(partition));
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
			.tableName(tableName)
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

	/** The capacity units a query's answer says it consumed, 0 when it says none. */
	static double capacityOf(QueryResponse response) {
		return (response.consumedCapacity() != null && response.consumedCapacity().capacityUnits() != null)
				? response.consumedCapacity().capacityUnits() : 0;
	}

	/**
	 * The sort key bound of a time: on the ULID-keyed indexes the smallest or largest row key of that millisecond;
	 * on the others the stored form of the time.
	 */
	private String bound(Instant time, boolean upper) {
		if (!this.sortedByKey) {
			return StorageTimestamps.format(time);
		}
		long millis = time.toEpochMilli();
		return AuditItems.key((upper ? Ulid.max(millis) : Ulid.min(millis)).toString());
	}

	/**
	 * The reading of one page: {@link #nextRequest()} says what to send (nothing once the page is complete), each
	 * answer goes to {@link #accept}, and {@link #page()} makes the page; {@link #next()} is that reading as a plan. It reads until it holds one row more than
	 * the limit (so a page ending at the last row has no cursor) or the index has no more.
	 */
	final class PageReading {

		private final CursorCodec.Scope scope;

		private final CursorCodec cursors;

		private final AuditItems items;

		private final String tableName;

		private @Nullable Map<String, AttributeValue> startKey;

		private boolean started;

		private final List<Map<String, AttributeValue>> found = new ArrayList<>();

		private int requests;

		private int scanned;

		private double capacity;

		private PageReading(CursorCodec.Scope scope, @Nullable Map<String, AttributeValue> startKey,
				CursorCodec cursors, AuditItems items, String tableName) {
			this.scope = scope;
			this.startKey = startKey;
			this.cursors = cursors;
			this.items = items;
			this.tableName = tableName;
		}

		/**
		 * The rest of the page's reading as a plan: the next request, or the page once it is complete.
		 */
		Step<QueryPage<AuditEntry>> next() {
			QueryRequest request = nextRequest();
			if (request == null) {
				return Step.done(page());
			}
			return Step.send(new Request.Plain(request), (answer) -> {
				accept(answer.get(QueryResponse.class));
				return next();
			});
		}

		/**
		 * The next request to send, {@literal null} when the page is complete.
		 */
		@Nullable QueryRequest nextRequest() {
			boolean more = !this.started || this.startKey != null;
			if (!more || this.found.size() > AuditLogPlan.this.limit) {
				return null;
			}
			return request(this.tableName, AuditLogPlan.this.limit + 1 - this.found.size())
				.exclusiveStartKey(this.startKey)
				.build();
		}

		/**
		 * Takes the answer to the last request.
		 */
		void accept(QueryResponse response) {
			this.started = true;
			this.startKey = QueryAll.nextStartKey(response);
			this.requests++;
			this.scanned += response.scannedCount();
			this.capacity += capacityOf(response);
			this.found.addAll(response.items());
		}

		/**
		 * The page read: at most the limit's rows, each with its cursor, and the cursor of the next page when there
		 * are more rows.
		 */
		QueryPage<AuditEntry> page() {
			List<Map<String, AttributeValue>> rows = this.found;
			boolean more = false;
			int limit = AuditLogPlan.this.limit;
			if (rows.size() > limit) {
				rows = rows.subList(0, limit);
				more = true;
			}
			else if (this.startKey != null) {
				more = true;
			}
			List<AuditEntry> entries = new ArrayList<>(rows.size());
			List<String> itemCursors = new ArrayList<>(rows.size());
			for (Map<String, AttributeValue> item : rows) {
				entries.add(this.items.fromItem(item));
				itemCursors.add(this.cursors.encode(this.scope, CursorCodec.keyOf(this.scope, item)));
			}
			String next = (more && !itemCursors.isEmpty()) ? itemCursors.get(itemCursors.size() - 1)
					: (more && this.startKey != null) ? this.cursors.encode(this.scope, this.startKey) : null;
			return new QueryPage<>(entries, next, this.requests, this.scanned, this.capacity, itemCursors);
		}

	}

}
