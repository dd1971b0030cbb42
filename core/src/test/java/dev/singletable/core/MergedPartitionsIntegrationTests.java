package dev.singletable.core;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import dev.singletable.core.fixtures.Parcel;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.query.SingleTableQuery;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A query over several partitions ({@code partitionIn}) read by the query executor: merged in the order of the
 * index's sort key, with cursors that hold each partition's position, on partitions of uneven size (one large,
 * one small, one empty: {@link Parcel#saveDepots}; one test adds a fourth of 120). The expected order is the rule
 * itself: sort key, then the rank of the partition's value.
 */
class MergedPartitionsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	private List<Parcel> parcels;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.parcels = new ArrayList<>();
		Parcel.saveDepots(this::create);
		dynamo.requests().reset();
	}

	private Parcel create(String depot, int code, boolean fragile) {
		String prefix = depot.equals("bulk") ? "b" : "c";
		int number = depot.equals("bulk") ? (int) this.parcels.stream().filter((p) -> p.depot().equals("bulk")).count()
				: code;
		Parcel parcel = this.template.create(Parcel.of(depot, prefix + "%03d".formatted(number), fragile));
		this.parcels.add(parcel);
		return parcel;
	}

	@Test
	void pagesFollowEachOtherToTheEndReturningEveryResultOnceInMergedOrder() {
		List<QueryPage<Parcel>> pages = scroll(this::depots, 4);

		assertThat(results(pages)).containsExactlyElementsOf(expected(this.parcels));
		assertThat(pages).hasSize(10);
		assertThat(pages.get(pages.size() - 1).hasNext()).as("the last page ends at the last result").isFalse();
		List<QueryRequest> first = queriesOfPage(0, pages);
		assertThat(first).as("the first page reads every partition once, asking for a page and one more")
			.hasSize(4)
			.allSatisfy((query) -> assertThat(query.limit()).isEqualTo(5));
		assertThat(partitionsQueried()).as("the empty partition is read once, then known to be read to its end")
			.filteredOn("depot#east"::equals)
			.hasSize(1);
	}

	@Test
	void aPageReadsOnlyThePartitionsItNeedsAsTheMergeNeedsThem() {
		QueryPage<Parcel> first = depots().limit(2).page();
		assertThat(first.items()).extracting(Parcel::code).containsExactly("c000", "c001");
		assertThat(first.requests()).isEqualTo(4);

		dynamo.requests().reset();
		QueryPage<Parcel> second = depots().limit(2).page(first.nextCursor());
		assertThat(second.items()).extracting(Parcel::code).containsExactly("c002", "c004");
		assertThat(partitionsQueried()).as("east is known to be empty: three partitions are read")
			.containsExactlyInAnyOrder("depot#north", "depot#south", "depot#west");
		assertThat(dynamo.requests().sent(QueryRequest.class)).as("each continues after its own position")
			.filteredOn((query) -> !Parcel.partitionOf(query).equals("depot#south"))
			.allSatisfy((query) -> assertThat(query.exclusiveStartKey()).isNotEmpty());

		dynamo.requests().reset();
		List<Parcel> small = this.template.query(Parcel.class)
			.index("gsi3")
			.partitionIn(List.of("depot#south", "depot#north"))
			.limit(3)
			.page()
			.items();
		assertThat(small).extracting(Parcel::code).containsExactly("c000", "c002", "c004");
		assertThat(dynamo.requests().sent(QueryRequest.class))
			.as("one request each, for the page and one more: south's three parcels wait unread")
			.hasSize(2)
			.allSatisfy((query) -> assertThat(query.limit()).isEqualTo(4));
	}

	@Test
	void descendingPagesReturnTheExactReverse() {
		List<QueryPage<Parcel>> pages = scroll(() -> depots().descending(), 6);

		List<Parcel> reversed = new ArrayList<>(expected(this.parcels));
		Collections.reverse(reversed);
		assertThat(results(pages)).containsExactlyElementsOf(reversed);
		assertThat(pages).hasSize(7);
	}

	@Test
	void filtersApplyToTheMergedResults() {
		List<QueryPage<Parcel>> pages = scroll(() -> depots().filter(Filter.property("fragile").eq(true)), 3);
		List<Parcel> fragile = expected(this.parcels.stream().filter(Parcel::fragile).toList());

		assertThat(results(pages)).containsExactlyElementsOf(fragile);
		assertThat(dynamo.requests().sent(QueryRequest.class)).allSatisfy(
				(query) -> assertThat(query.filterExpression()).isNotNull());

		List<QueryPage<Parcel>> predicate = scroll(() -> depots().descending().where((parcel) -> !parcel.fragile()), 5);
		List<Parcel> sturdy = new ArrayList<>(expected(this.parcels.stream().filter((p) -> !p.fragile()).toList()));
		Collections.reverse(sturdy);
		assertThat(results(predicate)).containsExactlyElementsOf(sturdy);
	}

	@Test
	void theCursorAtAnyResultContinuesRightAfterItOrRightBeforeIt() {
		List<Parcel> all = expected(this.parcels);
		QueryPage<Parcel> first = depots().limit(5).page();
		QueryPage<Parcel> second = depots().limit(5).page(first.nextCursor());
		assertThat(second.items()).containsExactlyElementsOf(all.subList(5, 10));

		assertThat(depots().limit(4).page(second.cursors().get(2)).items()).containsExactlyElementsOf(all.subList(8, 12));
		QueryPage<Parcel> before = depots().limit(4).pageBefore(second.cursors().get(2));
		assertThat(before.items()).containsExactlyElementsOf(all.subList(3, 7));
		assertThat(before.hasNext()).isTrue();
		QueryPage<Parcel> further = depots().limit(4).pageBefore(before.nextCursor());
		assertThat(further.items()).containsExactlyElementsOf(all.subList(0, 3));
		assertThat(further.hasNext()).as("nothing before the first result").isFalse();

		List<Parcel> reversed = new ArrayList<>(all);
		Collections.reverse(reversed);
		assertThat(depots().descending().limit(3).page(second.cursors().get(2)).items())
			.as("a cursor serves the other direction too")
			.containsExactlyElementsOf(reversed.subList(all.size() - 7, all.size() - 4));
	}

	@Test
	void everyResultsCursorContinuesRightAfterItAndRightBeforeItInBothOrders() {
		List<Parcel> ascending = expected(this.parcels);
		List<Parcel> descending = new ArrayList<>(ascending);
		Collections.reverse(descending);
		for (boolean up : new boolean[] { true, false }) {
			Supplier<SingleTableQuery<Parcel>> query = () -> up ? depots() : depots().descending();
			List<Parcel> all = up ? ascending : descending;
			int index = 0;
			for (QueryPage<Parcel> page : scroll(query, 6)) {
				for (String cursor : page.cursors()) {
					assertThat(query.get().limit(3).page(cursor).items()).as("after result %d", index)
						.containsExactlyElementsOf(all.subList(index + 1, Math.min(all.size(), index + 4)));
					assertThat(query.get().limit(3).pageBefore(cursor).items()).as("before result %d", index)
						.containsExactlyElementsOf(all.subList(Math.max(0, index - 3), index));
					index++;
				}
			}
			assertThat(index).isEqualTo(40);
		}
	}

	@Test
	void pagesBeforeTheEndLeadBackToTheStart() {
		List<Parcel> all = expected(this.parcels);
		List<Parcel> collected = new ArrayList<>();
		QueryPage<Parcel> page = depots().limit(7).pageBefore(null);
		assertThat(page.items()).as("the last page").containsExactlyElementsOf(all.subList(all.size() - 7, all.size()));
		collected.addAll(0, page.items());
		while (page.hasNext()) {
			page = depots().limit(7).pageBefore(page.nextCursor());
			collected.addAll(0, page.items());
		}
		assertThat(collected).containsExactlyElementsOf(all);
	}

	@Test
	void pagesContinueFromEachPartitionsOwnPositionWhenItemsAreWrittenBetweenThem() {
		List<Parcel> all = expected(this.parcels);
		QueryPage<Parcel> first = depots().limit(8).page();
		assertThat(first.items()).containsExactlyElementsOf(all.subList(0, 8));
		// behind the position: not returned; ahead of it: returned in order; deleted ahead: gone
		create("north", 3, false);
		Parcel late = create("west", 13, false);
		Parcel latest = create("north", 99, true);
		Parcel removed = all.get(12);
		this.template.delete(removed);

		List<Parcel> rest = new ArrayList<>();
		QueryPage<Parcel> page = first;
		while (page.hasNext()) {
			page = depots().limit(8).page(page.nextCursor());
			rest.addAll(page.items());
		}
		List<Parcel> expected = new ArrayList<>(all.subList(8, all.size()));
		expected.remove(removed);
		expected.add(late);
		expected.add(latest);
		assertThat(rest).containsExactlyElementsOf(expected(expected));
	}

	@Test
	void alteredAndForeignCursorsAreRefused() {
		QueryPage<Parcel> page = depots().limit(3).page();
		String cursor = page.nextCursor();
		String body = new String(Base64.getUrlDecoder().decode(cursor), java.nio.charset.StandardCharsets.ISO_8859_1);
		assertThat(body).as("every partition's position, encrypted").doesNotContain("\"up\"", "\"down\"", "depot#");

		String altered = cursor.substring(0, 10) + ((cursor.charAt(10) == 'A') ? 'B' : 'A') + cursor.substring(11);
		assertThatExceptionOfType(InvalidCursorException.class).isThrownBy(() -> depots().page(altered));
		assertThatExceptionOfType(InvalidCursorException.class)
			.as("other values")
			.isThrownBy(() -> in(List.of("depot#north", "depot#south")).page(cursor));
		assertThatExceptionOfType(InvalidCursorException.class)
			.as("another index")
			.isThrownBy(() -> this.template.query(Parcel.class).index("gsi1").partitionIn(depotKeys()).page(cursor));
		assertThatExceptionOfType(InvalidCursorException.class)
			.as("one partition's query")
			.isThrownBy(() -> this.template.query(Parcel.class).index("gsi3").partition("depot#north").page(cursor));
		String single = this.template.query(Parcel.class).index("gsi3").partition("depot#north").limit(1).page()
			.nextCursor();
		assertThatExceptionOfType(InvalidCursorException.class)
			.as("a cursor of one partition's query")
			.isThrownBy(() -> depots().page(single));

		List<String> reordered = new ArrayList<>(depotKeys());
		Collections.reverse(reordered);
		assertThat(in(reordered).limit(3).page(cursor).items()).as("the same values in another order")
			.containsExactlyElementsOf(depots().limit(3).page(cursor).items());
	}

	@Test
	void countsAddUpThePartitionsCounts() {
		assertThat(depots().count()).isEqualTo(40);
		assertThat(dynamo.requests().sent(QueryRequest.class)).as("one COUNT per partition")
			.hasSize(4)
			.allSatisfy((query) -> assertThat(query.selectAsString()).isEqualTo("COUNT"));
		assertThat(depots().filter(Filter.property("fragile").eq(true)).count())
			.isEqualTo(this.parcels.stream().filter(Parcel::fragile).count());
		assertThat(depots().where((parcel) -> parcel.code().compareTo("c020") < 0).count())
			.isEqualTo(this.parcels.stream().filter((parcel) -> parcel.code().compareTo("c020") < 0).count())
			.isEqualTo(14);
		assertThat(depots().limit(12).count()).as("capped by the limit").isEqualTo(12);
		assertThat(depots().sortGreaterThanOrEqual("c050").count()).isEqualTo(6);
	}

	@Test
	void streamsFirstResultsAndOffsetsReadTheMergedOrder() {
		List<Parcel> all = expected(this.parcels);
		assertThat(depots().all()).containsExactlyElementsOf(all);
		try (Stream<Parcel> stream = depots().descending().stream()) {
			assertThat(stream.limit(3)).containsExactly(all.get(39), all.get(38), all.get(37));
		}

		dynamo.requests().reset();
		assertThat(depots().first()).contains(all.get(0));
		assertThat(dynamo.requests().sent(QueryRequest.class)).hasSize(4)
			.allSatisfy((query) -> assertThat(query.limit()).isEqualTo(1));

		dynamo.requests().reset();
		assertThat(depots().offset(5).limit(7).all()).containsExactlyElementsOf(all.subList(5, 12));
		List<QueryRequest> skipping = dynamo.requests().sent(QueryRequest.class).subList(0, 4);
		assertThat(skipping).as("the offset is read past keys only")
			.allSatisfy((query) -> assertThat(query.projectionExpression()).isNotNull())
			.allSatisfy((query) -> assertThat(query.expressionAttributeNames().values()).doesNotContain("code"));
		assertThat(depots().offset(38).all()).containsExactlyElementsOf(all.subList(38, 40));
		assertThat(depots().offset(40).all()).isEmpty();
		assertThat(depots().where(Parcel::fragile).offset(2).limit(3).all())
			.containsExactlyElementsOf(all.stream().filter(Parcel::fragile).toList().subList(2, 5));
	}

	@Test
	void aPageThatReachesMaxRequestsCarriesACursorThatMovesOn() {
		// a filtered request reads 50 items at least: 120 parcels take three requests, three of them fragile
		for (int i = 0; i < 120; i++) {
			create("bulk", 0, i % 40 == 39);
		}
		List<Parcel> fragile = expected(this.parcels.stream()
			.filter((parcel) -> parcel.fragile() && List.of("bulk", "west").contains(parcel.depot()))
			.toList());
		dynamo.requests().reset();
		List<QueryPage<Parcel>> pages = scroll(
				() -> in(List.of("depot#bulk", "depot#west")).where(Parcel::fragile).maxRequests(1), 2);

		assertThat(results(pages)).containsExactlyElementsOf(fragile);
		assertThat(pages.get(0).items()).as("bulk's next result is unknown after one request: the page stops")
			.hasSize(1);
		assertThat(pages.get(0).hasNext()).isTrue();
		assertThat(pages).allSatisfy((page) -> assertThat(page.requests()).isLessThanOrEqualTo(2));

		Parcel last = fragile.get(2);
		List<QueryPage<Parcel>> sparse = scroll(() -> in(List.of("depot#bulk", "depot#east")).maxRequests(1)
			.where((parcel) -> parcel.id().equals(last.id())), 1);
		assertThat(sparse.get(0).items()).as("no result within the requests allowed, but a cursor").isEmpty();
		assertThat(sparse.get(0).hasNext()).isTrue();
		assertThat(results(sparse)).containsExactly(last);
	}

	@Test
	void partitionInChecksItsValues() {
		assertThatIllegalArgumentException().isThrownBy(() -> in(List.of()));
		assertThatIllegalArgumentException().isThrownBy(() -> in(java.util.Arrays.asList("depot#north", null)));
		List<String> many = IntStream.range(0, 26).mapToObj((i) -> "depot#" + i).toList();
		assertThatIllegalArgumentException().isThrownBy(() -> in(many))
			.withMessageContaining("at most 25")
			.withMessageContaining("got 26");
		assertThat(in(many.subList(0, 25)).all()).isEmpty();
		assertThat(dynamo.requests().calls("Query")).isEqualTo(25);

		assertThat(in(List.of("depot#south", "depot#south")).all()).as("one partition, read as partition(..) reads")
			.extracting(Parcel::code)
			.containsExactly("c010", "c030", "c059");
		String cursor = in(List.of("depot#south")).limit(1).page().nextCursor();
		assertThat(this.template.query(Parcel.class).index("gsi3").partition("depot#south").limit(1).page(cursor)
			.items()).extracting(Parcel::code).containsExactly("c030");
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	private SingleTableQuery<Parcel> depots() {
		return in(depotKeys());
	}

	private SingleTableQuery<Parcel> in(List<String> partitions) {
		return this.template.query(Parcel.class).index("gsi3").partitionIn(partitions);
	}

	private static List<String> depotKeys() {
		return Parcel.DEPOTS.stream().map((depot) -> "depot#" + depot).toList();
	}

	/** The rule: ascending sort key, equal keys in the order of the values. */
	private static List<Parcel> expected(List<Parcel> parcels) {
		return Parcel.inMergedOrder(parcels);
	}

	/** Reads pages of the query, each from the cursor of the one before, until one says it is the last. */
	private static List<QueryPage<Parcel>> scroll(Supplier<SingleTableQuery<Parcel>> query, int limit) {
		List<QueryPage<Parcel>> pages = new ArrayList<>();
		QueryPage<Parcel> page = query.get().limit(limit).page();
		pages.add(page);
		while (page.hasNext()) {
			assertThat(pages).as("pages move on").hasSizeLessThan(100);
			page = query.get().limit(limit).page(page.nextCursor());
			pages.add(page);
		}
		return pages;
	}

	private static List<Parcel> results(List<QueryPage<Parcel>> pages) {
		return pages.stream().flatMap((page) -> page.items().stream()).toList();
	}

	/** The requests of the page with the given index, when every page was read once in order. */
	private static List<QueryRequest> queriesOfPage(int index, List<QueryPage<Parcel>> pages) {
		int from = 0;
		for (int i = 0; i < index; i++) {
			from += pages.get(i).requests();
		}
		return dynamo.requests().sent(QueryRequest.class).subList(from, from + pages.get(index).requests());
	}

	private static List<String> partitionsQueried() {
		return dynamo.requests().sent(QueryRequest.class).stream().map(Parcel::partitionOf).toList();
	}

}
