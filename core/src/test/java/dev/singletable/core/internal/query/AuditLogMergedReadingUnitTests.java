package dev.singletable.core.internal.query;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.github.f4b6a3.ulid.Ulid;
import org.junit.jupiter.api.Test;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.internal.item.KeyShards;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit log's reads of a key spread over shards, on the ScriptedDriver (no server) answering from an index held
 * in memory: one query per partition (the unspread one and every shard's), rows merged in the index's order with
 * ties kept in partition order, each row exactly once across pages whose cursors resume every partition from its own
 * key; reads by resource stay on one partition.
 */
class AuditLogMergedReadingUnitTests {

	private static final String TABLE = "table";

	private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

	private final AuditItems unspread = new AuditItems(StorageJsonMapper.create());

	private final AuditItems spread = new AuditItems(StorageJsonMapper.create(), new KeyShards(4));

	private final CursorCodec cursors = new CursorCodec(CursorSecrets.of(new byte[32]));

	@Test
	void aTypesRowsAreReadWithOneQueryPerShardAndOneOfTheUnspreadKeyMergedNewestFirst() {
		List<Map<String, AttributeValue>> rows = new ArrayList<>();
		rows.addAll(rows(this.unspread, 0, 3, 0));
		rows.addAll(rows(this.spread, 3, 15, 0));
		ScriptedDriver driver = index(rows);

		QueryPage<AuditEntry> page = driver
			.run(AuditLogPlan.forType("Order").limit(20).page(null, this.cursors, this.spread, TABLE));

		List<QueryRequest> sent = queries(driver);
		assertThat(sent).extracting((request) -> request.expressionAttributeValues().get(":p").s())
			.containsExactly("_INTERNAL#AuditLog#Order", "_INTERNAL#AuditLog#Order#0", "_INTERNAL#AuditLog#Order#1",
					"_INTERNAL#AuditLog#Order#2", "_INTERNAL#AuditLog#Order#3");
		assertThat(sent).allSatisfy((request) -> assertThat(request.indexName()).isEqualTo("gsi2"));
		assertThat(page.items()).extracting(AuditEntry::id)
			.as("the rows stored before the spread too, newest first")
			.containsExactlyElementsOf(ids(15, true));
		assertThat(page.nextCursor()).isNull();
		assertThat(page.requests()).isEqualTo(5);
	}

	@Test
	void pagingThroughEveryRowWithTiesOnTheTimeReturnsEachOnceInOrder() {
		List<Map<String, AttributeValue>> rows = new ArrayList<>();
		// three rows per second: ties on created_at, the all-rows index's sort key, across shards
		rows.addAll(rows(this.unspread, 0, 4, 3));
		rows.addAll(rows(this.spread, 4, 29, 3));
		ScriptedDriver driver = index(rows);
		AuditLogPlan plan = AuditLogPlan.all().oldestFirst().limit(4);

		List<AuditEntry> read = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			QueryPage<AuditEntry> page = driver.run(plan.page(cursor, this.cursors, this.spread, TABLE));
			read.addAll(page.items());
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);

		assertThat(read).extracting(AuditEntry::id).doesNotHaveDuplicates().hasSize(29);
		assertThat(read).extracting(AuditEntry::createdAt).isSorted();
		assertThat(pages).isEqualTo(8);
		assertThat(queries(driver)).allSatisfy((request) -> assertThat(request.indexName()).isEqualTo("gsitype"));
	}

	@Test
	void aCursorResumesEveryPartitionAfterTheLastRowTakenFromItAndEachRowsCursorResumesAfterIt() {
		ScriptedDriver driver = index(rows(this.spread, 0, 10, 0));
		AuditLogPlan plan = AuditLogPlan.forType("Order").limit(3);
		QueryPage<AuditEntry> first = driver.run(plan.page(null, this.cursors, this.spread, TABLE));
		int sentFirst = queries(driver).size();

		QueryPage<AuditEntry> second = driver.run(plan.page(first.nextCursor(), this.cursors, this.spread, TABLE));

		assertThat(first.items()).extracting(AuditEntry::id).containsExactlyElementsOf(ids(10, true).subList(0, 3));
		assertThat(second.items()).extracting(AuditEntry::id).containsExactlyElementsOf(ids(10, true).subList(3, 6));
		List<QueryRequest> resumed = queries(driver).subList(sentFirst, queries(driver).size());
		for (AuditEntry taken : first.items()) {
			String partition = "_INTERNAL#AuditLog#Order#" + this.spread.shards().shard(taken.id());
			assertThat(resumed).filteredOn((request) -> request.expressionAttributeValues().get(":p").s().equals(partition))
				.as("the partition of a row taken reads on after its last row taken")
				.anySatisfy((request) -> assertThat(request.exclusiveStartKey()).isNotEmpty());
		}
		QueryPage<AuditEntry> fromSecondRow = driver
			.run(plan.page(first.cursors().get(1), this.cursors, this.spread, TABLE));
		assertThat(fromSecondRow.items()).extracting(AuditEntry::id)
			.containsExactlyElementsOf(ids(10, true).subList(2, 5));
	}

	@Test
	void aCursorOfTheUnspreadReadingOrOfAnotherTypeIsRefused() {
		ScriptedDriver driver = index(rows(this.spread, 0, 10, 0));
		String spreadCursor = driver
			.run(AuditLogPlan.forType("Order").limit(3).page(null, this.cursors, this.spread, TABLE))
			.nextCursor();
		String unspreadCursor = driver
			.run(AuditLogPlan.forType("Order").limit(3).page(null, this.cursors, this.unspread, TABLE))
			.nextCursor();

		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> AuditLogPlan.forType("Invoice")
			.limit(3)
			.page(spreadCursor, this.cursors, this.spread, TABLE));
		assertThat(unspreadCursor).as("no spread row is in the unspread key").isNull();
	}

	@Test
	void aResourcesRowsStayOnOnePartition() {
		ScriptedDriver driver = index(rows(this.spread, 0, 6, 0));

		QueryPage<AuditEntry> page = driver
			.run(AuditLogPlan.forResource("Order", "o-1").limit(10).page(null, this.cursors, this.spread, TABLE));

		assertThat(queries(driver)).hasSize(1);
		assertThat(page.items()).hasSize(6);
	}

	/**
	 * Rows {@code from} (inclusive) to {@code to} of Order o-1, the i-th created at T0 plus i seconds, or plus
	 * i / perSecond seconds when {@code perSecond} is set.
	 */
	private static List<Map<String, AttributeValue>> rows(AuditItems items, int from, int to, int perSecond) {
		List<Map<String, AttributeValue>> rows = new ArrayList<>();
		for (int i = from; i < to; i++) {
			Instant at = (perSecond > 0) ? T0.plusSeconds(i / perSecond) : T0.plusSeconds(i);
			rows.add(items.toItem(new AuditEntry(id(i), "Order", "o-1", AuditEntry.UPDATE, "alice", null, null,
					Map.of(), at)));
		}
		return rows;
	}

	private static String id(int index) {
		return new Ulid(T0.toEpochMilli() + 1000L * index, new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) index })
			.toString();
	}

	/** The ids of rows 0 to count, oldest first or newest first. */
	private static List<String> ids(int count, boolean newestFirst) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add(id(i));
		}
		if (newestFirst) {
			ids.sort(Comparator.reverseOrder());
		}
		return ids;
	}

	/**
	 * A driver answering queries as an index holding the rows does: the rows of the request's partition in the order
	 * of its sort key (then of pk), from after the ExclusiveStartKey, at most Limit of them.
	 */
	private static ScriptedDriver index(List<Map<String, AttributeValue>> rows) {
		return new ScriptedDriver((request) -> {
			QueryRequest query = (QueryRequest) ((Request.Plain) request).request();
			String partitionAttribute = query.expressionAttributeNames().get("#p");
			String partition = query.expressionAttributeValues().get(":p").s();
			String sortAttribute = switch (query.indexName()) {
				case "gsitype" -> "gsitypesk";
				case "gsi3" -> "gsi3sk";
				default -> "pk";
			};
			Comparator<Map<String, AttributeValue>> order = Comparator
				.comparing((Map<String, AttributeValue> row) -> row.get(sortAttribute).s().getBytes(StandardCharsets.UTF_8),
						Arrays::compareUnsigned)
				.thenComparing((row) -> row.get("pk").s());
			if (!query.scanIndexForward()) {
				order = order.reversed();
			}
			List<Map<String, AttributeValue>> partitionRows = rows.stream()
				.filter((row) -> row.get(partitionAttribute) != null
						&& partition.equals(row.get(partitionAttribute).s()))
				.sorted(order)
				.toList();
			int start = 0;
			if (query.hasExclusiveStartKey() && !query.exclusiveStartKey().isEmpty()) {
				String after = query.exclusiveStartKey().get("pk").s();
				while (start < partitionRows.size() && !partitionRows.get(start).get("pk").s().equals(after)) {
					start++;
				}
				start++;
			}
			int end = (query.limit() != null) ? Math.min(partitionRows.size(), start + query.limit())
					: partitionRows.size();
			List<Map<String, AttributeValue>> page = (start < end) ? partitionRows.subList(start, end) : List.of();
			QueryResponse.Builder response = QueryResponse.builder().items(page).count(page.size())
				.scannedCount(page.size());
			if (end < partitionRows.size()) {
				Map<String, AttributeValue> last = page.get(page.size() - 1);
				// the index's keys and the table's (the by-type index sorts by pk itself)
				Map<String, AttributeValue> key = new HashMap<>();
				for (String attribute : List.of("pk", "sk", partitionAttribute, sortAttribute)) {
					key.put(attribute, last.get(attribute));
				}
				response.lastEvaluatedKey(key);
			}
			return Answer.of(response.build());
		});
	}

	private static List<QueryRequest> queries(ScriptedDriver driver) {
		return driver.sent(Request.Plain.class).stream().map((plain) -> (QueryRequest) plain.request()).toList();
	}

}
