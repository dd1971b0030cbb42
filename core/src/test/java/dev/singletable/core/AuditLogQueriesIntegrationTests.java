package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.f4b6a3.ulid.Ulid;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.internal.audit.AuditItems;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests {@link AuditLogQueries} against DynamoDB Local: by resource, type, changer and for all, time ranges, order,
 * filters and paging with cursors.
 */
class AuditLogQueriesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final Instant T0 = Instant.parse("2025-06-01T10:00:00Z");

	private final AuditItems items = new AuditItems(StorageJsonMapper.create());

	private AuditLogQueries audit;

	private final List<AuditEntry> written = new ArrayList<>();

	@BeforeEach
	void writeRows() {
		this.audit = new AuditLogQueries(dynamo.client(), dynamo.tableName());
		// minute i: alternately Order o-1 / o-2, changers alice / bob / none
		for (int i = 0; i < 9; i++) {
			Instant at = T0.plusSeconds(60L * i);
			String changer = (i % 3 == 0) ? "alice" : (i % 3 == 1) ? "bob" : null;
			String operation = (i == 0) ? AuditEntry.CREATE : AuditEntry.UPDATE;
			AuditEntry entry = new AuditEntry(new Ulid(at.toEpochMilli(),
					new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) i }).toString(), "Order", (i % 2 == 0) ? "o-1" : "o-2",
					operation, changer, null, null, Map.of(), at);
			this.written.add(entry);
			dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(this.items.toItem(entry)));
		}
		// a minute before the others: rows with equal index sort keys have no defined order
		AuditEntry other = new AuditEntry(Ulid.fast().toString(), "Invoice", "i-1", AuditEntry.DELETE, "alice", null,
				null, Map.of(), T0.minusSeconds(60));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(this.items.toItem(other)));
	}

	private List<Integer> indexes(List<AuditEntry> entries) {
		return entries.stream().map(this.written::indexOf).toList();
	}

	@Test
	void readsOneResourceNewestFirstOrOldestFirst() {
		assertThat(indexes(this.audit.forResource("Order", "o-1").page(null).items())).containsExactly(8, 6, 4, 2, 0);
		assertThat(indexes(this.audit.forResource("Order", "o-2").oldestFirst().page(null).items()))
			.containsExactly(1, 3, 5, 7);
		assertThat(this.audit.forResource("Order", "o-3").page(null).items()).isEmpty();
	}

	@Test
	void limitsToATimeRangeBothEndsIncluded() {
		Instant from = T0.plusSeconds(120);
		Instant to = T0.plusSeconds(360);
		assertThat(indexes(this.audit.forType("Order").between(from, to).oldestFirst().page(null).items()))
			.containsExactly(2, 3, 4, 5, 6);
		assertThat(indexes(this.audit.forType("Order").since(T0.plusSeconds(420)).page(null).items()))
			.containsExactly(8, 7);
		assertThat(indexes(this.audit.forResource("Order", "o-1").until(T0.plusSeconds(120)).page(null).items()))
			.containsExactly(2, 0);
		assertThat(indexes(this.audit.byChanger("bob").between(from, to).page(null).items())).containsExactly(4);
		assertThat(this.audit.all().between(T0.minusSeconds(60), T0).page(null).items())
			.extracting(AuditEntry::resourceType).containsExactly("Order", "Invoice");
		assertThat(this.audit.all().between(T0, T0).page(null).items()).hasSize(1);
	}

	@Test
	void findsAChangersEntriesByIndexOrByFilter() {
		assertThat(this.audit.byChanger("alice").page(null).items()).extracting(AuditEntry::resourceType)
			.containsExactly("Order", "Order", "Order", "Invoice");
		assertThat(indexes(this.audit.forType("Order").changedBy("alice").page(null).items())).containsExactly(6, 3, 0);
		assertThat(indexes(this.audit.forType("Order").operation(AuditEntry.CREATE).page(null).items()))
			.containsExactly(0);
	}

	@Test
	void pagesWithCursorsUntilTheLastPageSaysSo() {
		AuditLogQueries.Query query = this.audit.forType("Order").limit(4);
		QueryPage<AuditEntry> first = query.page(null);
		assertThat(indexes(first.items())).containsExactly(8, 7, 6, 5);
		assertThat(first.hasNext()).isTrue();
		QueryPage<AuditEntry> second = query.page(first.nextCursor());
		assertThat(indexes(second.items())).containsExactly(4, 3, 2, 1);
		QueryPage<AuditEntry> third = query.page(second.nextCursor());
		assertThat(indexes(third.items())).containsExactly(0);
		assertThat(third.hasNext()).isFalse();
		assertThat(indexes(query.limit(2).stream().toList())).containsExactly(8, 7, 6, 5, 4, 3, 2, 1, 0);
		assertThat(indexes(this.audit.forType("Order").changedBy("bob").limit(1).stream().toList()))
			.containsExactly(7, 4, 1);
	}

	@Test
	void refusesACursorOfAnotherQuery() {
		String cursor = this.audit.forType("Order").limit(2).page(null).nextCursor();
		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> this.audit.forType("Invoice").page(cursor));
	}

	@Test
	void findsOneEntryById() {
		AuditEntry entry = this.written.get(3);
		assertThat(this.audit.findById(entry.id())).contains(entry);
		assertThat(this.audit.findById("01JZZZZZZZZZZZZZZZZZZZZZZZ")).isEmpty();
	}

}
