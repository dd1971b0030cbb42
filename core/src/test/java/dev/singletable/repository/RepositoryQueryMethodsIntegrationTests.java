package dev.singletable.repository;

import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.geo.Point;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.GizmoViews;
import dev.singletable.repository.gizmos.Rank;
import dev.singletable.repository.gizmos.RankListing;
import dev.singletable.repository.gizmos.RankRepository;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static dev.singletable.repository.GizmoRepositoryFixtures.lastQuery;
import static dev.singletable.repository.GizmoRepositoryFixtures.projectedNames;
import static dev.singletable.repository.GizmoRepositoryFixtures.saveGizmos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Derived query methods (from issue 15): a type index sorted by a property of its own pages and sorts by it,
 * {@code Top}, {@code First} and {@code Limit} with {@code Sort} and {@code Pageable} arguments, {@code IsNotNull} on a
 * sparse index key, {@code In} on a partition key, and unsupported keywords failing at start-up naming the method.
 */
class RepositoryQueryMethodsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = GizmoRepositoryFixtures.dynamo;

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private GizmoRepository gizmos;

	@BeforeEach
	void setUp() {
		this.context = GizmoRepositoryFixtures.openContext();
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.gizmos = this.context.getBean(GizmoRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// paging and sorting

	@Test
	void aTypeIndexSortedByItsOwnPropertyPagesAndSortsByIt() {
		RankRepository ranks = this.context.getBean(RankRepository.class);
		RankListing listing = this.context.getBean(RankListing.class);
		for (String score : List.of("3", "1", "5", "2", "4")) {
			ranks.save(new Rank("r" + score, score));
		}
		assertThat(ranks.findAll(Sort.by("score"))).extracting(Rank::getScore).containsExactly("1", "2", "3", "4", "5");
		assertThat(ranks.findAll(Sort.unsorted())).extracting(Rank::getScore).containsExactly("1", "2", "3", "4", "5");
		assertThat(listing.findAll(Sort.by(Sort.Direction.DESC, "score"))).extracting(Rank::getScore)
			.containsExactly("5", "4", "3", "2", "1");
		Page<Rank> last = ranks.findAll(PageRequest.of(2, 2, Sort.by("score").descending()));
		assertThat(last.getContent()).extracting(Rank::getScore).containsExactly("1");
		assertThat(last.getTotalElements()).isEqualTo(5);
		assertThat(last.getTotalPages()).isEqualTo(3);
		assertThat(last.isLast()).isTrue();
		Page<Rank> middle = listing.findAll(PageRequest.of(1, 2));
		assertThat(middle.getContent()).extracting(Rank::getScore).containsExactly("3", "4");
		assertThat(middle.hasNext()).isTrue();
		assertThat(listing.findAll(Pageable.unpaged())).hasSize(5);
		assertThatExceptionOfType(InvalidSortException.class).isThrownBy(() -> ranks.findAll(Sort.by("id")))
			.withMessageContaining("score");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> listing.findAll(PageRequest.of(0, 2, Sort.by("updatedAt"))))
			.withMessageContaining("score");
	}

	// keywords

	@Test
	void topFirstAndLimitWithSortAndPageableArguments() {
		saveGizmos(this.gizmos);
		this.gizmos.save(Gizmo.of("e", "red", 5));
		assertThat(this.gizmos.findTop3ByColor("red", Sort.by("name").descending())).extracting(Gizmo::name)
			.containsExactly("e", "c", "b");
		assertThat(this.gizmos.findTop3ByColor("red", Sort.unsorted())).extracting(Gizmo::name)
			.containsExactly("a", "b", "c");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.gizmos.findTop3ByColor("red", Sort.by("weight")))
			.withMessageContaining("name");
		assertThat(this.gizmos.findFirstByColor("red", Sort.by(Sort.Direction.DESC, "name"))).get()
			.extracting(Gizmo::name)
			.isEqualTo("e");
		Page<Gizmo> page = this.gizmos.findFirst2ByColor("red", PageRequest.of(1, 1));
		assertThat(page.getContent()).extracting(Gizmo::name).containsExactly("b");
		assertThat(page.getTotalElements()).isEqualTo(2);
		assertThat(this.gizmos.findFirst2ByColor("red", PageRequest.of(2, 1)).getContent()).isEmpty();
		dynamo.requests().reset();
		assertThat(this.gizmos.findByColor("red", Limit.of(2))).extracting(Gizmo::name).containsExactly("a", "b");
		assertThat(lastQuery().limit()).isLessThanOrEqualTo(3);
		assertThat(this.gizmos.findByColor("red", Limit.unlimited())).hasSize(4);
		assertThat(this.gizmos.findTop3ByColor("red", Limit.of(5))).extracting(Gizmo::name).containsExactly("a", "b", "c");
		assertThat(this.gizmos.findTop3ByColor("red", Limit.of(2))).extracting(Gizmo::name).containsExactly("a", "b");
		assertThat(this.gizmos.countByColor("red")).isEqualTo(4);
		Page<GizmoViews.NameOnly> declared = this.gizmos.pageByColorKeyAfter("color#red", "a", PageRequest.of(1, 2));
		assertThat(declared.getContent()).extracting(GizmoViews.NameOnly::getName).containsExactly("e");
		assertThat(declared.getTotalElements()).isEqualTo(3);
		assertThat(projectedNames()).contains("gizmo_label").doesNotContain("weight");
	}

	@Test
	void isNotNullOnASparseIndexKeyQueriesTheSparseIndex() {
		List<Gizmo> saved = saveGizmos(this.gizmos);
		this.gizmos.save(saved.get(0).withOwner("zed"));
		this.gizmos.save(saved.get(3).withOwner("amy"));
		dynamo.requests().reset();
		assertThat(this.gizmos.findByOwnerIsNotNull()).extracting(GizmoViews.NameOnly::getName)
			.containsExactly("d", "b");
		QueryRequest request = lastQuery();
		assertThat(request.indexName()).isEqualTo("gsi3");
		assertThat(request.filterExpression()).isNull();
		assertThat(dynamo.requests().count("Scan")).isZero();
		assertThat(this.gizmos.countByOwnerIsNotNull()).isEqualTo(2);
		assertThat(this.gizmos.existsByOwnerIsNotNull()).isTrue();
		assertThat(this.gizmos.findByOwnerIsNotNullOrderByOwnerDesc()).extracting(Gizmo::owner)
			.containsExactly("zed", "amy");
		assertThat(this.gizmos.findByColorAndOwnerIsNull("red")).extracting(Gizmo::name).containsExactly("a", "c");
		assertThat(lastQuery().filterExpression()).contains("attribute_not_exists");
	}

	@Test
	void anItemLeavesTheSparseIndexWhenItsKeyPropertyIsCleared() {
		List<Gizmo> saved = saveGizmos(this.gizmos);
		Gizmo owned = this.gizmos.save(saved.get(1).withOwner("kim"));
		assertThat(this.gizmos.findByOwnerIsNotNull()).extracting(GizmoViews.NameOnly::getName).containsExactly("a");
		this.gizmos.save(owned.withOwner(null));
		assertThat(this.gizmos.findByOwnerIsNotNull()).isEmpty();
		this.gizmos.save(this.gizmos.findById(owned.id()).orElseThrow().withOwner(""));
		assertThat(this.gizmos.findByOwnerIsNotNull()).isEmpty();
	}

	@Test
	void inOnAPartitionKeyMergesInSortKeyOrderUnderACap() {
		saveGizmos(this.gizmos);
		this.gizmos.save(Gizmo.of("bb", "blue", 1));
		assertThat(this.gizmos.findByColorIn(List.of("blue", "red"))).extracting(Gizmo::name)
			.containsExactly("a", "b", "bb", "c", "d");
		assertThat(this.gizmos.findByColorInOrderByNameDesc(List.of("red", "blue", "green")))
			.extracting(GizmoViews.Summary::name)
			.containsExactly("d", "c", "bb", "b", "a");
		List<String> many = IntStream.range(0, 26).mapToObj((i) -> "c" + i).toList();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.gizmos.findByColorIn(many))
			.withMessageContaining("25");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.gizmos.findByColorIn(List.of()));
	}

	@Test
	void unsupportedKeywordsFailAtStartupNamingTheMethodAndTheCandidates() {
		String indexes = "gsi4 (partition 'color#{color}', sort '{name}')";
		assertThat(startupFailure(LikeGizmos.class)).contains("LikeGizmos.findByNameLike", "IsLike/Like", indexes);
		assertThat(startupFailure(RegexGizmos.class)).contains("RegexGizmos.findByNameRegex", "Regex", indexes);
		assertThat(startupFailure(NearGizmos.class)).contains("NearGizmos.findByColorAndPartNear", "Near", indexes);
		assertThat(startupFailure(IgnoreCaseGizmos.class))
			.contains("IgnoreCaseGizmos.findByColorIgnoreCase", "'IgnoreCase' on 'color'", indexes);
		assertThat(startupFailure(OrGizmos.class)).contains("OrGizmos.findByColorOrOwner", "'Or'", indexes,
				"gsi3 (partition 'owned', sort '{owner}')");
		assertThat(startupFailure(UnindexedGizmos.class)).contains("UnindexedGizmos.findByWeight", indexes,
				"gsi3 (partition 'owned', sort '{owner}') holds only the items whose [owner] has a value");
	}

	private String startupFailure(Class<?> repository) {
		SingleTableRepositoryFactory factory = new SingleTableRepositoryFactory(this.template);
		return QueryKeywordCombinationsIntegrationTests.startupFailure(() -> factory.getRepository(repository));
	}

	interface LikeGizmos extends SingleTableRepository<Gizmo> {

		List<Gizmo> findByNameLike(String name);

	}

	interface RegexGizmos extends SingleTableRepository<Gizmo> {

		List<Gizmo> findByNameRegex(String name);

	}

	interface NearGizmos extends SingleTableRepository<Gizmo> {

		List<Gizmo> findByColorAndPartNear(String color, Point point);

	}

	interface IgnoreCaseGizmos extends SingleTableRepository<Gizmo> {

		List<Gizmo> findByColorIgnoreCase(String color);

	}

	interface OrGizmos extends SingleTableRepository<Gizmo> {

		List<Gizmo> findByColorOrOwner(String color, String owner);

	}

	interface UnindexedGizmos extends SingleTableRepository<Gizmo> {

		List<Gizmo> findByWeight(int weight);

	}

}
