package dev.singletable.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.event.AfterConvertCallback;
import dev.singletable.core.mapping.event.AfterDeleteCallback;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.core.mapping.event.BeforeConvertCallback;
import dev.singletable.core.mapping.event.BeforeSaveCallback;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.gizmos.Badge;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.GizmoViews;
import dev.singletable.repository.gizmos.Vault;
import dev.singletable.repository.gizmos.VaultRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projections in every form through repositories (from issue 15), as a Spring Data user on a fresh application, against
 * DynamoDB Local: closed projections ask only for the stored names they need, open ones read whole items, dynamic
 * projections, projections of pages, slices, streams, windows, declared and single-result queries, of the type
 * listing and of a compressed type, with a naming strategy.
 */
class RepositoryProjectionsIntegrationTests {

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

	// 1. projections

	@Test
	void closedProjectionsOfAnUncompressedTypeAskOnlyForTheStoredNamesTheyNeed() {
		saveGizmos();
		assertThat(this.gizmos.findNamesByColor("red")).extracting(GizmoViews.NameOnly::getName)
			.containsExactly("a", "b", "c");
		assertThat(projectedNames()).contains("gizmo_label", "pk", "sk").doesNotContain("color", "weight", "part");

		assertThat(this.gizmos.findPartsByColor("red")).extracting((view) -> view.getPart().getSerial())
			.containsExactly("S-a", "S-b", "S-c");
		assertThat(projectedNames()).contains("gizmo_label", "part").doesNotContain("weight");

		assertThat(this.gizmos.findDtosByColor("red")).extracting(GizmoViews.Dto::getName, GizmoViews.Dto::getWeight)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("a", 97), org.assertj.core.groups.Tuple.tuple("b", 98),
					org.assertj.core.groups.Tuple.tuple("c", 99));
		assertThat(projectedNames()).contains("gizmo_label", "weight").doesNotContain("color", "part");

		assertThat(this.gizmos.findSummariesByColor("red")).containsExactly(new GizmoViews.Summary("a", "red"),
				new GizmoViews.Summary("b", "red"), new GizmoViews.Summary("c", "red"));
		assertThat(projectedNames()).contains("gizmo_label", "color").doesNotContain("weight");
	}

	@Test
	void openProjectionsReadWholeItems() {
		saveGizmos();
		assertThat(this.gizmos.findLinesByColor("red")).extracting(GizmoViews.Line::getLine)
			.containsExactly("a red", "b red", "c red");
		assertThat(lastQuery().projectionExpression()).isNull();
	}

	@Test
	void dynamicProjectionsIncludingTheEntityClass() {
		List<Gizmo> saved = saveGizmos();
		assertThat(this.gizmos.findByColor("red", Gizmo.class)).extracting(Gizmo::weight).containsExactly(97, 98, 99);
		assertThat(lastQuery().projectionExpression()).isNull();
		assertThat(this.gizmos.findByColor("blue", GizmoViews.Summary.class))
			.containsExactly(new GizmoViews.Summary("d", "blue"));
		assertThat(this.gizmos.findByColor("blue", GizmoViews.NameOnly.class)).extracting(GizmoViews.NameOnly::getName)
			.containsExactly("d");
		assertThat(this.gizmos.findById(saved.get(3).id(), GizmoViews.Dto.class)).get()
			.extracting(GizmoViews.Dto::getWeight)
			.isEqualTo(9);
		assertThat(this.gizmos.findById(saved.get(3).id(), Gizmo.class)).contains(saved.get(3));
		assertThat(this.gizmos.findById("missing", GizmoViews.Dto.class)).isEmpty();
		assertThat(this.gizmos.findProjectedById(saved.get(0).id())).get()
			.extracting(GizmoViews.NameOnly::getName)
			.isEqualTo("b");
		assertThat(this.gizmos.findProjectedById("missing")).isEmpty();
	}

	@Test
	void pagesSlicesStreamsWindowsAndDeclaredQueriesProject() {
		saveGizmos();
		Page<GizmoViews.NameOnly> page = this.gizmos.findPageByColor("red", PageRequest.of(1, 2));
		assertThat(page.getContent()).extracting(GizmoViews.NameOnly::getName).containsExactly("c");
		assertThat(page.getTotalElements()).isEqualTo(3);
		assertThat(page.isLast()).isTrue();
		Slice<GizmoViews.Summary> slice = this.gizmos.findSliceByColor("red", PageRequest.of(0, 2));
		assertThat(slice.getContent()).extracting(GizmoViews.Summary::name).containsExactly("a", "b");
		assertThat(slice.hasNext()).isTrue();
		try (Stream<GizmoViews.WithPart> stream = this.gizmos.streamByColor("red")) {
			assertThat(stream.map((view) -> view.getPart().getSerial())).containsExactly("S-a", "S-b", "S-c");
		}
		Window<GizmoViews.NameOnly> first = this.gizmos.findWindowByColor("red", ScrollPosition.keyset(), Limit.of(2));
		assertThat(first.getContent()).extracting(GizmoViews.NameOnly::getName).containsExactly("a", "b");
		Window<GizmoViews.NameOnly> next = this.gizmos.findWindowByColor("red", first.positionAt(1), Limit.of(2));
		assertThat(next.getContent()).extracting(GizmoViews.NameOnly::getName).containsExactly("c");
		assertThat(next.hasNext()).isFalse();
		assertThat(this.gizmos.byColorKey("color#red")).extracting(GizmoViews.Summary::name)
			.containsExactly("a", "b", "c");
		assertThat(projectedNames()).contains("gizmo_label", "color").doesNotContain("weight");
		assertThat(this.gizmos.byColorKeyAndPrefix("color#red", "b", GizmoViews.NameOnly.class))
			.extracting(GizmoViews.NameOnly::getName)
			.containsExactly("b");
		assertThat(this.gizmos.byColorKeyAndPrefix("color#red", "", Gizmo.class)).extracting(Gizmo::name)
			.containsExactly("c", "b", "a");
	}

	@Test
	void aNamingStrategyNamesTheProjectedAttributes() {
		JsonMapper snakeCase = StorageJsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
			.build();
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(),
				new MappingSingleTableConverter(new SingleTableMappingContext(), snakeCase));
		GizmoRepository repository = new SingleTableRepositoryFactory(template).getRepository(GizmoRepository.class);
		template.create(Gizmo.of("n", "red", 1).withCreated(null, "ann"));
		assertThat(dynamo.storedItem(
				"Gizmo#" + repository.findByColor("red", Gizmo.class).get(0).id(),
				"Gizmo#" + repository.findByColor("red", Gizmo.class).get(0).id()))
			.containsKeys("created_by", "gizmo_label");
		dynamo.requests().reset();
		assertThat(repository.findCreatorsByColor("red")).extracting(GizmoViews.Creator::getCreatedBy)
			.containsExactly("ann");
		assertThat(projectedNames()).contains("created_by", "modified_by").doesNotContain("createdBy", "gizmo_label");
		assertThat(repository.findSummariesByColor("red")).containsExactly(new GizmoViews.Summary("n", "red"));
	}

	@Test
	void singleResultsAndInQueriesProject() {
		saveGizmos();
		assertThat(this.gizmos.findFirstByColorOrderByNameDesc("red")).contains(new GizmoViews.Summary("c", "red"));
		assertThat(projectedNames()).contains("gizmo_label", "color").doesNotContain("weight");
		try (Stream<GizmoViews.NameOnly> stream = this.gizmos.streamByColorIn(List.of("blue", "red"))) {
			assertThat(stream.map(GizmoViews.NameOnly::getName)).containsExactly("a", "b", "c", "d");
		}
		Slice<GizmoViews.Summary> slice = this.gizmos.findSliceByColorIn(List.of("blue", "red"), PageRequest.of(1, 3));
		assertThat(slice.getContent()).containsExactly(new GizmoViews.Summary("d", "blue"));
		assertThat(slice.hasNext()).isFalse();
	}

	@Test
	void predicateLessMethodsProjectTheTypeListing() {
		List<Gizmo> saved = saveGizmos();
		this.gizmos.save(this.gizmos.findById(saved.get(0).id()).orElseThrow().withOwner("own"));
		assertThat(this.gizmos.findAllBy()).extracting(GizmoViews.NameOnly::getName)
			.containsExactly("a", "c", "d", "b");
		assertThat(lastQuery().indexName()).isEqualTo("gsitype");
		assertThat(projectedNames()).contains("gizmo_label").doesNotContain("color");
		Page<GizmoViews.Summary> page = this.gizmos.findAllBy(PageRequest.of(1, 3), GizmoViews.Summary.class);
		assertThat(page.getContent()).containsExactly(new GizmoViews.Summary("b", "red"));
		assertThat(page.getTotalElements()).isEqualTo(4);
		assertThat(this.gizmos.findByWeightGreaterThan(97)).extracting(Gizmo::name).containsExactly("c", "b");
		assertThat(lastQuery().indexName()).isEqualTo("gsitype");
		assertThat(this.gizmos.findAllByOrderByUpdatedAtDesc()).extracting(GizmoViews.Summary::name)
			.containsExactly("b", "d", "c", "a");
	}

	@Test
	void aClosedProjectionOfACompressedTypeReadsWholeItems() {
		VaultRepository vaults = this.context.getBean(VaultRepository.class);
		vaults.save(Vault.of("z1", "secret"));
		dynamo.requests().reset();
		assertThat(vaults.findTextsByZone("z1")).extracting(VaultRepository.VaultText::getText)
			.containsExactly("secret");
		assertThat(lastQuery().projectionExpression()).isNull();
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
