package dev.singletable.repository;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;

import dev.singletable.core.Changes;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.GizmoViews;
import dev.singletable.repository.gizmos.Ping;
import dev.singletable.repository.gizmos.PingRepository;
import dev.singletable.repository.gizmos.Rank;
import dev.singletable.repository.gizmos.RankRepository;
import dev.singletable.repository.GizmoRepositoryFixtures.GizmoService;
import dev.singletable.test.DynamoDbLocalExtension;

import static dev.singletable.repository.GizmoRepositoryFixtures.calls;
import static dev.singletable.repository.GizmoRepositoryFixtures.events;
import static dev.singletable.repository.GizmoRepositoryFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Entity callbacks and domain events through template, repositories and transactions (from issue 15): every callback
 * runs, what {@code AfterSave} and {@code AfterConvert} return is what the caller gets, ordered {@code BeforeConvert}
 * callbacks change the stored entity, {@code AfterSave} runs after the commit only, and {@code save}/{@code saveAll}
 * publish domain events.
 */
class RepositoryCallbacksIntegrationTests {

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

	// callbacks

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

}
