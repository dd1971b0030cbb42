package dev.singletable.benchmarks.backfill;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.github.f4b6a3.ulid.UlidCreator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor of the backfill: the work of singletable's {@code reindex(Ticket.class)} with 4 segments on 4 threads
 * and a table scan, written by hand on the raw SDK, as a team would write a re-indexing job that must resume after
 * a crash, share its segments with other instances and never lose a concurrent write. It sends the requests
 * singletable's backfill sends for the same work.
 * <p>
 * A run puts its header item ({@code _INTERNAL#Backfill#<run>}, {@code run}), then each thread claims one segment
 * (a conditional {@code UpdateItem} of its segment item: free, expired or its own, and not done) and scans it
 * ({@code Scan} with {@code Segment}/{@code TotalSegments}, filtered to the tickets' latest copies, pages of
 * {@value #PAGE} items evaluated, as singletable reads them). For each ticket it gunzips {@code data}, reads the
 * fields the index keys are made of, renders every index attribute of {@link Ticket} (type index,
 * {@code gsi1pk}, {@code gsi2pk}), and when any differs from the stored one sends an {@code UpdateItem} that sets
 * those, conditioned on the version it read; a failed condition reads the item again (consistent
 * {@code GetItem}) and retries. After every page it writes the segment's checkpoint (the page's last key), counts
 * and lease, conditioned on still holding it; after the last page it marks the segment done and gives up the
 * lease instead. The run ends with one consistent {@code Query} of the run's items to see every segment done.
 * Every request asks for the consumed capacity, as a backfill that limits it must.
 */
public final class FloorReindex implements Reindexer {

	/** Segments of the scan, each worked on its own thread. */
	public static final int SEGMENTS = 4;

	/** Items a page of the scan evaluates at most (before filtering): singletable's backfill reads such pages. */
	public static final int PAGE = 100;

	private static final int MAX_ATTEMPTS = 10;

	private static final long LEASE_MILLIS = 30_000;

	private static final String LATEST_FILTER = "begins_with(#pk, :prefix) AND #sk = :latest";

	private static final String CLAIM = "(attribute_not_exists(#owner) OR #lease < :now OR #owner = :me) "
			+ "AND (attribute_not_exists(#done) OR #done = :false)";

	private final DynamoDbClient client;

	private final String table;

	private final String instance;

	private final JsonMapper mapper = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	/**
	 * Creates the floor on a table.
	 * @param client the client
	 * @param table the table
	 */
	public FloorReindex(DynamoDbClient client, String table) {
		this.client = client;
		this.table = table;
		this.instance = ManagementFactory.getRuntimeMXBean().getName() + ":floor";
	}

	@Override
	public Reindexed reindex() {
		String runId = UlidCreator.getMonotonicUlid().toString();
		String run = TicketFixture.RUN_PARTITION + runId;
		Map<String, AttributeValue> header = new LinkedHashMap<>();
		header.put("pk", AttributeValue.fromS(run));
		header.put("sk", AttributeValue.fromS("run"));
		header.put("operation", AttributeValue.fromS("reindex"));
		header.put("type_prefix", AttributeValue.fromS(Ticket.PREFIX));
		header.put("segments", AttributeValue.fromN(Integer.toString(SEGMENTS)));
		header.put("source", AttributeValue.fromS("TABLE_SCAN"));
		header.put("started_at", AttributeValue.fromS(java.time.Instant.now().toString()));
		this.client.putItem((request) -> request.tableName(this.table)
			.item(header)
			.conditionExpression("attribute_not_exists(#pk)")
			.expressionAttributeNames(Map.of("#pk", "pk"))
			.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
		ExecutorService threads = Executors.newFixedThreadPool(SEGMENTS);
		long read = 0;
		long written = 0;
		try {
			List<Future<long[]>> segments = new ArrayList<>();
			for (int segment = 0; segment < SEGMENTS; segment++) {
				int number = segment;
				segments.add(threads.submit(() -> segment(run, number)));
			}
			for (Future<long[]> segment : segments) {
				long[] counts = segment.get();
				read += counts[0];
				written += counts[1];
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while re-indexing", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("A segment failed", ex.getCause());
		}
		finally {
			threads.shutdownNow();
		}
		QueryResponse items = this.client.query((request) -> request.tableName(this.table)
			.keyConditionExpression("#pk = :pk AND begins_with(#sk, :segment)")
			.expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(run), ":segment", AttributeValue.fromS("segment#")))
			.consistentRead(true)
			.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
		long done = items.items().stream().filter((item) -> item.containsKey("done") && item.get("done").bool()).count();
		if (done != SEGMENTS) {
			throw new IllegalStateException("Run " + runId + " has " + done + " of " + SEGMENTS + " segments done");
		}
		return new Reindexed(runId, read, written);
	}

	/** Claims one segment, scans it page by page, re-indexes each latest copy and checkpoints after each page. */
	private long[] segment(String run, int segment) {
		Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS(run), "sk",
				AttributeValue.fromS(String.format(java.util.Locale.ROOT, "segment#%07d", segment)));
		Map<String, String> names = Map.of("#owner", "owner", "#lease", "lease_until", "#done", "done", "#owners",
				"owners");
		long now = System.currentTimeMillis();
		UpdateItemResponse claim = this.client.updateItem((request) -> request.tableName(this.table)
			.key(key)
			.updateExpression("SET #owner = :me, #lease = :until ADD #owners :mine")
			.conditionExpression(CLAIM)
			.expressionAttributeNames(names)
			.expressionAttributeValues(Map.of(":me", AttributeValue.fromS(this.instance), ":now",
					AttributeValue.fromN(Long.toString(now)), ":until", AttributeValue.fromN(Long.toString(now + LEASE_MILLIS)),
					":false", AttributeValue.fromBool(false), ":mine", AttributeValue.fromSs(List.of(this.instance))))
			.returnValues(ReturnValue.ALL_NEW)
			.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
		AttributeValue checkpoint = claim.attributes().get("checkpoint");
		Map<String, AttributeValue> start = (checkpoint != null) ? checkpoint.m() : null;
		long read = 0;
		long written = 0;
		do {
			Map<String, AttributeValue> from = start;
			ScanResponse page = this.client.scan((request) -> request.tableName(this.table)
				.segment(segment)
				.totalSegments(SEGMENTS)
				.filterExpression(LATEST_FILTER)
				.expressionAttributeNames(Map.of("#pk", "pk", "#sk", "sk"))
				.expressionAttributeValues(Map.of(":prefix", AttributeValue.fromS(Ticket.PREFIX + "#"), ":latest",
						AttributeValue.fromS("v0")))
				.limit(PAGE)
				.exclusiveStartKey(from)
				.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
			long pageWritten = 0;
			for (Map<String, AttributeValue> item : page.items()) {
				if (reindex(item)) {
					pageWritten++;
				}
			}
			read += page.items().size();
			written += pageWritten;
			start = (page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()) ? page.lastEvaluatedKey() : null;
			checkpoint(key, start, page.items().size(), pageWritten);
		}
		while (start != null);
		return new long[] { read, written };
	}

	/**
	 * Records a page while the segment is ours: the key to resume after, counts and the lease renewed; after the last
	 * page, the segment done and its lease given up.
	 */
	private void checkpoint(Map<String, AttributeValue> key, Map<String, AttributeValue> start, long read,
			long written) {
		Map<String, String> names = new LinkedHashMap<>();
		names.put("#owner", "owner");
		names.put("#lease", "lease_until");
		names.put("#items", "items");
		names.put("#written", "written");
		names.put("#checkpoint", "checkpoint");
		Map<String, AttributeValue> values = new LinkedHashMap<>();
		values.put(":me", AttributeValue.fromS(this.instance));
		values.put(":items", AttributeValue.fromN(Long.toString(read)));
		values.put(":written", AttributeValue.fromN(Long.toString(written)));
		String update;
		if (start != null) {
			values.put(":checkpoint", AttributeValue.fromM(start));
			values.put(":until", AttributeValue.fromN(Long.toString(System.currentTimeMillis() + LEASE_MILLIS)));
			update = "SET #checkpoint = :checkpoint, #lease = :until ADD #items :items, #written :written";
		}
		else {
			names.put("#done", "done");
			values.put(":true", AttributeValue.fromBool(true));
			update = "SET #done = :true ADD #items :items, #written :written REMOVE #owner, #lease, #checkpoint";
		}
		this.client.updateItem((request) -> request.tableName(this.table)
			.key(key)
			.updateExpression(update)
			.conditionExpression("#owner = :me")
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
	}

	/**
	 * Re-indexes one latest copy: sets the index attributes that differ from the ones its data gives, conditioned on
	 * the version read; on a concurrent write reads it again and retries.
	 * @return whether it wrote
	 */
	private boolean reindex(Map<String, AttributeValue> read) {
		Map<String, AttributeValue> item = read;
		for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			Map<String, AttributeValue> changed = changed(item);
			if (changed.isEmpty()) {
				return false;
			}
			Map<String, String> names = new LinkedHashMap<>();
			Map<String, AttributeValue> values = new LinkedHashMap<>();
			StringBuilder update = new StringBuilder("SET ");
			int n = 0;
			for (Map.Entry<String, AttributeValue> attribute : changed.entrySet()) {
				names.put("#a" + n, attribute.getKey());
				values.put(":a" + n, attribute.getValue());
				update.append((n > 0) ? ", " : "").append("#a").append(n).append(" = :a").append(n);
				n++;
			}
			names.put("#version", "version");
			values.put(":version", item.get("version"));
			Map<String, AttributeValue> key = Map.of("pk", item.get("pk"), "sk", item.get("sk"));
			try {
				this.client.updateItem((request) -> request.tableName(this.table)
					.key(key)
					.updateExpression(update.toString())
					.conditionExpression("#version = :version")
					.expressionAttributeNames(names)
					.expressionAttributeValues(values)
					.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
				return true;
			}
			catch (ConditionalCheckFailedException ex) {
				item = this.client.getItem((request) -> request.tableName(this.table).key(key).consistentRead(true)).item();
				if (item == null || item.isEmpty()) {
					return false;
				}
			}
		}
		throw new IllegalStateException("Ticket " + read.get("pk").s() + " kept changing: not re-indexed after "
				+ MAX_ATTEMPTS + " attempts");
	}

	/** The index attributes {@link Ticket}'s definitions give for an item's data, where they differ from the item's. */
	private Map<String, AttributeValue> changed(Map<String, AttributeValue> item) {
		Fields fields;
		try (InputStream in = new GZIPInputStream(item.get("data").b().asInputStream(), 8192)) {
			fields = this.mapper.readValue(in, Fields.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the data of " + item.get("pk").s(), ex);
		}
		Map<String, AttributeValue> changed = new LinkedHashMap<>(4);
		differs(changed, item, "gsitype", Ticket.PREFIX);
		differs(changed, item, "gsitypesk", fields.updatedAt());
		differs(changed, item, "gsi1pk", "status#" + fields.status());
		differs(changed, item, "gsi2pk", "owner#" + fields.owner());
		return changed;
	}

	private static void differs(Map<String, AttributeValue> changed, Map<String, AttributeValue> item, String name,
			String value) {
		AttributeValue stored = item.get(name);
		if (stored == null || !value.equals(stored.s())) {
			changed.put(name, AttributeValue.fromS(value));
		}
	}

	/**
	 * The fields of a ticket's JSON the index keys are made of; the others are skipped while parsing.
	 *
	 * @param owner the owner
	 * @param status the status
	 * @param updatedAt the stored last modification time, as stored
	 */
	record Fields(String owner, String status, @JsonProperty("updated_at") String updatedAt) {
	}

}
