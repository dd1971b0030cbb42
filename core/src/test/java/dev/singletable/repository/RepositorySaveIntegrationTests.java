package dev.singletable.repository;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

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
import org.springframework.data.domain.AuditorAware;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.mapping.event.AfterConvertCallback;
import dev.singletable.core.mapping.event.AfterDeleteCallback;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.core.mapping.event.BeforeConvertCallback;
import dev.singletable.core.mapping.event.BeforeSaveCallback;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.gizmos.Badge;
import dev.singletable.repository.gizmos.Crate;
import dev.singletable.repository.gizmos.CrateRepository;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.gizmos.Ping;
import dev.singletable.repository.gizmos.PingRepository;
import dev.singletable.repository.gizmos.Shelf;
import dev.singletable.repository.gizmos.ShelfRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code save} through a repository (from issue 15) follows {@code Persistable}, versions and assigned ids.
 */
class RepositorySaveIntegrationTests {

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
