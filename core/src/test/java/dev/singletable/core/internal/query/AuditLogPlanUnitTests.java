package dev.singletable.core.internal.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.f4b6a3.ulid.Ulid;
import org.junit.jupiter.api.Test;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit log's queries planned once for both APIs, on the ScriptedDriver (no server): the index and key condition
 * of each way in (by resource and type on row keys, by changer and all rows on times), the time range as bounds of
 * that index's sort key, newest first unless asked, server-side filters without a request limit; a page reading on
 * until it holds one row more than its limit, its cursor resuming after its last row, refused by another query.
 */
class AuditLogPlanUnitTests {

	private static final String TABLE = "table";

	private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

	private final AuditItems items = new AuditItems(StorageJsonMapper.create());

	private final CursorCodec cursors = new CursorCodec(CursorSecrets.of(new byte[32]));

	@Test
	void aResourcesRowsInATimeRangeAreReadOnItsIndexBetweenTheRowKeysOfTheRangesMillisecondsNewestFirst() {
		AuditLogPlan plan = AuditLogPlan.forResource("Order", "o-1").between(T0, T0.plusSeconds(60)).limit(10);

		QueryRequest request = firstRequest(plan);

		assertThat(request.indexName()).isEqualTo("gsi1");
		assertThat(request.keyConditionExpression()).isEqualTo("#p = :p AND #s BETWEEN :lo AND :hi");
		assertThat(request.expressionAttributeNames()).containsEntry("#p", "gsi1pk").containsEntry("#s", "pk");
		assertThat(request.expressionAttributeValues().get(":p").s())
			.isEqualTo(AuditItems.resourcePartition("Order", "o-1"));
		assertThat(request.expressionAttributeValues().get(":lo").s())
			.isEqualTo(AuditItems.key(Ulid.min(T0.toEpochMilli()).toString()));
		assertThat(request.expressionAttributeValues().get(":hi").s())
			.isEqualTo(AuditItems.key(Ulid.max(T0.plusSeconds(60).toEpochMilli()).toString()));
		assertThat(request.scanIndexForward()).isFalse();
		assertThat(request.limit()).as("one row beyond the page, to know whether there are more").isEqualTo(11);
		assertThat(request.filterExpression()).isNull();
		assertThat(firstRequest(plan.oldestFirst()).scanIndexForward()).isTrue();
	}

	@Test
	void aChangersRowsAreBoundedOnTheStoredTimeAndFiltersAreSentWithoutALimit() {
		QueryRequest since = firstRequest(AuditLogPlan.byChanger("alice").since(T0));
		assertThat(since.indexName()).isEqualTo("gsi3");
		assertThat(since.keyConditionExpression()).isEqualTo("#p = :p AND #s >= :lo");
		assertThat(since.expressionAttributeNames()).containsEntry("#s", "gsi3sk");
		assertThat(since.expressionAttributeValues().get(":lo").s()).isEqualTo(StorageTimestamps.format(T0));

		QueryRequest filtered = firstRequest(AuditLogPlan.all().until(T0).changedBy("bob").operation(AuditEntry.UPDATE));
		assertThat(filtered.indexName()).isEqualTo("gsitype");
		assertThat(filtered.keyConditionExpression()).isEqualTo("#p = :p AND #s <= :hi");
		assertThat(filtered.filterExpression()).isEqualTo("#cb = :cb AND #op = :op");
		assertThat(filtered.expressionAttributeValues().get(":cb").s()).isEqualTo("bob");
		assertThat(filtered.expressionAttributeValues().get(":op").s()).isEqualTo(AuditEntry.UPDATE);
		// a filter drops rows after the limit counts them: the request reads a whole page instead
		assertThat(filtered.limit()).isNull();
	}

	@Test
	void aPageReadsOnUntilItHoldsOneRowMoreThanItsLimitAndItsCursorResumesAfterItsLastRow() {
		List<Map<String, AttributeValue>> rows = rows(5);
		AuditLogPlan plan = AuditLogPlan.forType("Order").limit(2);
		// the first answer stops early (1 MB, or filtered rows), the second completes the page
		ScriptedDriver driver = answering(response(rows.subList(0, 1), rows.get(0)), response(rows.subList(1, 4), null));

		QueryPage<AuditEntry> page = driver.run(plan.page(null, this.cursors, this.items, TABLE));

		assertThat(page.items()).extracting(AuditEntry::id).containsExactly(id(0), id(1));
		List<QueryRequest> sent = queries(driver);
		assertThat(sent).extracting(QueryRequest::limit).containsExactly(3, 2);
		assertThat(sent.get(1).exclusiveStartKey().get("pk")).as("the second request resumes after the first answer")
			.isEqualTo(rows.get(0).get("pk"));
		assertThat(page.nextCursor()).isNotNull();

		ScriptedDriver next = answering(response(rows.subList(2, 5), null));
		QueryPage<AuditEntry> second = next.run(plan.page(page.nextCursor(), this.cursors, this.items, TABLE));

		assertThat(queries(next).get(0).exclusiveStartKey().get("pk")).isEqualTo(rows.get(1).get("pk"));
		assertThat(second.items()).extracting(AuditEntry::id).containsExactly(id(2), id(3));
	}

	@Test
	void aPageEndingAtTheLastRowHasNoCursor() {
		ScriptedDriver driver = answering(response(rows(2), null));

		QueryPage<AuditEntry> page = driver.run(AuditLogPlan.forType("Order").limit(2).page(null, this.cursors,
				this.items, TABLE));

		assertThat(page.items()).hasSize(2);
		assertThat(page.nextCursor()).isNull();
	}

	@Test
	void aCursorOfAnotherQueryIsRefusedBeforeAnythingIsSent() {
		List<Map<String, AttributeValue>> rows = rows(3);
		String cursor = answering(response(rows, null))
			.run(AuditLogPlan.forType("Order").limit(1).page(null, this.cursors, this.items, TABLE))
			.nextCursor();

		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> AuditLogPlan.forType("Order")
			.since(T0)
			.limit(1)
			.page(cursor, this.cursors, this.items, TABLE));
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(
				() -> AuditLogPlan.forType("Invoice").limit(1).page(cursor, this.cursors, this.items, TABLE));
	}

	@Test
	void anEntryIsReadByIdStronglyConsistentAndIsNullWhenNoneIsStored() {
		Map<String, AttributeValue> row = rows(1).get(0);
		ScriptedDriver found = new ScriptedDriver((request) -> Answer.of(GetItemResponse.builder().item(row).build()));

		assertThat(found.run(AuditLogPlan.findById(id(0), this.items, TABLE)).id()).isEqualTo(id(0));
		GetItemRequest get = (GetItemRequest) ((Request.Plain) found.sent().get(0)).request();
		assertThat(get.consistentRead()).isTrue();
		assertThat(get.key()).isEqualTo(AuditLogPlan.rowKey(id(0)));
		assertThat(new ScriptedDriver((request) -> Answer.of(GetItemResponse.builder().build()))
			.run(AuditLogPlan.findById(id(0), this.items, TABLE))).isNull();
	}

	private QueryRequest firstRequest(AuditLogPlan plan) {
		ScriptedDriver driver = answering(response(List.of(), null));
		driver.run(plan.page(null, this.cursors, this.items, TABLE));
		return queries(driver).get(0);
	}

	/** Rows of Order o-1, one a second from T0, as the index returns them (newest first). */
	private List<Map<String, AttributeValue>> rows(int count) {
		List<Map<String, AttributeValue>> rows = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			rows.add(this.items.toItem(new AuditEntry(id(i), "Order", "o-1", AuditEntry.UPDATE, "alice", null, null,
					Map.of(), T0.plusSeconds(count - i))));
		}
		return rows;
	}

	private static String id(int index) {
		return new Ulid(T0.toEpochMilli() + 1000L * (100 - index), new byte[10]).toString();
	}

	private static QueryResponse response(List<Map<String, AttributeValue>> rows,
			Map<String, AttributeValue> lastEvaluated) {
		QueryResponse.Builder response = QueryResponse.builder().items(rows).count(rows.size()).scannedCount(rows.size());
		if (lastEvaluated != null) {
			response.lastEvaluatedKey(Map.of("pk", lastEvaluated.get("pk"), "sk", lastEvaluated.get("sk"), "gsi2pk",
					lastEvaluated.get("gsi2pk")));
		}
		return response.build();
	}

	private static ScriptedDriver answering(QueryResponse... responses) {
		int[] answered = new int[1];
		return new ScriptedDriver((request) -> Answer.of(responses[answered[0]++]));
	}

	private static List<QueryRequest> queries(ScriptedDriver driver) {
		return driver.sent(Request.Plain.class).stream().map((plain) -> (QueryRequest) plain.request()).toList();
	}

}
