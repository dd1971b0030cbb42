package dev.singletable.core.reactive;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.annotation.CreatedBy;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedBy;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.data.auditing.ReactiveAuditingHandler;
import org.springframework.data.mapping.context.PersistentEntities;

import dev.singletable.core.config.StoredPrecisionDateTimeProvider;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.event.AfterConvertCallback;
import dev.singletable.core.mapping.event.ReactiveAfterDeleteCallback;
import dev.singletable.core.mapping.event.ReactiveAfterSaveCallback;
import dev.singletable.core.mapping.event.ReactiveAuditingEntityCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeConvertCallback;
import dev.singletable.core.mapping.event.ReactiveBeforeSaveCallback;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The reactive template's entity callbacks, found in the application context as the blocking template finds its
 * own: before convert (its change stored, the template's timestamps kept), before save (the item about to be
 * written), after save (once stored: after the commit inside a transaction, never for a rolled back one), after
 * delete; after convert on every read (the blocking template's callbacks); and reactive auditing, its auditor asked
 * in the subscriber's Reactor context.
 */
class ReactiveEntityCallbacksIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	static final List<String> calls = new CopyOnWriteArrayList<>();

	private static DynamoDbAsyncClient client;

	private AnnotationConfigApplicationContext context;

	private ReactiveSingleTableTemplate template;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient();
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void setUp() {
		calls.clear();
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.template = this.context.getBean(ReactiveSingleTableTemplate.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void callbacksRunAroundAWriteAndTheBeforeConvertChangeIsStored() {
		Memo memo = this.template.create(Memo.of("shout")).contextWrite(Context.of("user", "ann")).block();

		assertThat(memo.text()).isEqualTo("SHOUT");
		assertThat(this.template.findById(Memo.class, memo.id()).block().text()).isEqualTo("SHOUT");
		assertThat(calls).containsExactly("beforeConvert shout", "beforeSave SHOUT Memo", "afterSave SHOUT stored");
		// the template's timestamps, not the callback's
		assertThat(memo.createdAt()).isNotNull().isNotEqualTo(Instant.EPOCH);
	}

	@Test
	void reactiveAuditingFillsCreatedByAndLastModifiedByFromTheSubscribersContext() {
		Memo created = this.template.create(Memo.of("a")).contextWrite(Context.of("user", "ann")).block();
		Memo updated = this.template.update(created.withText("b")).contextWrite(Context.of("user", "bob")).block();

		assertThat(created.createdBy()).isEqualTo("ann");
		assertThat(created.modifiedBy()).isEqualTo("ann");
		assertThat(updated.createdBy()).isEqualTo("ann");
		assertThat(updated.modifiedBy()).isEqualTo("bob");
		assertThat(this.template.findById(Memo.class, created.id()).block()).isEqualTo(updated);
	}

	@Test
	void insideATransactionAfterSaveRunsOnlyOnceTheCommitStoredTheWrite() {
		this.template.transaction((tx) -> tx.create(Memo.of("tx"))).contextWrite(Context.of("user", "ann")).block();

		assertThat(calls).containsExactly("beforeConvert tx", "beforeSave TX Memo", "afterSave TX stored");

		calls.clear();
		assertThatIllegalStateException().isThrownBy(() -> this.template
			.transaction((tx) -> tx.create(Memo.of("rolled back")).then(Mono.error(new IllegalStateException("no"))))
			.contextWrite(Context.of("user", "ann"))
			.block());
		assertThat(calls).containsExactly("beforeConvert rolled back", "beforeSave ROLLED BACK Memo");
	}

	@Test
	void afterDeleteRunsOnceTheEntityIsDeleted() {
		Memo memo = this.template.create(Memo.of("gone")).contextWrite(Context.of("user", "ann")).block();
		calls.clear();

		this.template.delete(memo).block();

		assertThat(calls).containsExactly("afterDelete GONE deleted");
	}

	@Test
	void afterConvertCallbacksOfTheContextRunOnEveryReadAsTheBlockingTemplatesDo() {
		try (AnnotationConfigApplicationContext reading = new AnnotationConfigApplicationContext(ReadingConfig.class)) {
			ReactiveSingleTableTemplate template = reading.getBean(ReactiveSingleTableTemplate.class);
			Memo memo = template.create(Memo.of("kept")).block();
			calls.clear();

			assertThat(template.findById(Memo.class, memo.id()).block().text()).isEqualTo("kept (read)");
			assertThat(template.findAllVersions(Memo.class, memo.id()).map(Memo::text).collectList().block())
				.containsExactly("kept (read)");
			assertThat(template.query(Memo.class).all().map(Memo::text).collectList().block())
				.containsExactly("kept (read)");
			assertThat(template.readTransaction((reads) -> reads.get(Memo.class, memo.id()))
				.block()
				.get(Memo.class, memo.id())).hasValueSatisfying((read) -> assertThat(read.text()).isEqualTo("kept (read)"));
			assertThat(calls).containsExactly("afterConvert kept Memo#" + memo.id(), "afterConvert kept Memo#" + memo.id(),
					"afterConvert kept Memo#" + memo.id(), "afterConvert kept Memo#" + memo.id());
			// a write returns the entity as stored, not read
			assertThat(memo.text()).isEqualTo("kept");
		}
	}

	@Test
	void afterConvertCallbacksSetOnTheTemplateRunWithoutAContext() {
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		Memo memo = template.create(Memo.of("plain")).block();
		assertThat(template.findById(Memo.class, memo.id()).block().text()).isEqualTo("plain");

		template.setAfterConvertCallbacks(org.springframework.data.mapping.callback.EntityCallbacks
			.create((AfterConvertCallback<Memo>) (read, item) -> read.withText(read.text() + " " + item.get("sk").s())));

		assertThat(template.findById(Memo.class, memo.id()).block().text()).isEqualTo("plain v0");
	}

	private static Map<String, AttributeValue> rawItem(String id) {
		return dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("Memo#" + id), "sk", AttributeValue.fromS("v0"))))
			.item();
	}

	private static boolean stored(String id) {
		return !rawItem(id).isEmpty();
	}

	@Configuration(proxyBeanMethods = false)
	static class Config {

		@Bean
		ReactiveSingleTableTemplate reactiveSingleTableTemplate() {
			return new ReactiveSingleTableTemplate(client, dynamo.tableName());
		}

		@Bean
		ReactiveAuditingEntityCallback auditing(ReactiveSingleTableTemplate template) {
			PersistentEntities entities = PersistentEntities.of(template.getConverter().getMappingContext());
			ReactiveAuditingHandler handler = new ReactiveAuditingHandler(entities);
			handler.setAuditorAware(() -> Mono.deferContextual((context) -> Mono.justOrEmpty(context.getOrEmpty("user"))));
			handler.setDateTimeProvider(new StoredPrecisionDateTimeProvider());
			return new ReactiveAuditingEntityCallback(() -> handler, () -> entities);
		}

		@Bean
		ReactiveBeforeConvertCallback<Memo> upperCase() {
			return (memo) -> {
				calls.add("beforeConvert " + memo.text());
				// a timestamp of its own, which the template overrides with its own
				return Mono.just(new Memo(memo.id(), memo.version(), memo.createdAt(), memo.updatedAt(),
						memo.text().toUpperCase(), memo.createdBy(), memo.modifiedBy()));
			};
		}

		@Bean
		ReactiveBeforeSaveCallback<Memo> beforeSave() {
			return (memo, item) -> {
				calls.add("beforeSave " + memo.text() + " " + item.get("gsitype").s());
				return Mono.just(memo);
			};
		}

		@Bean
		ReactiveAfterSaveCallback<Memo> afterSave() {
			return (memo, item) -> {
				calls.add("afterSave " + memo.text() + (stored(memo.id()) ? " stored" : " not stored"));
				return Mono.just(memo);
			};
		}

		@Bean
		ReactiveAfterDeleteCallback<Memo> afterDelete() {
			return (memo) -> {
				calls.add("afterDelete " + memo.text() + (stored(memo.id()) ? " still stored" : " deleted"));
				return Mono.just(memo);
			};
		}

	}

	/** A reactive template whose context holds an after-convert callback (the blocking template's kind). */
	@Configuration(proxyBeanMethods = false)
	static class ReadingConfig {

		@Bean
		ReactiveSingleTableTemplate reactiveSingleTableTemplate() {
			return new ReactiveSingleTableTemplate(client, dynamo.tableName());
		}

		@Bean
		AfterConvertCallback<Memo> afterConvert() {
			return (memo, item) -> {
				calls.add("afterConvert " + memo.text() + " " + item.get("pk").s());
				return memo.withText(memo.text() + " (read)");
			};
		}

	}

	@SingleTableEntity(versioned = true)
	record Memo(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String text, @CreatedBy String createdBy,
			@LastModifiedBy String modifiedBy) {

		static Memo of(String text) {
			return new Memo(null, null, null, null, text, null, null);
		}

		Memo withText(String text) {
			return new Memo(this.id, this.version, this.createdAt, this.updatedAt, text, this.createdBy,
					this.modifiedBy);
		}

	}

}
