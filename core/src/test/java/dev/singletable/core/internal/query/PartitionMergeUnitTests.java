package dev.singletable.core.internal.query;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.item.ItemLayout;
import dev.singletable.core.internal.item.Timestamps;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
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

	private static final String TABLE = "table";

	private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

	private final MappingSingleTableConverter converter = new MappingSingleTableConverter(
			new SingleTableMappingContext());

	private final SingleTablePersistentEntity<?> tickets = this.converter.getRequiredEntity(Ticket.class);

	private final QueryPlans plans = new QueryPlans(new QueryReads(TABLE, this.converter, new Timestamps(), null),
			new CursorCodec(CursorSecrets.of(new byte[32])));

	/** The latest items of the tickets stored, as the index holds them. */
	private final List<Map<String, AttributeValue>> stored = new ArrayList<>();

	private final QuerySpec annAndBob = QuerySpec.of(this.tickets)
		.withIndex("gsi3")
		.withPartitionIn(List.of("assignee#ann", "assignee#bob"));

	@Test
	void resultsComeInTheOrderOfTheSortKeyEqualKeysInTheOrderOfThePartitionValuesAndDescendingIsTheReverse() {
		store("a1", "ann", 1);
		store("a3", "ann", 3);
		store("a5", "ann", 5);
		store("b2", "bob", 2);
		store("b4", "bob", 4);
		store("b5", "bob", 5);
		ScriptedDriver driver = driver();

		QueryPage<Ticket> page = driver.run(this.plans.<Ticket>page(this.annAndBob, null, 10, true, true));

		assertThat(titles(page)).containsExactly("a1", "b2", "a3", "b4", "a5", "b5");
		assertThat(page.nextCursor()).isNull();
		// the two partitions read side by side, once each: every result was in their first answers
		assertThat(partitionsQueried(driver)).containsExactly("assignee#ann", "assignee#bob");

		QueryPage<Ticket> descending = driver()
			.run(this.plans.<Ticket>page(this.annAndBob.withAscending(false), null, 10, true, true));
		assertThat(titles(descending)).containsExactly("b5", "a5", "b4", "a3", "b2", "a1");
	}

	@Test
	void pagesResumeEachPartitionFromItsOwnKeyAndReturnEveryResultOnce() {
		store("a1", "ann", 1);
		store("a3", "ann", 3);
		store("a6", "ann", 6);
		store("b2", "bob", 2);
		store("b4", "bob", 4);
		store("b5", "bob", 5);
		List<String> seen = new ArrayList<>();
		String cursor = null;
		List<List<String>> pages = new ArrayList<>();
		do {
			QueryPage<Ticket> page = driver().run(this.plans.<Ticket>page(this.annAndBob, cursor, 2, true, true));
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
		store("a1", "ann", 1);
		store("b2", "bob", 2);
		store("b3", "bob", 3);
		store("b4", "bob", 4);
		QueryPage<Ticket> first = driver().run(this.plans.<Ticket>page(this.annAndBob, null, 2, true, true));
		assertThat(titles(first)).containsExactly("a1", "b2");

		ScriptedDriver next = driver();
		QueryPage<Ticket> second = next.run(this.plans.<Ticket>page(this.annAndBob, first.nextCursor(), 2, true, true));

		assertThat(titles(second)).containsExactly("b3", "b4");
		assertThat(partitionsQueried(next)).containsExactly("assignee#bob");
		// bob resumes after the last result it gave the first page
		assertThat(queries(next).get(0).exclusiveStartKey().get("gsi3sk").s()).isEqualTo("2026-01-02");
	}

	@Test
	void theFirstResultOfAMergeIsTheSmallestSortKeyOfAllPartitions() {
		store("a3", "ann", 3);
		store("b2", "bob", 2);

		QueryPage<Ticket> first = driver().run(this.plans.<Ticket>first(this.annAndBob));

		assertThat(titles(first)).containsExactly("b2");
	}

	@Test
	void aMergedStreamsBatchesReadEveryUnknownPartitionSideBySideThenTakeTheKnownResultsInOrder() {
		store("a1", "ann", 1);
		store("a3", "ann", 3);
		store("b2", "bob", 2);
		store("b4", "bob", 4);
		ResultBatches<Ticket> batches = this.plans.batches(this.annAndBob);
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
		store("a1", "ann", 1);
		store("a3", "ann", 3);
		store("b2", "bob", 2);
		store("b4", "bob", 4);
		ScriptedDriver driver = driver();

		QueryPlans.Start<Ticket> start = driver.run(this.plans.batchesAfter(this.annAndBob, 3));

		assertThat(start.skip()).isZero();
		assertThat(queries(driver)).allSatisfy((query) -> assertThat(query.projectionExpression()).isNotNull());
		List<String> rest = new ArrayList<>();
		while (start.batches().hasNext()) {
			driver.run(start.batches().next(Long.MAX_VALUE)).forEach((ticket) -> rest.add(ticket.title()));
		}
		assertThat(rest).containsExactly("b4");
		// an offset past every result leaves no batch
		assertThat(driver.run(this.plans.batchesAfter(this.annAndBob, 5)).batches().hasNext()).isFalse();
	}

	/** Stores the latest item of a ticket of an assignee, due on the given day of January 2026. */
	private void store(String title, String assignee, int day) {
		ItemLayout layout = new ItemLayout(this.converter);
		Ticket ticket = new Ticket(title, 1L, AT, AT, title, Ticket.Status.OPEN, "p", assignee,
				LocalDate.of(2026, 1, day), 1);
		this.stored.add(layout.latest(this.tickets, title, ticket, layout.body(ticket, AT, null, AT), 1, AT, AT));
	}

	/**
	 * A driver answering each query of index {@code gsi3} as DynamoDB would from the stored items.
	 */
	private ScriptedDriver driver() {
		return IndexAnswers.driver(this.stored, "gsi3pk", "gsi3sk", this::partitionOf);
	}

	/** The partition a query reads: the value of its key condition that is a stored partition. */
	private String partitionOf(QueryRequest query) {
		return query.expressionAttributeValues()
			.values()
			.stream()
			.map(AttributeValue::s)
			.filter((value) -> this.stored.stream().anyMatch((item) -> item.get("gsi3pk").s().equals(value)))
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
