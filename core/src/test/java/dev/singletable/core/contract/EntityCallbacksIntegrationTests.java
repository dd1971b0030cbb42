package dev.singletable.core.contract;

import java.util.List;
import java.util.Map;
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
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.mapping.event.AfterConvertCallback;
import dev.singletable.core.mapping.event.AfterDeleteCallback;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.core.mapping.event.BeforeConvertCallback;
import dev.singletable.core.mapping.event.BeforeSaveCallback;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Entity callbacks of the context, invoked by the template and repositories, inside transactions too; domain
 * events of repository saves.
 */
class EntityCallbacksIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	static final List<String> calls = new CopyOnWriteArrayList<>();

	static final AtomicReference<Map<String, AttributeValue>> itemBeforeSave = new AtomicReference<>();

	static final List<Object> events = new CopyOnWriteArrayList<>();

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private MemoRepository memos;

	@BeforeEach
	void setUp() {
		calls.clear();
		events.clear();
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.memos = this.context.getBean(MemoRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void aBeforeConvertCallbackChangesTheEntityAndTheChangeIsStored() {
		Memo memo = this.memos.save(Memo.of("shout"));

		assertThat(memo.text()).isEqualTo("SHOUT");
		Map<String, AttributeValue> item = rawItem(memo.id());
		assertThat(item.get("text").s()).isEqualTo("SHOUT");
		assertThat(calls).containsExactly("beforeConvert shout", "beforeSave SHOUT", "afterSave SHOUT");
	}

	@Test
	void aBeforeSaveCallbackSeesTheItemAboutToBeWritten() {
		Memo memo = this.template.create(Memo.of("look"));

		Map<String, AttributeValue> seen = itemBeforeSave.get();
		assertThat(seen.get("pk").s()).isEqualTo("Memo#" + memo.id());
		assertThat(seen.get("gsitype").s()).isEqualTo("Memo");
		assertThat(seen.get("text").s()).isEqualTo("LOOK");
		assertThat(seen).isEqualTo(rawItem(memo.id()));
	}

	@Test
	void afterConvertRunsOnReadsByIdAndOnQueries() {
		Memo memo = this.memos.save(Memo.of("read me"));
		calls.clear();

		assertThat(this.memos.findById(memo.id())).get().extracting(Memo::text).isEqualTo("READ ME (read)");
		assertThat(this.template.query(Memo.class).all()).extracting(Memo::text).containsExactly("READ ME (read)");
		assertThat(this.memos.findAll()).extracting(Memo::text).containsExactly("READ ME (read)");
		assertThat(calls).containsExactly("afterConvert READ ME", "afterConvert READ ME", "afterConvert READ ME");
	}

	@Test
	void afterDeleteRunsOnceTheEntityIsDeleted() {
		Memo memo = this.memos.save(Memo.of("gone"));
		calls.clear();

		this.memos.delete(memo);

		assertThat(calls).containsExactly("afterDelete GONE");
		assertThat(this.template.findById(Memo.class, memo.id())).isEmpty();
	}

	@Test
	void insideATransactionBeforeCallbacksRunWhenTheWriteIsAddedAndAfterSaveOnlyAfterTheCommit() {
		List<String> duringWork = new CopyOnWriteArrayList<>();

		this.template.transaction((tx) -> {
			tx.create(Memo.of("one"));
			tx.create(Memo.of("two"));
			duringWork.addAll(calls);
		});

		assertThat(duringWork).containsExactly("beforeConvert one", "beforeSave ONE", "beforeConvert two",
				"beforeSave TWO");
		assertThat(calls).containsExactly("beforeConvert one", "beforeSave ONE", "beforeConvert two", "beforeSave TWO",
				"afterSave ONE", "afterSave TWO");
	}

	@Test
	void aCancelledTransactionRunsNoAfterSaveCallback() {
		Memo memo = this.memos.save(Memo.of("taken"));
		calls.clear();

		assertThatExceptionOfType(TransactionCancelledException.class).isThrownBy(() -> this.template.transaction((tx) -> {
			tx.create(Memo.of("fresh"));
			tx.create(new Memo(memo.id(), null, null, null, null, "duplicate"));
		}));

		assertThat(calls).noneMatch((call) -> call.startsWith("afterSave"));
	}

	@Test
	void aTransactionalRepositorySaveCallsAfterSaveAtTheCommit() {
		TransactionTemplate transactional = new TransactionTemplate(this.context.getBean(SingleTableTransactionManager.class));
		List<String> beforeCommit = new CopyOnWriteArrayList<>();

		transactional.executeWithoutResult((status) -> {
			this.memos.save(Memo.of("spring"));
			beforeCommit.addAll(calls);
		});

		assertThat(beforeCommit).containsExactly("beforeConvert spring", "beforeSave SPRING");
		assertThat(calls).last().isEqualTo("afterSave SPRING");
	}

	@Test
	void repositorySavesStillPublishDomainEvents() {
		this.memos.save(Memo.of("news"));

		assertThat(events).containsExactly(new Memo.Saved("news"));
	}

	private Map<String, AttributeValue> rawItem(String id) {
		AttributeValue key = AttributeValue.fromS("Memo#" + id);
		return dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName()).key(Map.of("pk", key, "sk", key)))
			.item();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = Memo.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

		@Bean
		SingleTableTransactionManager singleTableTransactionManager(SingleTableTemplate template) {
			return new SingleTableTransactionManager(template.getDatabaseFactory());
		}

		@Bean
		BeforeConvertCallback<Memo> upperCase() {
			return (memo) -> {
				calls.add("beforeConvert " + memo.text());
				return memo.withText(memo.text().toUpperCase());
			};
		}

		@Bean
		BeforeSaveCallback<Memo> itemRecorder() {
			return (memo, item) -> {
				calls.add("beforeSave " + memo.text());
				itemBeforeSave.set(item);
				return memo;
			};
		}

		@Bean
		AfterSaveCallback<Memo> afterSave() {
			return (memo, item) -> {
				calls.add("afterSave " + memo.text());
				return memo;
			};
		}

		@Bean
		AfterConvertCallback<Memo> afterConvert() {
			return (memo, item) -> {
				calls.add("afterConvert " + memo.text());
				return memo.withText(memo.text() + " (read)");
			};
		}

		@Bean
		AfterDeleteCallback<Memo> afterDelete() {
			return (memo) -> {
				calls.add("afterDelete " + memo.text());
				return memo;
			};
		}

		@Bean
		Object domainEventListener() {
			return new Object() {

				@EventListener
				void on(Memo.Saved saved) {
					events.add(saved);
				}

			};
		}

	}

}
