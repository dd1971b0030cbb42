package dev.singletable.repository;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.AuditorAware;
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
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.gizmos.Gizmo;
import dev.singletable.repository.gizmos.GizmoRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application the repository tests of the {@code gizmos} types share: one table with an extra index
 * {@code gsi4}, the repositories of {@link GizmoRepository}'s package with auditing, a transaction manager, entity
 * callbacks that record their calls in {@link #calls} and a listener that collects domain events in {@link #events}.
 * Register {@link #dynamo} in the test class and open a fresh context for each test with {@link #openContext()}.
 */
final class GizmoRepositoryFixtures {

	/** The table every test of the group uses, emptied before each test. */
	static final DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-gizmos",
			new TableIndex("gsi4", "gsi4pk", "gsi4sk"));

	/** The current auditor; {@code null} makes the {@code AuditorAware} return empty. */
	static final AtomicReference<String> user = new AtomicReference<>("ann");

	/** The entity callbacks called, in order, as {@code "callback name"}. */
	static final List<String> calls = new CopyOnWriteArrayList<>();

	/** The domain events published by repository saves. */
	static final List<Object> events = new CopyOnWriteArrayList<>();

	private GizmoRepositoryFixtures() {
	}

	/**
	 * Resets the auditor to {@code "ann"}, forgets the recorded calls and events and opens a context of
	 * {@link Config}.
	 * @return the new context, to close after the test
	 */
	static AnnotationConfigApplicationContext openContext() {
		user.set("ann");
		calls.clear();
		events.clear();
		return new AnnotationConfigApplicationContext(Config.class);
	}

	/**
	 * Saves gizmos "b", "a" and "c" in red and "d" in blue, then forgets the calls and requests it caused.
	 * @param gizmos the repository
	 * @return the saved gizmos, in that order
	 */
	static List<Gizmo> saveGizmos(GizmoRepository gizmos) {
		List<Gizmo> saved = new ArrayList<>();
		for (String name : List.of("b", "a", "c")) {
			saved.add(gizmos.save(Gizmo.of(name, "red", name.charAt(0))));
		}
		saved.add(gizmos.save(Gizmo.of("d", "blue", 9)));
		calls.clear();
		dynamo.requests().reset();
		return saved;
	}

	/**
	 * Returns the last query the counted client sent.
	 * @return the query request
	 */
	static QueryRequest lastQuery() {
		List<QueryRequest> sent = dynamo.requests().sent(QueryRequest.class);
		assertThat(sent).isNotEmpty();
		return sent.get(sent.size() - 1);
	}

	/**
	 * Returns the attribute names the last query projected, asserting that it had a projection expression.
	 * @return the projected names
	 */
	static Collection<String> projectedNames() {
		QueryRequest request = lastQuery();
		assertThat(request.projectionExpression()).as("projection expression").isNotNull();
		return request.expressionAttributeNames().values();
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

}
