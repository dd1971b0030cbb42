package dev.singletable.core.contract;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.AuditorAware;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code @EnableSingleTableAuditing} in a plain Spring context: who created and who last modified, set by Spring
 * Data's auditing handler, with the creation values never changed by an update.
 */
class AuditingIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	static final AtomicReference<String> user = new AtomicReference<>("ann");

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		user.set("ann");
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.template = this.context.getBean(SingleTableTemplate.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void aCreationSetsCreatedByAndLastModifiedByAndTheTemplateStampsTheDates() {
		Memo memo = this.template.create(Memo.of("hello"));

		assertThat(memo.createdBy()).isEqualTo("ann");
		assertThat(memo.modifiedBy()).isEqualTo("ann");
		assertThat(memo.createdAt()).isNotNull().isEqualTo(memo.updatedAt());
		assertThat(this.template.getById(Memo.class, memo.id())).isEqualTo(memo);
	}

	@Test
	void anUpdateChangesLastModifiedByAndKeepsCreatedByEvenWhenTheEntityCarriesNoneOrAnother() {
		Memo memo = this.template.create(Memo.of("hello"));
		user.set("bob");

		Memo updated = this.template.update(memo.withText("bound body").withCreatedBy(null));
		assertThat(updated.createdBy()).isEqualTo("ann");
		assertThat(updated.modifiedBy()).isEqualTo("bob");
		assertThat(updated.createdAt()).isEqualTo(memo.createdAt());
		assertThat(updated.updatedAt()).isAfter(memo.updatedAt());
		assertThat(storedCreatedBy(Memo.class, memo.id())).isEqualTo("ann");

		user.set("eve");
		Memo forged = this.template.update(updated.withText("forged").withCreatedBy("mallory"));
		assertThat(forged.createdBy()).isEqualTo("ann");
		assertThat(forged.modifiedBy()).isEqualTo("eve");
		assertThat(this.template.getById(Memo.class, memo.id())).isEqualTo(forged);
	}

	@Test
	void theStoredCreatedByOfAVersionedCompressedTypeIsKeptThroughRepositorySaves() {
		DraftRepository drafts = this.context.getBean(DraftRepository.class);
		Draft draft = drafts.save(Draft.of("one"));
		user.set("bob");

		Draft second = drafts.save(draft.withText("two").withCreatedBy(null));

		assertThat(second.version()).isEqualTo(2);
		assertThat(second.createdBy()).isEqualTo("ann");
		assertThat(second.modifiedBy()).isEqualTo("bob");
		assertThat(drafts.findVersions(draft.id())).extracting(Draft::createdBy).containsExactly("ann", "ann");
		assertThat(drafts.findVersions(draft.id())).extracting(Draft::modifiedBy).containsExactly("bob", "ann");
	}

	@Test
	void auditableEntitiesGetAllFourValuesAndKeepTheCreatedOnes() {
		LedgerRepository ledgers = this.context.getBean(LedgerRepository.class);
		Ledger ledger = ledgers.save(new Ledger("l-1", "cash"));
		assertThat(ledger.getCreatedBy()).contains("ann");
		assertThat(ledger.getLastModifiedBy()).contains("ann");
		assertThat(ledger.getCreatedDate()).isPresent();
		Ledger read = ledgers.findById("l-1").orElseThrow();
		// stored with microsecond precision, as every timestamp
		assertThat(read.getCreatedDate().orElseThrow()).isCloseTo(ledger.getCreatedDate().orElseThrow(),
				within(1, ChronoUnit.MILLIS));
		Instant created = read.getCreatedDate().orElseThrow();
		user.set("bob");

		read.setName("bank");
		read.setCreatedBy("mallory");
		ledgers.save(read);

		Ledger stored = ledgers.findById("l-1").orElseThrow();
		assertThat(stored.getName()).isEqualTo("bank");
		assertThat(stored.getCreatedBy()).contains("ann");
		assertThat(stored.getCreatedDate()).contains(created);
		assertThat(stored.getLastModifiedBy()).contains("bob");
		assertThat(stored.getLastModifiedDate().orElseThrow()).isAfter(created);
	}

	@Test
	void writesInsideTransactionsAreAudited() {
		Memo memo = this.template.create(Memo.of("hello"));
		user.set("bob");
		AtomicReference<Memo> created = new AtomicReference<>();
		AtomicReference<Memo> updated = new AtomicReference<>();

		this.template.transaction((tx) -> {
			created.set(tx.create(Memo.of("in a transaction")));
			updated.set(tx.update(memo.withText("changed").withCreatedBy(null)));
		});
		assertThat(this.template.getById(Memo.class, created.get().id()).createdBy()).isEqualTo("bob");
		Memo stored = this.template.getById(Memo.class, memo.id());
		assertThat(stored.createdBy()).isEqualTo("ann");
		assertThat(stored.modifiedBy()).isEqualTo("bob");

		user.set("carl");
		TransactionTemplate transactional = new TransactionTemplate(this.context.getBean(SingleTableTransactionManager.class));
		Memo viaSpring = transactional.execute((status) -> this.context.getBean(MemoRepository.class)
			.save(Memo.of("@Transactional")));
		assertThat(this.template.getById(Memo.class, viaSpring.id()).createdBy()).isEqualTo("carl");
	}

	@Test
	void withoutModifyOnCreateAnUpdateCarryingNoCreatedByStillSetsLastModifiedBy() {
		try (AnnotationConfigApplicationContext other = new AnnotationConfigApplicationContext(CreateOnly.class)) {
			SingleTableTemplate created = other.getBean(SingleTableTemplate.class);
			Memo memo = created.create(Memo.of("hello"));
			assertThat(memo.createdBy()).isEqualTo("ann");
			assertThat(memo.modifiedBy()).isNull();
			user.set("bob");

			Memo updated = created.update(memo.withText("bound body").withCreatedBy(null));

			assertThat(updated.createdBy()).isEqualTo("ann");
			assertThat(updated.modifiedBy()).isEqualTo("bob");
		}
	}

	private String storedCreatedBy(Class<?> type, String id) {
		Map<String, AttributeValue> item = dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS(type.getSimpleName() + "#" + id), "sk",
						AttributeValue.fromS(type.getSimpleName() + "#" + id))))
			.item();
		return item.get("createdBy").s();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableAuditing
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
		AuditorAware<String> auditorAware() {
			return () -> Optional.ofNullable(user.get());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableAuditing(modifyOnCreate = false)
	static class CreateOnly {

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
