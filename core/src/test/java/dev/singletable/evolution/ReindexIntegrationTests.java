package dev.singletable.evolution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.evolution.BackfillFixtures.MemoAfter;
import dev.singletable.evolution.BackfillFixtures.TicketAfter;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code reindex} at size: 10,000 resources written under one definition (5,000 versioned tickets with history,
 * 5,000 plain memos) re-indexed for a new index key by two instances sharing one run of 4 segments, through both
 * sources. Every item is then found exactly once by the new index, and nothing else of any item changed.
 */
class ReindexIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final int TICKETS = 5_000;

	private static final int MEMOS = 5_000;

	@Test
	void tenThousandResourcesAreReindexedOnceByTwoInstancesSharingTheSegments() throws Exception {
		DynamoDbClient raw = dynamo.rawClient();
		SingleTableTemplate before = BackfillFixtures.template(raw, dynamo.tableName());
		BackfillFixtures.write(raw, dynamo.tableName(), BackfillFixtures.tickets(before.getConverter(), TICKETS, 2));
		BackfillFixtures.write(raw, dynamo.tableName(), BackfillFixtures.memos(before.getConverter(), MEMOS));
		Map<String, Map<String, AttributeValue>> ticketsBefore = BackfillFixtures.items(raw, dynamo.tableName(), "Ticket#");
		Map<String, Map<String, AttributeValue>> memosBefore = BackfillFixtures.items(raw, dynamo.tableName(), "Memo#");
		assertThat(ticketsBefore).hasSize(TICKETS * 3);
		assertThat(memosBefore).hasSize(MEMOS);

		SingleTableBackfills first = new SingleTableBackfills(BackfillFixtures.template(dynamo.client(), dynamo.tableName()));
		SingleTableBackfills second = new SingleTableBackfills(BackfillFixtures.template(dynamo.client(), dynamo.tableName()));
		List<BackfillResult> completed = new ArrayList<>();
		first.addListener(completed::add);
		second.addListener(completed::add);
		BackfillOptions options = BackfillOptions.defaults()
			.withSegments(4)
			.withThreads(2)
			.withProgressInterval(Duration.ofSeconds(1));

		BackfillOptions tickets = options.withRunId("tickets-by-owner").withSource(BackfillSource.TABLE_SCAN);
		List<BackfillResult> ticketRuns = both(() -> first.reindex(TicketAfter.class, tickets),
				() -> second.reindex(TicketAfter.class, tickets));
		BackfillOptions memos = options.withRunId("memos-by-urgency");
		List<BackfillResult> memoRuns = both(() -> first.reindex(MemoAfter.class, memos),
				() -> second.reindex(MemoAfter.class, memos));

		for (List<BackfillResult> runs : List.of(ticketRuns, memoRuns)) {
			// each instance worked segments of the run, and between them every item was written exactly once
			assertThat(runs).allSatisfy((run) -> assertThat(run.segmentsWorked()).isPositive());
			assertThat(runs.get(0).segmentsWorked() + runs.get(1).segmentsWorked()).isEqualTo(4);
			assertThat(runs.get(0).itemsWritten() + runs.get(1).itemsWritten()).isEqualTo(5_000);
			assertThat(runs).allSatisfy((run) -> assertThat(run.consumedCapacity()).isPositive());
		}
		assertThat(completed).hasSize(4);

		Set<String> ticketKeys = new HashSet<>();
		int ticketHits = 0;
		Set<String> memoKeys = new HashSet<>();
		int memoHits = 0;
		for (int owner = 0; owner < BackfillFixtures.OWNERS; owner++) {
			String name = BackfillFixtures.owner(owner);
			List<String> found = BackfillFixtures.indexed(raw, dynamo.tableName(), "gsi2", "gsi2pk", "owner#" + name);
			ticketHits += found.size();
			ticketKeys.addAll(found);
			for (String urgent : List.of("True", "False")) {
				List<String> memosFound = BackfillFixtures.indexed(raw, dynamo.tableName(), "gsi1", "gsi1pk",
						"memo#" + urgent + "#" + name);
				memoHits += memosFound.size();
				memoKeys.addAll(memosFound);
			}
		}
		assertThat(ticketKeys).hasSize(TICKETS);
		assertThat(ticketHits).isEqualTo(TICKETS);
		assertThat(memoKeys).hasSize(MEMOS);
		assertThat(memoHits).isEqualTo(MEMOS);

		// content, versions, updated_at and history: the same bytes; only the new index attribute was added
		Map<String, Map<String, AttributeValue>> ticketsAfter = BackfillFixtures.items(raw, dynamo.tableName(), "Ticket#");
		assertThat(ticketsAfter.keySet()).isEqualTo(ticketsBefore.keySet());
		ticketsAfter.forEach((key, item) -> {
			assertThat(BackfillFixtures.without(item, "gsi2pk")).isEqualTo(ticketsBefore.get(key));
			int owner = Integer.parseInt(item.get("pk").s().substring("Ticket#T".length())) % BackfillFixtures.OWNERS;
			if (key.endsWith("|v0")) {
				assertThat(item.get("gsi2pk").s()).isEqualTo("owner#owner-" + owner);
			}
			else {
				assertThat(item).doesNotContainKey("gsi2pk");
			}
		});
		Map<String, Map<String, AttributeValue>> memosAfter = BackfillFixtures.items(raw, dynamo.tableName(), "Memo#");
		memosAfter.forEach((key, item) -> assertThat(BackfillFixtures.without(item, "gsi1pk")).isEqualTo(memosBefore.get(key)));

		// the same run again has nothing left to do; a fresh run finds every item already right and writes nothing
		assertThat(first.reindex(TicketAfter.class, tickets).itemsRead()).isZero();
		BackfillResult fresh = first.reindex(MemoAfter.class, options);
		assertThat(fresh.itemsWritten()).isZero();
		assertThat(fresh.itemsUnchanged()).isEqualTo(MEMOS);
		assertThat(BackfillFixtures.items(raw, dynamo.tableName(), "Memo#")).isEqualTo(memosAfter);
	}

	@Test
	void aReindexOfATypeWithNoItemClaimsNoSegmentAndCompletes() {
		SingleTableBackfills backfills = new SingleTableBackfills(
				BackfillFixtures.template(dynamo.client(), dynamo.tableName()));
		List<BackfillResult> completed = new ArrayList<>();
		backfills.addListener(completed::add);
		dynamo.requests().reset();

		BackfillResult result = backfills.reindex(Untouched.class,
				BackfillOptions.defaults().withSegments(4).withRunId("untouched-" + System.nanoTime()));

		assertThat(result.itemsRead()).isZero();
		assertThat(completed).containsExactly(result);
		// the type index's keys are the one query: no read of the run's segments, no claim or completion of one (an
		// UpdateItem each); the one UpdateItem records the type's definitions
		assertThat(dynamo.requests().calls("Query")).isOne();
		assertThat(dynamo.requests().calls("UpdateItem")).isOne();
	}

	/** A type no test writes. */
	@SingleTableEntity(prefix = "Untouched")
	@IndexKey(index = "gsi1", partition = "shelf#{shelf}")
	record Untouched(@Id String id, String shelf) {
	}

	private static List<BackfillResult> both(java.util.function.Supplier<BackfillResult> one,
			java.util.function.Supplier<BackfillResult> other) {
		CompletableFuture<BackfillResult> a = CompletableFuture.supplyAsync(one);
		CompletableFuture<BackfillResult> b = CompletableFuture.supplyAsync(other);
		return List.of(a.join(), b.join());
	}

}
