package dev.singletable.repository;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Parcel;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.parcels.ParcelRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static dev.singletable.repository.WindowScrolling.contents;
import static dev.singletable.repository.WindowScrolling.scroll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Derived {@code In} queries on a partition property returning a {@code Window}, {@code Slice} or {@code Page}:
 * read by the query executor with cursors that hold each partition's position, over partitions of uneven size
 * ({@link Parcel#saveDepots}: north 30 parcels, east none, south 3, west 7). The expected order is the rule: the index's sort key
 * ({@code code}), equal codes in the order of the values.
 */
class InQueryScrollingIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-parcels");

	private static final List<String> DEPOTS = Parcel.DEPOTS;

	private AnnotationConfigApplicationContext context;

	private ParcelRepository repository;

	private List<Parcel> parcels;

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.repository = this.context.getBean(ParcelRepository.class);
		this.parcels = new ArrayList<>();
		Parcel.saveDepots(this::save);
		dynamo.requests().reset();
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	private Parcel save(String depot, int code, boolean fragile) {
		Parcel parcel = this.repository.save(Parcel.of(depot, "c%03d".formatted(code), fragile));
		this.parcels.add(parcel);
		return parcel;
	}

	@Test
	void aWindowScrolledToTheEndReturnsEveryParcelOnceAndEachReadsOnlyWhatItNeeds() {
		List<Window<Parcel>> windows = new ArrayList<>();
		List<List<QueryRequest>> requests = new ArrayList<>();
		Window<Parcel> window = this.repository.findByDepotIn(DEPOTS, ScrollPosition.keyset(), Limit.of(4));
		while (true) {
			windows.add(window);
			requests.add(dynamo.requests().sent(QueryRequest.class));
			dynamo.requests().reset();
			if (!window.hasNext()) {
				break;
			}
			window = this.repository.findByDepotIn(DEPOTS, window.positionAt(window.size() - 1), Limit.of(4));
		}

		assertThat(contents(windows)).containsExactlyElementsOf(expected(this.parcels));
		assertThat(windows).hasSize(10);
		assertThat(requests.get(0)).as("the first window reads each partition once").hasSize(4);
		assertThat(requests).flatMap(Function.identity())
			.as("each request asks for a window and one more")
			.allSatisfy((query) -> assertThat(query.limit()).isEqualTo(5));
		assertThat(requests.subList(1, requests.size())).as("later windows skip partitions read to their end")
			.allSatisfy((sent) -> assertThat(sent).hasSizeBetween(1, 3)
				.extracting(Parcel::partitionOf)
				.doesNotContain("depot#east"));
		assertThat(requests.get(requests.size() - 1)).as("west was read to its end: north and south are left")
			.extracting(Parcel::partitionOf)
			.containsExactlyInAnyOrder("depot#north", "depot#south");
	}

	@Test
	void aDescendingWindowScrollsTheExactReverse() {
		List<Parcel> reversed = new ArrayList<>(expected(this.parcels));
		Collections.reverse(reversed);
		assertThat(contents(scroll((position) -> this.repository.findByDepotInOrderByCodeDesc(DEPOTS, position,
				Limit.of(6))))).containsExactlyElementsOf(reversed);
	}

	@Test
	void aFilteredWindowScrollsTheMatchingParcels() {
		List<Window<Parcel>> windows = scroll(
				(position) -> this.repository.findByDepotInAndFragileTrue(DEPOTS, position, Limit.of(3)));

		assertThat(contents(windows)).containsExactlyElementsOf(expected(this.parcels.stream()
			.filter(Parcel::fragile)
			.toList()));
		assertThat(dynamo.requests().sent(QueryRequest.class)).as("DynamoDB filters each partition")
			.allSatisfy((query) -> {
				assertThat(query.filterExpression()).isNotNull();
				assertThat(query.expressionAttributeNames().values()).contains("fragile");
			});
	}

	@Test
	void aProjectedWindowWithASortKeyConditionScrolls() {
		List<String> codes = new ArrayList<>();
		for (Window<ParcelRepository.ParcelCode> window : scroll((position) -> this.repository
			.findCodesByDepotInAndCodeGreaterThan(DEPOTS, "c040", position, Limit.of(5)))) {
			window.forEach((parcel) -> codes.add(parcel.getCode()));
		}
		assertThat(codes).containsExactlyElementsOf(expected(this.parcels).stream()
			.map(Parcel::code)
			.filter((code) -> code.compareTo("c040") > 0)
			.toList());
	}

	@Test
	void aWindowScrollsBackwardFromAnyPosition() {
		List<Parcel> all = expected(this.parcels);
		Window<Parcel> third = this.repository.findByDepotIn(DEPOTS, ScrollPosition.keyset(), Limit.of(5));
		third = this.repository.findByDepotIn(DEPOTS, third.positionAt(4), Limit.of(5));
		third = this.repository.findByDepotIn(DEPOTS, third.positionAt(4), Limit.of(5));
		assertThat(third.getContent()).containsExactlyElementsOf(all.subList(10, 15));

		List<Parcel> before = new ArrayList<>();
		Window<Parcel> window = this.repository.findByDepotIn(DEPOTS,
				((KeysetScrollPosition) third.positionAt(1)).backward(), Limit.of(4));
		assertThat(window.getContent()).as("right before the third window's second parcel")
			.containsExactlyElementsOf(all.subList(7, 11));
		before.addAll(0, window.getContent());
		while (window.hasNext()) {
			window = this.repository.findByDepotIn(DEPOTS, window.positionAt(0), Limit.of(4));
			before.addAll(0, window.getContent());
		}
		assertThat(before).containsExactlyElementsOf(all.subList(0, 11));
	}

	@Test
	void windowsContinueFromEachPartitionsPositionWhenParcelsAreWrittenBetweenThem() {
		List<Parcel> all = expected(this.parcels);
		Window<Parcel> first = this.repository.findByDepotIn(DEPOTS, ScrollPosition.keyset(), Limit.of(8));
		assertThat(first.getContent()).containsExactlyElementsOf(all.subList(0, 8));
		save("north", 3, false);
		Parcel late = save("west", 13, false);
		Parcel removed = all.get(12);
		this.repository.delete(removed);

		List<Parcel> rest = new ArrayList<>();
		Window<Parcel> window = first;
		while (window.hasNext()) {
			window = this.repository.findByDepotIn(DEPOTS, window.positionAt(window.size() - 1), Limit.of(8));
			rest.addAll(window.getContent());
		}
		List<Parcel> expected = new ArrayList<>(all.subList(8, all.size()));
		expected.remove(removed);
		expected.add(late);
		assertThat(rest).containsExactlyElementsOf(expected(expected));
	}

	@Test
	void alteredAndForeignPositionsAreRefused() {
		Window<Parcel> window = this.repository.findByDepotIn(DEPOTS, ScrollPosition.keyset(), Limit.of(3));
		String cursor = Cursors.cursor(window.positionAt(2));
		String altered = cursor.substring(0, 5) + ((cursor.charAt(5) == 'x') ? 'y' : 'x') + cursor.substring(6);

		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> this.repository.findByDepotIn(DEPOTS, Cursors.position(altered), Limit.of(3)));
		assertThatExceptionOfType(InvalidCursorException.class).as("other values")
			.isThrownBy(() -> this.repository.findByDepotIn(List.of("north", "west"), window.positionAt(2),
					Limit.of(3)));
		Window<Parcel> single = this.repository.findByDepotIn(List.of("north"), ScrollPosition.keyset(), Limit.of(3));
		assertThatExceptionOfType(InvalidCursorException.class).as("one partition's position")
			.isThrownBy(() -> this.repository.findByDepotIn(DEPOTS, single.positionAt(2), Limit.of(3)));
		assertThatExceptionOfType(InvalidCursorException.class).as("a merged position for one partition")
			.isThrownBy(() -> this.repository.findByDepotIn(List.of("north"), window.positionAt(2), Limit.of(3)));
	}

	@Test
	void slicesAndPagesOfAnInQueryFollowThePageable() {
		List<Parcel> all = expected(this.parcels);
		List<Parcel> sliced = new ArrayList<>();
		Slice<Parcel> slice = this.repository.findSliceByDepotIn(DEPOTS, PageRequest.of(0, 7));
		sliced.addAll(slice.getContent());
		while (slice.hasNext()) {
			slice = this.repository.findSliceByDepotIn(DEPOTS, slice.nextPageable());
			sliced.addAll(slice.getContent());
		}
		assertThat(sliced).containsExactlyElementsOf(all);

		List<Parcel> reversed = new ArrayList<>(all);
		Collections.reverse(reversed);
		assertThat(this.repository.findSliceByDepotIn(DEPOTS, PageRequest.of(1, 5, Sort.by(Sort.Direction.DESC, "code")))
			.getContent()).containsExactlyElementsOf(reversed.subList(5, 10));

		dynamo.requests().reset();
		Page<Parcel> page = this.repository.findPageByDepotIn(DEPOTS, PageRequest.of(2, 6));
		assertThat(page.getContent()).containsExactlyElementsOf(all.subList(12, 18));
		assertThat(page.getTotalElements()).isEqualTo(40);
		List<QueryRequest> sent = dynamo.requests().sent(QueryRequest.class);
		assertThat(sent.subList(0, 4)).as("the first two pages are read past keys only, one request per partition")
			.allSatisfy((query) -> assertThat(query.expressionAttributeNames().values()).doesNotContain("code", "fragile"));
		assertThat(sent).filteredOn((query) -> "COUNT".equals(query.selectAsString())).as("the total: one COUNT each")
			.hasSize(4);
	}

	@Test
	void countsAddUpThePartitionsCounts() {
		assertThat(this.repository.countByDepotIn(DEPOTS)).isEqualTo(40);
		assertThat(this.repository.countByDepotIn(List.of("east", "south"))).isEqualTo(3);
		assertThat(dynamo.requests().sent(QueryRequest.class)).hasSize(6)
			.allSatisfy((query) -> assertThat(query.selectAsString()).isEqualTo("COUNT"));
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	/** The rule: ascending code, equal codes in the order of the values. */
	private static List<Parcel> expected(List<Parcel> parcels) {
		return Parcel.inMergedOrder(parcels);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = ParcelRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
