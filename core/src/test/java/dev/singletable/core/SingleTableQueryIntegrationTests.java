package dev.singletable.core;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Article;
import dev.singletable.core.fixtures.Comment;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Reading;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SingleTableQueryIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-query-test",
			new TableIndex("gsi-1", "gsi1pk", "gsi1sk"));

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void writesSparseAndPairKeysOnlyWhenTheirValuesExist() {
		Task full = this.template.create(Task.of("full", Status.OPEN, "ann", LocalDate.of(2025, 1, 5), 9));
		Task bare = this.template.create(Task.of("bare", null, null, null, 3));

		assertThat(item("Task#" + full.id(), "Task#" + full.id())).containsEntry("gsi1pk", s("status#OPEN"))
			.containsEntry("gsi2pk", s("urgent"))
			.containsEntry("gsi3pk", s("owner#ann"))
			.containsEntry("gsi3sk", s("2025-01-05#0000000000000000009"));
		assertThat(item("Task#" + bare.id(), "Task#" + bare.id())).doesNotContainKeys("gsi1pk", "gsi2pk", "gsi3pk", "gsi3sk")
			.containsKeys("gsitype", "gsitypesk");

		this.template.update(full.withOwner(null).withPriority(1));
		assertThat(item("Task#" + full.id(), "Task#" + full.id())).containsEntry("gsi1pk", s("status#OPEN"))
			.doesNotContainKeys("gsi2pk", "gsi3pk", "gsi3sk");
	}

	@Test
	void versionedResourcesIndexOnlyTheirLatestItemAndPairsGoTogether() {
		Article article = this.template.create(Article.of("Title", "ann", "draft"));
		Article updated = this.template.update(article.withStatus(null));

		assertThat(item("Article#" + article.id(), "v0")).containsEntry("gsi1pk", s("author#ann"))
			.doesNotContainKeys("gsi3pk", "gsi3sk");
		assertThat(item("Article#" + article.id(), "v1")).doesNotContainKeys("gsi1pk", "gsi3pk", "gsi3sk", "gsitype",
				"gsitypesk");
		this.template.update(updated.withStatus("live"));
		assertThat(item("Article#" + article.id(), "v0")).containsEntry("gsi3pk", s("status#live"))
			.containsEntry("gsi3sk", s("Title"));
		assertThat(this.template.query(Article.class).index("gsi3").partition("status#live").all())
			.extracting(Article::version)
			.containsExactly(3L);
	}

	@Test
	void queriesOnEachIndexReturnExactlyTheMatchingItemsInIndexOrder() {
		Task a = this.template.create(Task.of("a", Status.OPEN, "ann", LocalDate.of(2025, 3, 1), 9));
		Task b = this.template.create(Task.of("b", Status.DONE, "ann", LocalDate.of(2025, 1, 1), 2));
		Task c = this.template.create(Task.of("c", Status.OPEN, "bob", LocalDate.of(2025, 2, 1), 8));
		Task d = this.template.create(Task.of("d", Status.OPEN, "ann", LocalDate.of(2025, 2, 1), 10));
		Task e = this.template.create(Task.of("e", Status.OPEN, "ann", LocalDate.of(2025, 2, 1), 9));

		assertThat(this.template.query(Task.class).index("gsi1").partition("status#OPEN").all()).extracting(Task::title)
			.containsExactly("a", "c", "d", "e");
		assertThat(this.template.query(Task.class).index("gsi1").partition("status#OPEN").descending().all())
			.extracting(Task::title)
			.containsExactly("e", "d", "c", "a");
		assertThat(this.template.query(Task.class).index("gsi2").partition("urgent").all()).extracting(Task::title)
			.containsExactly("a", "c", "d", "e");
		assertThat(this.template.query(Task.class).index("gsi3").partition("owner#ann").all()).extracting(Task::title)
			.containsExactly("b", "e", "d", "a");
		assertThat(this.template.query(Task.class)
			.index("gsi3")
			.partition("owner#ann")
			.sortBetween(LocalDate.of(2025, 2, 1).toString(), "2025-02-01#~")
			.all()).extracting(Task::title).containsExactly("e", "d");
		assertThat(this.template.query(Task.class).index("gsi3").partition("owner#ann").sortBeginsWith("2025-03").all())
			.containsExactly(a);
		assertThat(this.template.query(Task.class).index("gsi3").partition("owner#ann").sortLessThan("2025-02").all())
			.containsExactly(b);
		assertThat(this.template.query(Task.class).all()).extracting(Task::title).containsExactly("a", "b", "c", "d", "e");
		assertThat(this.template.query(Task.class).descending().first()).contains(e);
		assertThat(List.of(a, b, c, d, e)).hasSize(5);
	}

	@Test
	void typeListingFollowsUpdatesAndTakesARange() {
		Task first = this.template.create(Task.of("first", Status.OPEN, null, null, 1));
		Task second = this.template.create(Task.of("second", Status.OPEN, null, null, 1));
		Task touched = this.template.update(first.withPriority(2));

		assertThat(this.template.query(Task.class).descending().all()).extracting(Task::title)
			.containsExactly("first", "second");
		assertThat(this.template.query(Task.class).sortGreaterThan(second.updatedAt()).all()).containsExactly(touched);
		assertThat(this.template.query(Task.class).sortLessThanOrEqual(second.updatedAt()).all()).extracting(Task::title)
			.containsExactly("second");
	}

	@Test
	void typeIndexSortKeyCanBeOverridden() {
		this.template.create(new Reading(null, "s1", 1, 1.0, "2025-01-02", null));
		this.template.create(new Reading(null, "s1", 2, 2.0, "2025-01-01", null));

		assertThat(this.template.query(Reading.class).all()).extracting(Reading::day).containsExactly("2025-01-01",
				"2025-01-02");
		assertThat(this.template.query(Reading.class).sortEquals("2025-01-02").all()).extracting(Reading::sequence)
			.containsExactly(1L);
	}

	@Test
	void filteredQueryFindsFewMatchesInFewRequestsAndReportsScannedItems() {
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			tasks.add(Task.of("t" + i, Status.OPEN, "ann", LocalDate.of(2025, 1, 1), (i % 20 == 7) ? 7 : 1));
		}
		this.template.putAll(tasks);
		dynamo.requests().reset();

		QueryPage<Task> page = this.template.query(Task.class)
			.index("gsi1")
			.partition("status#OPEN")
			.filter(Filter.property("priority").eq(7))
			.limit(5)
			.page();

		assertThat(page.items()).hasSize(5).allMatch((task) -> task.priority() == 7);
		assertThat(page.requests()).isLessThanOrEqualTo(3).isEqualTo(dynamo.requests().count("Query"));
		assertThat(page.scannedCount()).isBetween(88, 100);
		assertThat(page.consumedCapacity()).isPositive();
	}

	@Test
	void pagesOfAFilteredQueryAreDisjointAndComplete() {
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			tasks.add(Task.of("t" + i, Status.OPEN, null, null, i % 2));
		}
		Set<String> expected = this.template.putAll(tasks)
			.stream()
			.filter((task) -> task.priority() == 1)
			.map(Task::id)
			.collect(Collectors.toSet());

		List<String> seen = readAllPages(this.template.query(Task.class).index("gsi1").partition("status#OPEN")
			.filter(Filter.property("priority").eq(1))
			.limit(10), 10);

		assertThat(seen).hasSize(50).doesNotHaveDuplicates();
		assertThat(new HashSet<>(seen)).isEqualTo(expected);
	}

	@Test
	void pagesOnAnIndexNamedWithADashAreDisjointAndComplete() {
		List<Reading> readings = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			readings.add(new Reading(null, "s1", i, i % 3, "2025-01-01", null));
		}
		this.template.putAll(readings);

		List<Reading> all = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			QueryPage<Reading> page = this.template.query(Reading.class)
				.index("gsi-1")
				.partition("sensor#s1")
				.where((reading) -> reading.value() > 0)
				.limit(14)
				.page(cursor);
			all.addAll(page.items());
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null);

		assertThat(pages).isGreaterThanOrEqualTo(5);
		assertThat(all).extracting(Reading::sequence)
			.containsExactlyElementsOf(java.util.stream.LongStream.range(0, 100).filter((i) -> i % 3 != 0).boxed().toList());
	}

	@Test
	void badCursorsAreRefusedNeverRestarted() {
		for (int i = 0; i < 5; i++) {
			this.template.create(Task.of("t" + i, Status.OPEN, "ann", LocalDate.of(2025, 1, 1), i));
			this.template.create(Article.of("a" + i, "ann", "x"));
		}
		String cursor = this.template.query(Task.class).index("gsi1").partition("status#OPEN").limit(2).page().nextCursor();
		assertThat(cursor).isNotNull();
		// one bit of the encrypted key flipped
		byte[] sealed = Base64.getUrlDecoder().decode(cursor);
		sealed[sealed.length / 2] ^= 1;
		String altered = Base64.getUrlEncoder().withoutPadding().encodeToString(sealed);

		for (String bad : List.of("garbage", "", cursor.substring(0, cursor.length() - 4), altered, cursor + "x")) {
			assertThatExceptionOfType(InvalidCursorException.class).as(bad)
				.isThrownBy(() -> this.template.query(Task.class).index("gsi1").partition("status#OPEN").page(bad));
		}
		assertThatExceptionOfType(InvalidCursorException.class).as("other partition")
			.isThrownBy(() -> this.template.query(Task.class).index("gsi1").partition("status#DONE").page(cursor));
		assertThatExceptionOfType(InvalidCursorException.class).as("other type")
			.isThrownBy(() -> this.template.query(Comment.class).index("gsi1").partition("status#OPEN").page(cursor));
		String articleCursor = this.template.query(Article.class).limit(2).page().nextCursor();
		assertThatExceptionOfType(InvalidCursorException.class).as("replayed on another type")
			.isThrownBy(() -> this.template.query(Task.class).page(articleCursor));
		assertThat(this.template.query(Task.class).index("gsi1").partition("status#OPEN").limit(2).page(cursor).items())
			.extracting(Task::title)
			.containsExactly("t2", "t3");
	}

	@Test
	void mixedTypeQueriesReturnEachItemAsItsOwnTypeAndSkipUnknownOnes() {
		Article article = this.template.create(Article.of("A", "ann", null));
		Comment comment = this.template.create(Comment.of("ann", "nice"));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName())
			.item(Map.of("pk", s("Stranger#1"), "sk", s("Stranger#1"), "gsi1pk", s("author#ann"))));

		List<Object> results = this.template.queryAny(Article.class, Comment.class).index("gsi1").partition("author#ann").all();

		assertThat(results).containsExactlyInAnyOrder(article, comment);
		assertThat(this.template.query(Comment.class).index("gsi1").partition("author#ann").all()).containsExactly(comment);
	}

	@Test
	void streamReadsEveryItemLazilyPageByPage() {
		List<Task> small = new ArrayList<>();
		for (int i = 0; i < 250; i++) {
			small.add(Task.of("t" + i, Status.DONE, null, null, 1));
		}
		this.template.putAll(small);
		dynamo.requests().reset();
		assertThat(this.template.query(Task.class).index("gsi1").partition("status#DONE").all()).hasSize(250);
		assertThat(dynamo.requests().count("Query")).as("small items: DynamoDB fills one page").isEqualTo(1);

		List<Task> large = new ArrayList<>();
		String text = "x".repeat(10_000);
		for (int i = 0; i < 250; i++) {
			large.add(Task.of("large " + i + " " + text, Status.OPEN, null, null, 1));
		}
		this.template.putAll(large);
		dynamo.requests().reset();
		try (var stream = this.template.query(Task.class).index("gsi1").partition("status#OPEN").stream()) {
			assertThat(stream.limit(150).count()).isEqualTo(150);
		}
		// Two 1 MB pages hold the 150 items; the stream reads one page ahead (see LatencyHidingIntegrationTests), so
		// the third page may already have been asked for when the stream closes, but never a fourth.
		assertThat(dynamo.requests().count("Query")).as("two 1 MB pages hold 150 items of 10 KB, one page read ahead")
			.isBetween(2, 3);
		dynamo.requests().reset();
		assertThat(this.template.query(Task.class).index("gsi1").partition("status#OPEN").all()).hasSize(250);
		assertThat(dynamo.requests().count("Query")).isEqualTo(3);
	}

	@Test
	void aStreamWithALimitAsksForNoMoreThanItNeeds() {
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			tasks.add(Task.of("t" + i, Status.DONE, null, null, i % 10));
		}
		this.template.putAll(tasks);
		dynamo.requests().reset();

		assertThat(this.template.query(Task.class).index("gsi1").partition("status#DONE").limit(30).all()).hasSize(30);
		assertThat(dynamo.requests().count("Query")).isEqualTo(1);
		assertThat(dynamo.requests().sent(QueryRequest.class)).singleElement()
			.satisfies((request) -> assertThat(request.limit()).isEqualTo(30));

		List<Task> filtered = this.template.query(Task.class)
			.index("gsi1")
			.partition("status#DONE")
			.where((task) -> task.priority() == 3)
			.limit(5)
			.all();
		assertThat(filtered).hasSize(5).allSatisfy((task) -> assertThat(task.priority()).isEqualTo(3));
	}

	@Test
	void compressedPropertiesCannotBeFilteredByDynamoDb() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.query(Note.class).filter(Filter.property("title").eq("x")).page())
			.withMessageContaining("compressed")
			.withMessageContaining("where(predicate)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.template.query(Task.class).index("gsi1").partition("x").consistentRead().page())
			.withMessageContaining("eventually consistent");
	}

	@Test
	void filterNamesAndValuesAreSafeWhateverTheirText() {
		Task task = this.template.create(Task.of("a #weird: title. with (parens) AND :v0", Status.OPEN, null, null, 1));

		List<Task> found = this.template.query(Task.class)
			.filter(Filter.property("title").eq(task.title()).and(Filter.attribute("status").eq("OPEN")))
			.all();

		assertThat(found).containsExactly(task);
	}

	@Test
	void expiredItemsAreHiddenUntilDynamoDbDeletesThem() {
		Reading old = this.template.create(new Reading(null, "s", 1, 1, "d", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).minusSeconds(60)));
		Reading fresh = this.template.create(new Reading(null, "s", 2, 1, "d", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS).plusSeconds(3600)));

		assertThat(this.template.findById(Reading.class, old.id())).isEmpty();
		assertThat(this.template.findById(Reading.class, fresh.id())).contains(fresh);
		assertThat(this.template.query(Reading.class).all()).containsExactly(fresh);
		assertThat(item("Reading#" + old.id(), "Reading#" + old.id()).get("ttl").n())
			.isEqualTo(Long.toString(old.expiresAt().getEpochSecond()));
	}

	private static List<String> readAllPages(dev.singletable.core.query.SingleTableQuery<Task> query, int pageSize) {
		List<String> seen = new ArrayList<>();
		String cursor = null;
		do {
			QueryPage<Task> page = query.page(cursor);
			assertThat(page.items().size()).isLessThanOrEqualTo(pageSize);
			page.items().forEach((task) -> seen.add(task.id()));
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return seen;
	}

	private Map<String, AttributeValue> item(String pk, String sk) {
		return dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName()).key(Map.of("pk", s(pk), "sk", s(sk))))
			.item();
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

}
