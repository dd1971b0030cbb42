package dev.singletable.repository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
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
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;
import org.springframework.data.geo.Point;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.Changes;
import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
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
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.gizmos.Badge;
import dev.singletable.repository.gizmos.Contract;
import dev.singletable.repository.gizmos.ContractRepository;
import dev.singletable.repository.gizmos.Crate;
import dev.singletable.repository.gizmos.CrateRepository;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.GizmoViews;
import dev.singletable.repository.gizmos.Ping;
import dev.singletable.repository.gizmos.PingRepository;
import dev.singletable.repository.gizmos.Rank;
import dev.singletable.repository.gizmos.RankListing;
import dev.singletable.repository.gizmos.RankRepository;
import dev.singletable.repository.gizmos.Shelf;
import dev.singletable.repository.gizmos.ShelfRepository;
import dev.singletable.repository.gizmos.Vault;
import dev.singletable.repository.gizmos.VaultRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spring Data features (from issue 15) as a Spring Data user on a fresh application: projections in every form,
 * auditing of the four storage shapes and of an {@code Auditable} with {@code LocalDateTime} dates, the five
 * callbacks through template, repositories and transactions, paging a type index sorted by a property of its own,
 * save semantics and the query keywords, against DynamoDB Local.
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

	// 2. auditing

	@Test
	void createdValuesSurviveForgedUpdatesOfEveryStorageShape() {
		Gizmo gizmo = this.gizmos.save(Gizmo.of("g", "red", 1));
		Vault vault = this.context.getBean(VaultRepository.class).save(Vault.of("z", "v"));
		Crate crate = this.context.getBean(CrateRepository.class).save(new Crate("crate-1", null, null, "c", null, null));
		Shelf shelf = this.context.getBean(ShelfRepository.class).save(new Shelf(null, null, null, null, "s", null, null));
		assertThat(List.of(gizmo.createdBy(), gizmo.modifiedBy(), vault.createdBy(), vault.modifiedBy(),
				crate.createdBy(), crate.modifiedBy(), shelf.createdBy(), shelf.modifiedBy()))
			.containsOnly("ann");

		user.set("bob");
		Instant forged = Instant.parse("2001-01-01T00:00:00Z");
		Gizmo gizmo2 = this.gizmos.save(gizmo.withName("g2").withCreated(forged, "mallory"));
		Vault vault2 = this.context.getBean(VaultRepository.class).save(vault.with("v2", forged, "mallory"));
		Crate crate2 = this.context.getBean(CrateRepository.class).save(crate.with("c2", null, "mallory"));
		Shelf shelf2 = this.context.getBean(ShelfRepository.class).save(shelf.with("s2", forged, null));

		assertThat(List.of(gizmo2, this.gizmos.findById(gizmo.id()).orElseThrow()))
			.allSatisfy((read) -> {
				assertThat(read.createdBy()).isEqualTo("ann");
				assertThat(read.modifiedBy()).isEqualTo("bob");
				assertThat(read.createdAt()).isEqualTo(gizmo.createdAt());
				assertThat(read.name()).isEqualTo("g2");
			});
		assertThat(List.of(vault2, this.context.getBean(VaultRepository.class).findById(vault.id()).orElseThrow()))
			.allSatisfy((read) -> {
				assertThat(read.createdBy()).isEqualTo("ann");
				assertThat(read.modifiedBy()).isEqualTo("bob");
				assertThat(read.createdAt()).isEqualTo(vault.createdAt());
				assertThat(read.version()).isEqualTo(2L);
			});
		assertThat(List.of(crate2, this.context.getBean(CrateRepository.class).findById("crate-1").orElseThrow()))
			.allSatisfy((read) -> {
				assertThat(read.createdBy()).isEqualTo("ann");
				assertThat(read.modifiedBy()).isEqualTo("bob");
				assertThat(read.createdAt()).isEqualTo(crate.createdAt());
				assertThat(read.text()).isEqualTo("c2");
			});
		assertThat(List.of(shelf2, this.context.getBean(ShelfRepository.class).findById(shelf.id()).orElseThrow()))
			.allSatisfy((read) -> {
				assertThat(read.createdBy()).isEqualTo("ann");
				assertThat(read.modifiedBy()).isEqualTo("bob");
				assertThat(read.createdAt()).isEqualTo(shelf.createdAt());
			});
	}

	@Test
	void anAuditableWithLocalDateTimesGetsAllFourValuesAndKeepsTheCreatedOnes() {
		ContractRepository contracts = this.context.getBean(ContractRepository.class);
		Contract created = contracts.save(new Contract(null, "lease"));
		assertThat(created.getCreatedBy()).contains("ann");
		assertThat(created.getLastModifiedBy()).contains("ann");
		assertThat(created.getCreatedDate()).isPresent();
		assertThat(created.getLastModifiedDate()).isPresent();
		LocalDateTime createdDate = created.getCreatedDate().orElseThrow();

		user.set("bob");
		Contract read = contracts.findById(created.getId()).orElseThrow();
		assertThat(read.getCreatedDate()).contains(createdDate);
		read.setTitle("lease 2");
		read.setCreatedBy("mallory");
		read.setCreatedDate(LocalDateTime.of(1999, 1, 1, 0, 0));
		Contract updated = contracts.save(read);
		Contract stored = contracts.findById(created.getId()).orElseThrow();
		for (Contract contract : List.of(updated, stored)) {
			assertThat(contract.getCreatedBy()).contains("ann");
			assertThat(contract.getCreatedDate()).contains(createdDate);
			assertThat(contract.getLastModifiedBy()).contains("bob");
			assertThat(contract.getTitle()).isEqualTo("lease 2");
		}
		assertThat(stored.getVersion()).isEqualTo(2L);
	}

	@Test
	void anAuditorAwareReturningEmptyLeavesTheAuditorsNull() {
		user.set(null);
		Gizmo gizmo = this.gizmos.save(Gizmo.of("anon", "red", 1));
		assertThat(gizmo.createdBy()).isNull();
		assertThat(gizmo.modifiedBy()).isNull();
		assertThat(this.gizmos.findById(gizmo.id())).get().extracting(Gizmo::createdBy).isNull();
	}

	@Test
	void withoutModifyOnCreateACreationSetsOnlyTheCreatedValues() {
		try (AnnotationConfigApplicationContext createOnly = new AnnotationConfigApplicationContext(
				CreateOnlyConfig.class)) {
			SingleTableTemplate template = createOnly.getBean(SingleTableTemplate.class);
			Gizmo gizmo = template.create(Gizmo.of("x", "red", 1));
			assertThat(gizmo.createdBy()).isEqualTo("ann");
			assertThat(gizmo.modifiedBy()).isNull();
			user.set("bob");
			Gizmo updated = template.update(gizmo.withName("y"));
			assertThat(updated.createdBy()).isEqualTo("ann");
			assertThat(updated.modifiedBy()).isEqualTo("bob");
		}
	}

	@Test
	void auditorsMayBeValuesOfTheirOwnType() {
		try (AnnotationConfigApplicationContext actors = new AnnotationConfigApplicationContext(ActorConfig.class)) {
			SingleTableTemplate template = actors.getBean(SingleTableTemplate.class);
			Badge badge = template.create(new Badge(null, null, null, null, "gold", null, null));
			assertThat(badge.createdBy()).isEqualTo(new Badge.Actor("ann", 1));
			user.set("bob");
			Badge updated = template.update(badge.withLabel("silver", new Badge.Actor("mallory", 9)));
			assertThat(updated.createdBy()).isEqualTo(new Badge.Actor("ann", 1));
			assertThat(updated.modifiedBy()).isEqualTo(new Badge.Actor("bob", 1));
			assertThat(template.findById(Badge.class, badge.id())).contains(updated);
		}
	}

	// 3. callbacks

	@Test
	void everyCallbackRunsForTemplateAndRepositoryOperations() {
		Gizmo created = this.template.create(Gizmo.of("t", "green", 1));
		assertThat(calls).containsExactly("beforeConvert t", "beforeSave t", "afterSave t");
		calls.clear();
		this.template.findById(Gizmo.class, created.id());
		this.gizmos.findById(created.id());
		this.template.query(Gizmo.class).all();
		this.gizmos.findByColor("green", Gizmo.class);
		assertThat(calls).containsExactly("afterConvert t", "afterConvert t", "afterConvert t", "afterConvert t");
		calls.clear();
		List<Gizmo> both = this.gizmos.saveAll(List.of(created.withName("u"), Gizmo.of("v", "green", 2)));
		assertThat(calls).containsExactly("beforeConvert u", "beforeSave u", "afterSave u", "beforeConvert v",
				"beforeSave v", "afterSave v");
		calls.clear();
		Page<Gizmo> page = this.gizmos.findAll(PageRequest.of(1, 1));
		assertThat(page.getContent()).hasSize(1);
		assertThat(calls).containsExactly("afterConvert " + page.getContent().get(0).name());
		calls.clear();
		this.gizmos.delete(both.get(0));
		this.template.delete(both.get(1));
		assertThat(calls).containsExactly("afterDelete u", "afterDelete v");
		assertThat(this.gizmos.count()).isZero();
	}

	@Test
	void whatTheAfterSaveAndAfterConvertCallbacksReturnIsWhatTheCallerGets() {
		Gizmo saved = this.gizmos.save(Gizmo.of("as-1", "red", 1));
		assertThat(saved.owner()).isEqualTo("after-save");
		Gizmo read = this.gizmos.findById(saved.id()).orElseThrow();
		assertThat(read.owner()).isEqualTo("after-convert");
		assertThat(this.gizmos.findByColor("red", Gizmo.class)).extracting(Gizmo::owner).containsExactly("after-convert");
		assertThat(this.gizmos.findByOwnerIsNotNull()).isEmpty();
	}

	@Test
	void partialUpdatesAreAuditedAndAPersistableWithoutIdGetsOne() {
		Gizmo gizmo = this.gizmos.save(Gizmo.of("p", "red", 1));
		user.set("bob");
		Gizmo changed = this.template.update(gizmo.withCreated(null, "mallory"), Changes.set("weight", 7));
		assertThat(changed.weight()).isEqualTo(7);
		assertThat(changed.createdBy()).isEqualTo("ann");
		assertThat(changed.modifiedBy()).isEqualTo("bob");
		assertThat(this.gizmos.findById(gizmo.id())).contains(changed);

		Ping ping = this.context.getBean(PingRepository.class).save(new Ping(null, "no id", true));
		assertThat(ping.getId()).isNotBlank();
		assertThat(this.context.getBean(PingRepository.class).findById(ping.getId())).get()
			.extracting(Ping::getNote)
			.isEqualTo("no id");
	}

	@Test
	void orderedBeforeConvertCallbacksChangeTheStoredEntity() {
		Gizmo saved = this.gizmos.save(Gizmo.of("cb-x", "red", 1));
		assertThat(saved.name()).isEqualTo("cb-x?!");
		assertThat(this.gizmos.findById(saved.id())).get().extracting(Gizmo::name).isEqualTo("cb-x?!");
		assertThat(this.gizmos.findNamesByColor("red")).extracting(GizmoViews.NameOnly::getName)
			.containsExactly("cb-x?!");
	}

	@Test
	void afterSaveRunsAfterTheCommitOfATransactionAndNeverOnARollback() {
		Gizmo[] inside = new Gizmo[1];
		List<String> before = new ArrayList<>();
		this.template.transaction((tx) -> {
			inside[0] = tx.create(Gizmo.of("tx", "red", 1));
			before.addAll(calls);
		});
		assertThat(before).containsExactly("beforeConvert tx", "beforeSave tx");
		assertThat(inside[0].createdBy()).isEqualTo("ann");
		assertThat(calls).containsExactly("beforeConvert tx", "beforeSave tx", "afterSave tx");

		calls.clear();
		GizmoService service = this.context.getBean(GizmoService.class);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> service.saveAndFail(Gizmo.of("rolled", "red", 1)));
		assertThat(calls).containsExactly("beforeConvert rolled", "beforeSave rolled");
		assertThat(this.gizmos.findByColor("red", Gizmo.class)).extracting(Gizmo::name).containsExactly("tx");

		calls.clear();
		List<String> seenInside = service.saveAndRecord(Gizmo.of("kept", "red", 1));
		assertThat(seenInside).doesNotContain("afterSave kept");
		assertThat(this.gizmos.findByColor("red", GizmoViews.Creator.class)).extracting(GizmoViews.Creator::getCreatedBy)
			.containsOnly("ann");
		assertThat(calls).contains("afterSave kept");
		assertThat(this.gizmos.findByColor("red", Gizmo.class)).extracting(Gizmo::name).containsExactly("kept", "tx");
	}

	@Test
	void domainEventsArePublishedBySaveAndSaveAll() {
		RankRepository ranks = this.context.getBean(RankRepository.class);
		Rank one = new Rank("r1", "1");
		ranks.save(one);
		List<Rank> more = List.of(new Rank("r2", "2"), new Rank("r3", "3"));
		ranks.saveAll(more);
		assertThat(events).containsExactly("ranked 1", "ranked 2", "ranked 3");
		assertThat(one.hasEvents()).isFalse();
		assertThat(more).noneMatch(Rank::hasEvents);
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

	// 5. save semantics

	@Test
	void saveFollowsPersistableVersionsAndAssignedIds() {
		PingRepository pings = this.context.getBean(PingRepository.class);
		pings.save(new Ping("p1", "first", true));
		assertThatExceptionOfType(DuplicateKeyException.class).isThrownBy(() -> pings.save(new Ping("p1", "again", true)))
			.isInstanceOf(DuplicateResourceException.class);
		assertThat(pings.save(new Ping("p1", "changed", false)).getNote()).isEqualTo("changed");
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> pings.save(new Ping("p2", "absent", false)));
		assertThat(pings.findById("p2")).isEmpty();

		CrateRepository crates = this.context.getBean(CrateRepository.class);
		Crate first = crates.save(new Crate("c1", null, null, "one", null, null));
		Crate second = crates.save(new Crate("c1", null, null, "two", null, null));
		assertThat(second.createdAt()).isEqualTo(first.createdAt());
		assertThat(second.updatedAt()).isAfter(first.updatedAt());
		assertThat(crates.findById("c1")).get().extracting(Crate::text).isEqualTo("two");
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> crates.insert(new Crate("c1", null, null, "three", null, null)));
		assertThat(crates.findById("c1")).get().extracting(Crate::text).isEqualTo("two");

		ShelfRepository shelves = this.context.getBean(ShelfRepository.class);
		Shelf shelf = shelves.save(new Shelf("s1", null, null, null, "one", null, null));
		assertThat(shelf.version()).isEqualTo(1L);
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> shelves.save(new Shelf("s1", null, null, null, "again", null, null)));

		Gizmo existing = this.gizmos.save(Gizmo.of("old", "red", 1));
		List<Gizmo> mixed = this.gizmos.saveAll(List.of(existing.withName("old2"), Gizmo.of("new", "red", 2),
				Gizmo.of("assigned", "red", 3).withId("g-assigned")));
		assertThat(mixed).extracting(Gizmo::id).contains(existing.id(), "g-assigned").doesNotContainNull();
		assertThat(this.gizmos.findByColor("red", Gizmo.class)).extracting(Gizmo::name)
			.containsExactly("assigned", "new", "old2");
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
		return CrudRepositoryEdgeCasesIntegrationTests.startupFailure(() -> factory.getRepository(repository));
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
