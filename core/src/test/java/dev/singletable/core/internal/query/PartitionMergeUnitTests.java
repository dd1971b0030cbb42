package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.query.QueryPage;
import dev.singletable.repository.sample.Ticket;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The merge of a query over several partitions ({@code partitionIn}) as {@link QueryPlans} runs it for both query
 * executors, on scripted answers (a partition's items answered in the index's order from a list, as DynamoDB pages
 * them): results in the order of the stored sort key, equal keys in the order of the partition values, a descending
 * query the exact reverse; the partitions read side by side; pages that resume each partition from its own key,
 * returning every result once; a partition read to its end not read again.
 */
class PartitionMergeUnitTests {

	private final IndexedTickets index = new IndexedTickets();

	private final QuerySpec annAndBob = QuerySpec.of(this.index.tickets)
		.withIndex("gsi3")
		.withPartitionIn(List.of("assignee#ann", "assignee#bob"));

	@Test
	void resultsComeInTheOrderOfTheSortKeyEqualKeysInTheOrderOfThePartitionValuesAndDescendingIsTheReverse() {
		this.index.store("a1", "ann", 1);
		this.index.store("a3", "ann", 3);
		this.index.store("a5", "ann", 5);
		this.index.store("b2", "bob", 2);
		this.index.store("b4", "bob", 4);
		this.index.store("b5", "bob", 5);
		ScriptedDriver driver = driver();

		QueryPage<Ticket> page = driver.run(this.index.plans.<Ticket>page(this.annAndBob, null, 10, true, true));

		assertThat(titles(page)).containsExactly("a1", "b2", "a3", "b4", "a5", "b5");
		assertThat(page.nextCursor()).isNull();
		// the two partitions read side by side, once each: every result was in their first answers
		assertThat(partitionsQueried(driver)).containsExactly("assignee#ann", "assignee#bob");

		QueryPage<Ticket> descending = driver()
			.run(this.index.plans.<Ticket>page(this.annAndBob.withAscending(false), null, 10, true, true));
		assertThat(titles(descending)).containsExactly("b5", "a5", "b4", "a3", "b2", "a1");
	}

	@Test
	void pagesResumeEachPartitionFromItsOwnKeyAndReturnEveryResultOnce() {
		this.index.store("a1", "ann", 1);
		this.index.store("a3", "ann", 3);
		this.index.store("a6", "ann", 6);
		this.index.store("b2", "bob", 2);
		this.index.store("b4", "bob", 4);
		this.index.store("b5", "bob", 5);
		List<String> seen = new ArrayList<>();
		String cursor = null;
		List<List<String>> pages = new ArrayList<>();
		do {
			QueryPage<Ticket> page = driver().run(this.index.plans.<Ticket>page(this.annAndBob, cursor, 2, true, true));
			pages.add(titles(page));
			seen.addAll(titles(page));
			cursor = page.nextCursor();
		}
		while (cursor != null);

		assertThat(pages).containsExactly(List.of("a1", "b2"), List.of("a3", "b4"), List.of("b5", "a6"));
		assertThat(seen).doesNotHaveDuplicates();
	}

	@Test
	void aPartitionReadToItsEndIsNotReadAgainByTheNextPage() {
		this.index.store("a1", "ann", 1);
		this.index.store("b2", "bob", 2);
		this.index.store("b3", "bob", 3);
		this.index.store("b4", "bob", 4);
		QueryPage<Ticket> first = driver().run(this.index.plans.<Ticket>page(this.annAndBob, null, 2, true, true));
		assertThat(titles(first)).containsExactly("a1", "b2");

		ScriptedDriver next = driver();
		QueryPage<Ticket> second = next.run(this.index.plans.<Ticket>page(this.annAndBob, first.nextCursor(), 2, true, true));

		assertThat(titles(second)).containsExactly("b3", "b4");
		assertThat(partitionsQueried(next)).containsExactly("assignee#bob");
		// bob resumes after the last result it gave the first page
		assertThat(queries(next).get(0).exclusiveStartKey().get("gsi3sk").s()).isEqualTo("2026-01-02");
	}

	@Test
	void theFirstResultOfAMergeIsTheSmallestSortKeyOfAllPartitions() {
		this.index.store("a3", "ann", 3);
		this.index.store("b2", "bob", 2);

		QueryPage<Ticket> first = driver().run(this.index.plans.<Ticket>first(this.annAndBob));

		assertThat(titles(first)).containsExactly("b2");
	}

	@Test
	void aMergedStreamsBatchesReadEveryUnknownPartitionSideBySideThenTakeTheKnownResultsInOrder() {
		this.index.store("a1", "ann", 1);
		this.index.store("a3", "ann", 3);
		this.index.store("b2", "bob", 2);
		this.index.store("b4", "bob", 4);
		ResultBatches<Ticket> batches = this.index.plans.batches(this.annAndBob);
		ScriptedDriver driver = driver();

		assertThat(batches.reads()).isTrue();
		assertThat(driver.run(batches.next(Long.MAX_VALUE))).isEmpty();
		assertThat(partitionsQueried(driver)).containsExactly("assignee#ann", "assignee#bob");
		assertThat(batches.reads()).isFalse();
		assertThat(driver.run(batches.next(3))).extracting(Ticket::title).containsExactly("a1", "b2", "a3");
		assertThat(batches.hasNext()).isTrue();
		assertThat(driver.run(batches.next(Long.MAX_VALUE))).extracting(Ticket::title).containsExactly("b4");
		assertThat(batches.hasNext()).isFalse();
		// every partition was read to its end by its first request
		assertThat(partitionsQueried(driver)).hasSize(2);
	}

	@Test
	void aMergedStreamsOffsetIsReadPastByKeysAndItsBatchesResumeWhereEachPartitionStood() {
		this.index.store("a1", "ann", 1);
		this.index.store("a3", "ann", 3);
		this.index.store("b2", "bob", 2);
		this.index.store("b4", "bob", 4);
		ScriptedDriver driver = driver();

		QueryPlans.Start<Ticket> start = driver.run(this.index.plans.batchesAfter(this.annAndBob, 3));

		assertThat(start.skip()).isZero();
		assertThat(queries(driver)).allSatisfy((query) -> assertThat(query.projectionExpression()).isNotNull());
		List<String> rest = new ArrayList<>();
		while (start.batches().hasNext()) {
			driver.run(start.batches().next(Long.MAX_VALUE)).forEach((ticket) -> rest.add(ticket.title()));
		}
		assertThat(rest).containsExactly("b4");
		// an offset past every result leaves no batch
		assertThat(driver.run(this.index.plans.batchesAfter(this.annAndBob, 5)).batches().hasNext()).isFalse();
	}

	/**
	 * A driver answering each query of index {@code gsi3} as DynamoDB would from the stored items.
	 */
	private ScriptedDriver driver() {
		return this.index.driver(this::partitionOf);
	}

	/** The partition a query reads: the value of its key condition that is a stored partition. */
	private String partitionOf(QueryRequest query) {
		return query.expressionAttributeValues()
			.values()
			.stream()
			.map(AttributeValue::s)
			.filter((value) -> this.index.stored.stream().anyMatch((item) -> item.get("gsi3pk").s().equals(value)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no stored partition in " + query));
	}

	private List<String> partitionsQueried(ScriptedDriver driver) {
		return queries(driver).stream().map(this::partitionOf).toList();
	}

	private static List<QueryRequest> queries(ScriptedDriver driver) {
		return driver.sent(Request.Plain.class).stream().map((plain) -> (QueryRequest) plain.request()).toList();
	}

	private static List<String> titles(QueryPage<Ticket> page) {
		return page.items().stream().map(Ticket::title).toList();
	}

}
