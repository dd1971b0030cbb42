package dev.singletable.repository;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.GizmoViews;
import dev.singletable.repository.gizmos.Vault;
import dev.singletable.repository.gizmos.VaultRepository;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static dev.singletable.repository.GizmoRepositoryFixtures.lastQuery;
import static dev.singletable.repository.GizmoRepositoryFixtures.projectedNames;
import static dev.singletable.repository.GizmoRepositoryFixtures.saveGizmos;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Projections in every form through repositories (from issue 15), as a Spring Data user on a fresh application, against
 * DynamoDB Local: closed projections ask only for the stored names they need, open ones read whole items, dynamic
 * projections, projections of pages, slices, streams, windows, declared and single-result queries, of the type
 * listing and of a compressed type, with a naming strategy.
 */
class RepositoryProjectionsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = GizmoRepositoryFixtures.dynamo;

	private AnnotationConfigApplicationContext context;

	private GizmoRepository gizmos;

	@BeforeEach
	void setUp() {
		this.context = GizmoRepositoryFixtures.openContext();
		this.gizmos = this.context.getBean(GizmoRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// projections

	@Test
	void closedProjectionsOfAnUncompressedTypeAskOnlyForTheStoredNamesTheyNeed() {
		saveGizmos(this.gizmos);
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
		saveGizmos(this.gizmos);
		assertThat(this.gizmos.findLinesByColor("red")).extracting(GizmoViews.Line::getLine)
			.containsExactly("a red", "b red", "c red");
		assertThat(lastQuery().projectionExpression()).isNull();
	}

	@Test
	void dynamicProjectionsIncludingTheEntityClass() {
		List<Gizmo> saved = saveGizmos(this.gizmos);
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
		saveGizmos(this.gizmos);
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
		saveGizmos(this.gizmos);
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
		List<Gizmo> saved = saveGizmos(this.gizmos);
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

}
