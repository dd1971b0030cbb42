package dev.singletable.repository.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.OffsetScrollPosition;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.fixtures.Parcel;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.repository.Cursors;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.query.depots.DepotParcelRepository;
import dev.singletable.repository.query.depots.StatusTaskRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import tools.jackson.databind.json.JsonMapper;

import static dev.singletable.repository.WindowScrolling.contents;
import static dev.singletable.repository.WindowScrolling.scroll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code In} queries (from issue 24), through repository methods in the shapes applications combine
 * them with that the other tests leave out: {@code Top} windows, a dynamic {@code Sort}, the last window first
 * ({@code ScrollPosition.keyset().backward()}), offset positions, duplicates and the order of the values, one and 25
 * values, {@code Top} pages and filtered slices, streams, single results, derived deletes, an enum partition on an
 * index sorted by {@code pk}, a cursor of one method given to another, and a cursor's round trip through a
 * REST-like response as JSON. The parcels are {@link Parcel#saveDepots} (north 30, east none, south 3, west 7); the
 * expected order is the rule: the index's sort key, equal keys in the order of the values.
 */
class InQueryMethodShapesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-in-queries");

	private static final List<String> DEPOTS = Parcel.DEPOTS;

	private AnnotationConfigApplicationContext context;

	private DepotParcelRepository parcels;

	private List<Parcel> all;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.parcels = this.context.getBean(DepotParcelRepository.class);
		List<Parcel> saved = Parcel.saveDepots((depot, code, fragile) -> this.parcels
			.save(Parcel.of(depot, "c%03d".formatted(code), fragile)));
		this.all = Parcel.inMergedOrder(saved);
		dynamo.requests().reset();
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// ---- windows -------------------------------------------------------------------------------------------

	@Test
	void topWindowsScrollEveryParcelOnceInWindowsOfTheTopSize() {
		List<Window<Parcel>> windows = scroll((position) -> this.parcels.findTop5ByDepotIn(DEPOTS, position));

		assertThat(contents(windows)).containsExactlyElementsOf(this.all);
		assertThat(windows).hasSize(8).allSatisfy((window) -> assertThat(window.size()).isEqualTo(5));
		assertThat(windows.get(7).hasNext()).isFalse();
	}

	@Test
	void aSortParameterOrdersTheWindowsAndACursorServesAnotherMethodInTheOtherOrder() {
		List<Parcel> reversed = reversed(this.all);
		assertThat(contents(scroll((position) -> this.parcels.findByDepotIn(DEPOTS, position, Limit.of(6),
				Sort.by(Sort.Direction.DESC, "code"))))).containsExactlyElementsOf(reversed);

		Window<Parcel> ascending = this.parcels.findByDepotIn(DEPOTS, ScrollPosition.keyset(), Limit.of(12),
				Sort.unsorted());
		assertThat(ascending.getContent()).containsExactlyElementsOf(this.all.subList(0, 12));
		ScrollPosition atTenth = ascending.positionAt(9);
		assertThat(this.parcels.findByDepotInOrderByCodeDesc(DEPOTS, atTenth, Limit.of(4)).getContent())
			.as("after the tenth parcel in descending order: the ones before it, nearest first")
			.containsExactly(this.all.get(8), this.all.get(7), this.all.get(6), this.all.get(5));
		assertThat(this.parcels.findByDepotIn(DEPOTS, atTenth, Limit.of(4), Sort.by(Sort.Direction.DESC, "code"))
			.getContent()).containsExactly(this.all.get(8), this.all.get(7), this.all.get(6), this.all.get(5));
		Window<Parcel> start = this.parcels.findByDepotInOrderByCodeDesc(DEPOTS, atTenth, Limit.of(20));
		assertThat(start.getContent()).containsExactlyElementsOf(reversed.subList(31, 40));
		assertThat(start.hasNext()).as("nothing before the first parcel").isFalse();
	}

	@Test
	void theLastWindowFirstThenBackToTheStart() {
		Window<Parcel> window = this.parcels.findByDepotIn(DEPOTS, ScrollPosition.keyset().backward(), Limit.of(7),
				Sort.unsorted());
		assertThat(window.getContent()).as("the last window, in the query's order")
			.containsExactlyElementsOf(this.all.subList(33, 40));
		List<Parcel> collected = new ArrayList<>(window.getContent());
		int windows = 1;
		while (window.hasNext()) {
			window = this.parcels.findByDepotIn(DEPOTS, window.positionAt(0), Limit.of(7), Sort.unsorted());
			collected.addAll(0, window.getContent());
			assertThat(++windows).as("windows move on").isLessThan(20);
		}
		assertThat(collected).containsExactlyElementsOf(this.all);
		assertThat(windows).isEqualTo(6);
	}

	@Test
	void aKeyConditionAndOffsetPositionsCombineWithIn() {
		List<Parcel> between = this.all.stream()
			.filter((parcel) -> parcel.code().compareTo("c010") >= 0 && parcel.code().compareTo("c030") <= 0)
			.toList();
		assertThat(between).hasSize(15);
		assertThat(contents(scroll((position) -> this.parcels.findByDepotInAndCodeBetween(DEPOTS, "c010", "c030",
				position, Limit.of(4))))).containsExactlyElementsOf(between);

		List<Window<Parcel>> byOffset = scroll(ScrollPosition.offset(), (position) -> this.parcels.findByDepotIn(DEPOTS,
				position, Limit.of(9), Sort.unsorted()));
		assertThat(contents(byOffset)).containsExactlyElementsOf(this.all);
		assertThat(byOffset.get(1).positionAt(0)).isInstanceOf(OffsetScrollPosition.class);
	}

	@Test
	void duplicatesAndTheOrderOfTheValuesMakeTheSameQuery() {
		List<String> repeated = List.of("north", "east", "north", "south", "west", "south", "east");
		List<Window<Parcel>> windows = scroll(
				(position) -> this.parcels.findByDepotIn(repeated, position, Limit.of(8), Sort.unsorted()));
		assertThat(contents(windows)).containsExactlyElementsOf(this.all);

		Window<Parcel> first = this.parcels.findByDepotIn(DEPOTS, ScrollPosition.keyset(), Limit.of(8),
				Sort.unsorted());
		assertThat(this.parcels.findByDepotIn(repeated, first.positionAt(7), Limit.of(8), Sort.unsorted())
			.getContent()).as("a cursor of the distinct values serves the repeated ones")
			.containsExactlyElementsOf(this.all.subList(8, 16));
		List<String> shuffled = List.of("west", "south", "east", "north");
		assertThat(this.parcels.findByDepotIn(shuffled, windows.get(0).positionAt(7), Limit.of(8), Sort.unsorted())
			.getContent()).as("and the same values in another order")
			.containsExactlyInAnyOrderElementsOf(this.all.subList(8, 16));
		assertThat(this.parcels.countByDepotIn(repeated)).isEqualTo(40);
		assertThat(this.parcels.findByDepotIn("south", "west", "south")).extracting(Parcel::code)
			.containsExactly("c001", "c009", "c010", "c017", "c025", "c030", "c033", "c041", "c049", "c059");
	}

	@Test
	void oneValueAndTwentyFiveValuesScrollAndMoreAreRefused() {
		List<Parcel> north = this.all.stream().filter((parcel) -> parcel.depot().equals("north")).toList();
		assertThat(contents(scroll((position) -> this.parcels.findByDepotIn(List.of("north"), position, Limit.of(12),
				Sort.unsorted())))).containsExactlyElementsOf(north);

		List<String> many = new ArrayList<>(DEPOTS);
		IntStream.range(0, 21).forEach((i) -> many.add("empty-" + i));
		List<String> repeated = new ArrayList<>(many);
		repeated.addAll(DEPOTS);
		List<Window<Parcel>> windows = scroll(
				(position) -> this.parcels.findByDepotIn(repeated, position, Limit.of(11), Sort.unsorted()));
		assertThat(contents(windows)).as("25 distinct values among 29").containsExactlyElementsOf(this.all);
		assertThat(this.parcels.findByDepotIn(many, ScrollPosition.keyset().backward(), Limit.of(3), Sort.unsorted())
			.getContent()).containsExactlyElementsOf(this.all.subList(37, 40));

		many.add("one-too-many");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.parcels.findByDepotIn(many, ScrollPosition.keyset(), Limit.of(3), Sort.unsorted()))
			.withMessageContaining("at most 25")
			.withMessageContaining("26");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.parcels.findByDepotIn(List.of(), ScrollPosition.keyset(), Limit.of(3),
					Sort.unsorted()))
			.withMessageContaining("non-empty");
	}

	@Test
	void anEnumPartitionOnAnIndexSortedByPkMergesInTheOrderOfTheIds() {
		StatusTaskRepository tasks = this.context.getBean(StatusTaskRepository.class);
		List<Task> saved = new ArrayList<>();
		for (int i = 0; i < 13; i++) {
			Task.Status status = (i % 3 == 0) ? Task.Status.DONE : Task.Status.OPEN;
			saved.add(tasks.save(Task.of("task " + i, status, "ann", LocalDate.of(2026, 1, 1 + i), i)));
		}
		List<Task> byId = saved.stream().sorted(Comparator.comparing(Task::id)).toList();
		List<Task.Status> statuses = List.of(Task.Status.OPEN, Task.Status.DONE);

		assertThat(contents(scroll((position) -> tasks.findByStatusIn(statuses, position, Limit.of(4)))))
			.containsExactlyElementsOf(byId);
		assertThat(tasks.findByStatusInOrderByIdDesc(statuses)).containsExactlyElementsOf(reversed(byId));
	}

	// ---- pages, slices and the other return types ------------------------------------------------------------

	@Test
	void topPagesLieWithinTheTopResultsAndFilteredSlicesSkipOnlyMatches() {
		Page<Parcel> second = this.parcels.findTop10ByDepotIn(DEPOTS, PageRequest.of(1, 6));
		assertThat(second.getContent()).containsExactlyElementsOf(this.all.subList(6, 10));
		assertThat(second.getTotalElements()).isEqualTo(10);
		assertThat(second.hasNext()).isFalse();
		Page<Parcel> beyond = this.parcels.findTop10ByDepotIn(DEPOTS, PageRequest.of(2, 6));
		assertThat(beyond.getContent()).isEmpty();
		assertThat(beyond.getTotalElements()).isEqualTo(10);

		List<Parcel> fragile = this.all.stream().filter(Parcel::fragile).toList();
		List<Parcel> sliced = new ArrayList<>();
		Slice<Parcel> slice = this.parcels.findByDepotInAndFragileTrue(DEPOTS, PageRequest.of(0, 4));
		sliced.addAll(slice.getContent());
		while (slice.hasNext()) {
			slice = this.parcels.findByDepotInAndFragileTrue(DEPOTS, slice.nextPageable());
			sliced.addAll(slice.getContent());
		}
		assertThat(sliced).containsExactlyElementsOf(fragile);
	}

	@Test
	void streamsSingleResultsExistsAndListsReadTheMergedOrder() {
		try (Stream<Parcel> stream = this.parcels.streamByDepotIn(DEPOTS)) {
			assertThat(stream).containsExactlyElementsOf(this.all);
		}
		assertThat(this.parcels.findFirstByDepotInOrderByCodeDesc(DEPOTS)).contains(this.all.get(39));
		assertThat(this.parcels.findFirstByDepotInOrderByCodeDesc(List.of("east"))).isEmpty();
		assertThat(this.parcels.existsByDepotIn(List.of("east"))).isFalse();
		assertThat(this.parcels.existsByDepotIn(List.of("east", "south"))).isTrue();
		assertThat(this.parcels.findByDepotIn(DEPOTS, Sort.by(Sort.Direction.DESC, "code"), Limit.of(3)))
			.containsExactly(this.all.get(39), this.all.get(38), this.all.get(37));
	}

	@Test
	void aDerivedDeleteWithInJoinsATransactionAndIsRolledBackWithIt() {
		SingleTableTemplate template = this.context.getBean(SingleTableTemplate.class);
		TransactionTemplate transactions = new TransactionTemplate(
				new SingleTableTransactionManager(template.getDatabaseFactory()));

		transactions.executeWithoutResult((status) -> {
			assertThat(this.parcels.deleteByDepotIn(List.of("south", "west"))).isEqualTo(10);
			status.setRollbackOnly();
		});
		assertThat(this.parcels.countByDepotIn(DEPOTS)).isEqualTo(40);
		assertThat(dynamo.requests().count("TransactWriteItems")).isZero();

		transactions.executeWithoutResult((status) -> this.parcels.deleteByDepotIn(List.of("south", "west")));
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(this.parcels.countByDepotIn(DEPOTS)).isEqualTo(30);
		assertThat(this.parcels.existsByDepotIn(List.of("south", "west"))).isFalse();
	}

	// ---- cursors through a REST-like round trip -----------------------------------------------------------------

	@Test
	void aCursorTravelsThroughAJsonResponseAndBackBothWays() {
		JsonMapper json = JsonMapper.builder().build();
		List<Parcel> forward = new ArrayList<>();
		List<String> firsts = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			String body = json.writeValueAsString(list(cursor, 6));
			ParcelPage page = json.readValue(body, ParcelPage.class);
			forward.addAll(page.items());
			firsts.add(page.previousCursor());
			if (page.nextCursor() != null) {
				assertThat(page.nextCursor()).as("usable as a query parameter as it is").matches("[A-Za-z0-9_.-]+");
			}
			cursor = page.nextCursor();
			assertThat(++pages).isLessThan(20);
		}
		while (cursor != null);
		assertThat(forward).containsExactlyElementsOf(this.all);
		assertThat(pages).isEqualTo(7);
		assertThat(firsts.get(0)).as("no previous page before the first").isNull();

		// the previous page of the fourth: the third
		Window<Parcel> previous = this.parcels.findByDepotIn(DEPOTS, Cursors.position(firsts.get(3)).backward(),
				Limit.of(6), Sort.unsorted());
		assertThat(previous.getContent()).containsExactlyElementsOf(this.all.subList(12, 18));
		assertThat(Cursors.position("")).isEqualTo(ScrollPosition.keyset());
		assertThatExceptionOfType(InvalidCursorException.class).as("a cursor of other values")
			.isThrownBy(() -> this.parcels.findByDepotIn(List.of("north", "south"), Cursors.position(firsts.get(3)),
					Limit.of(6), Sort.unsorted()));
	}

	/** What a controller answers for {@code GET /parcels?cursor=..&size=..}. */
	private ParcelPage list(@Nullable String cursor, int size) {
		Window<Parcel> window = this.parcels.findByDepotIn(DEPOTS, Cursors.position(cursor), Limit.of(size),
				Sort.unsorted());
		String previous = (cursor != null && !window.isEmpty()) ? Cursors.cursor(window.positionAt(0)) : null;
		return new ParcelPage(window.getContent(), Cursors.next(window), previous);
	}

	record ParcelPage(List<Parcel> items, @Nullable String nextCursor, @Nullable String previousCursor) {
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	private static <T> List<T> reversed(List<T> list) {
		List<T> reversed = new ArrayList<>(list);
		Collections.reverse(reversed);
		return reversed;
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = DepotParcelRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
