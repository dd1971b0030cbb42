package dev.singletable.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.geo.Point;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.mapping.event.AfterConvertCallback;
import dev.singletable.core.mapping.event.AfterDeleteCallback;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.core.mapping.event.BeforeConvertCallback;
import dev.singletable.core.mapping.event.BeforeSaveCallback;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.gizmos.Badge;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.GizmoViews;
import dev.singletable.repository.gizmos.Rank;
import dev.singletable.repository.gizmos.RankListing;
import dev.singletable.repository.gizmos.RankRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Derived query methods (from issue 15): a type index sorted by a property of its own pages and sorts by it,
 * {@code Top}, {@code First} and {@code Limit} with {@code Sort} and {@code Pageable} arguments, {@code IsNotNull} on a
 * sparse index key, {@code In} on a partition key, and unsupported keywords failing at start-up naming the method.
 */
class RepositoryQueryMethodsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-check15",
			new TableIndex("gsi4", "gsi4pk", "gsi4sk"));

	static final AtomicReference<String> user = new AtomicReference<>("ann");

	static final List<String> calls = new CopyOnWriteArrayList<>();

	static final List<Object> events = new CopyOnWriteArrayList<>();

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private GizmoRepository gizmos;

	@BeforeEach
	void setUp() {
		user.set("ann");
		calls.clear();
		events.clear();
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.gizmos = this.context.getBean(GizmoRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	private List<Gizmo> saveGizmos() {
		List<Gizmo> saved = new ArrayList<>();
		for (String name : List.of("b", "a", "c")) {
			saved.add(this.gizmos.save(Gizmo.of(name, "red", name.charAt(0))));
		}
		saved.add(this.gizmos.save(Gizmo.of("d", "blue", 9)));
		calls.clear();
		dynamo.requests().reset();
		return saved;
	}

	private static QueryRequest lastQuery() {
		List<QueryRequest> sent = dynamo.requests().sent(QueryRequest.class);
		assertThat(sent).isNotEmpty();
		return sent.get(sent.size() - 1);
	}

	private static Collection<String> projectedNames() {
		QueryRequest request = lastQuery();
		assertThat(request.projectionExpression()).as("projection expression").isNotNull();
		return request.expressionAttributeNames().values();
	}

	// 4. paging and sorting

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

	// 6. keywords

	@Test
	void topFirstAndLimitWithSortAndPageableArguments() {
		saveGizmos();
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
		List<Gizmo> saved = saveGizmos();
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
		List<Gizmo> saved = saveGizmos();
		Gizmo owned = this.gizmos.save(saved.get(1).withOwner("kim"));
		assertThat(this.gizmos.findByOwnerIsNotNull()).extracting(GizmoViews.NameOnly::getName).containsExactly("a");
		this.gizmos.save(owned.withOwner(null));
		assertThat(this.gizmos.findByOwnerIsNotNull()).isEmpty();
		this.gizmos.save(this.gizmos.findById(owned.id()).orElseThrow().withOwner(""));
		assertThat(this.gizmos.findByOwnerIsNotNull()).isEmpty();
	}

	@Test
	void inOnAPartitionKeyMergesInSortKeyOrderUnderACap() {
		saveGizmos();
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

	/** A transactional service. */
	public static class GizmoService {

		private final GizmoRepository gizmos;

		GizmoService(GizmoRepository gizmos) {
			this.gizmos = gizmos;
		}

		/** Saves, then fails: the save is rolled back. */
		@Transactional
		public Gizmo saveAndFail(Gizmo gizmo) {
			this.gizmos.save(gizmo);
			throw new IllegalStateException("rollback");
		}

		/** Saves and returns the callbacks seen before the commit. */
		@Transactional
		public List<String> saveAndRecord(Gizmo gizmo) {
			this.gizmos.save(gizmo);
			return List.copyOf(calls);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = GizmoRepository.class)
	@EnableSingleTableAuditing
	@EnableTransactionManagement
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean
		SingleTableTransactionManager transactionManager(SingleTableTemplate template) {
			return new SingleTableTransactionManager(template.getDatabaseFactory());
		}

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> Optional.ofNullable(user.get());
		}

		@Bean
		GizmoService gizmoService(GizmoRepository gizmos) {
			return new GizmoService(gizmos);
		}

		@Bean
		Exclaim exclaim() {
			return new Exclaim();
		}

		@Bean
		Question question() {
			return new Question();
		}

		@Bean
		BeforeSaveCallback<Gizmo> beforeSave() {
			return (gizmo, item) -> {
				assertThat(item).containsKey("gizmo_label");
				calls.add("beforeSave " + gizmo.name());
				return gizmo;
			};
		}

		@Bean
		AfterSaveCallback<Gizmo> afterSave() {
			return (gizmo, item) -> {
				calls.add("afterSave " + gizmo.name());
				return gizmo.name().startsWith("as-") ? gizmo.withOwner("after-save") : gizmo;
			};
		}

		@Bean
		AfterConvertCallback<Gizmo> afterConvert() {
			return (gizmo, item) -> {
				calls.add("afterConvert " + gizmo.name());
				return (gizmo.name() != null && gizmo.name().startsWith("as-")) ? gizmo.withOwner("after-convert") : gizmo;
			};
		}

		@Bean
		AfterDeleteCallback<Gizmo> afterDelete() {
			return (gizmo) -> {
				calls.add("afterDelete " + gizmo.name());
				return gizmo;
			};
		}

		@Bean
		RankEvents rankEvents() {
			return new RankEvents();
		}

	}

	/** Runs second: appends "!" to the names starting with "cb-". */
	@Order(200)
	static class Exclaim implements BeforeConvertCallback<Gizmo> {

		@Override
		public Gizmo onBeforeConvert(Gizmo gizmo) {
			return gizmo.name().startsWith("cb-") ? gizmo.withName(gizmo.name() + "!") : gizmo;
		}

	}

	/** Runs first (after auditing): records the call and appends "?" to the names starting with "cb-". */
	@Order(150)
	static class Question implements BeforeConvertCallback<Gizmo> {

		@Override
		public Gizmo onBeforeConvert(Gizmo gizmo) {
			calls.add("beforeConvert " + gizmo.name());
			return gizmo.name().startsWith("cb-") ? gizmo.withName(gizmo.name() + "?") : gizmo;
		}

	}

	/** Collects the domain events published by repository saves. */
	static class RankEvents {

		@EventListener
		void on(String event) {
			events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableAuditing
	static class ActorConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean
		AuditorAware<Badge.Actor> auditorAware() {
			return () -> Optional.ofNullable(user.get()).map((name) -> new Badge.Actor(name, 1));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableAuditing(modifyOnCreate = false)
	static class CreateOnlyConfig {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> Optional.ofNullable(user.get());
		}

	}

}
