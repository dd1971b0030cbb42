package dev.singletable.core.contract;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.fixtures.Document;
import dev.singletable.repository.support.SimpleSingleTableRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code save} decides as every Spring Data store: new from a {@literal null} {@code @Version}, a {@literal null} id
 * or {@code Persistable.isNew()}; a plain type without {@code @Version} and with an assigned id is upserted;
 * {@code create}/{@code insert} stay create-only.
 */
class SaveSemanticsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void saveOfANewPlainEntityWithAnAssignedIdCreatesIt() {
		dynamo.requests().reset();

		Setting saved = this.template.save(Setting.of("theme", "dark"));

		assertThat(dynamo.requests().operations()).containsExactly("GetItem", "PutItem");
		assertThat(saved.createdAt()).isNotNull().isEqualTo(saved.updatedAt());
		assertThat(this.template.getById(Setting.class, "theme")).isEqualTo(saved);
	}

	@Test
	void saveOfAnExistingPlainEntityWithAnAssignedIdReplacesItAndKeepsTheStoredCreationTime() {
		Setting first = this.template.save(Setting.of("theme", "dark"));

		Setting second = this.template.save(Setting.of("theme", "light"));

		assertThat(second.value()).isEqualTo("light");
		assertThat(second.createdAt()).isEqualTo(first.createdAt());
		assertThat(second.updatedAt()).isAfter(first.updatedAt());
		assertThat(this.template.getById(Setting.class, "theme")).isEqualTo(second);
	}

	@Test
	void anUpsertThatFindsTheItemCreatedSinceItsReadReplacesItKeepingItsCreationTime() {
		Setting first = this.template.save(Setting.of("theme", "dark"));
		// the read sees no item, as if it ran before another writer created it
		dynamo.faults().rewriteNext(GetItemResponse.class, (response) -> GetItemResponse.builder().build());
		dynamo.requests().reset();

		Setting second = this.template.save(Setting.of("theme", "light"));

		assertThat(dynamo.requests().operations()).containsExactly("GetItem", "PutItem", "PutItem");
		assertThat(second.createdAt()).isEqualTo(first.createdAt());
		assertThat(this.template.getById(Setting.class, "theme")).isEqualTo(second);
	}

	@Test
	void saveOfAnEntityCarryingItsModificationTimeIsAnOptimisticUpdate() {
		Setting read = this.template.save(Setting.of("theme", "dark"));
		this.template.save(read.withValue("light"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.save(read.withValue("blue")));
		assertThat(this.template.getById(Setting.class, "theme").value()).isEqualTo("light");
	}

	@Test
	void createAndRepositoryInsertOfAnExistingIdFailWithTheDuplicateException() {
		this.template.save(Setting.of("theme", "dark"));
		SimpleSingleTableRepository<Setting> settings = new SimpleSingleTableRepository<>(
				this.template.getConverter().getRequiredEntity(Setting.class), this.template);

		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(Setting.of("theme", "light")))
			.withMessageContaining("theme");
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> settings.insert(Setting.of("theme", "light")));
		assertThat(this.template.getById(Setting.class, "theme").value()).isEqualTo("dark");
	}

	@Test
	void aPersistableSaysItselfWhetherSaveCreatesOrUpdates() {
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.template.save(new Account("a-1", "ann", false)));

		this.template.save(new Account("a-1", "ann", true));
		assertThat(this.template.getById(Account.class, "a-1").getOwner()).isEqualTo("ann");
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.save(new Account("a-1", "bob", true)));

		this.template.save(new Account("a-1", "bob", false));
		assertThat(this.template.getById(Account.class, "a-1").getOwner()).isEqualTo("bob");
	}

	@Test
	void aVersionedTypeIsCreatedWithANullVersionAndUpdatedOptimisticallyWithOne() {
		Document created = this.template.save(new Document("d-1", null, null, null, "one", null, null));
		assertThat(created.version()).isEqualTo(1);
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.save(new Document("d-1", null, null, null, "again", null, null)));

		Document updated = this.template.save(created.withText("two"));
		assertThat(updated.version()).isEqualTo(2);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.save(created.withText("stale")));
		assertThat(this.template.findAllVersions(Document.class, "d-1")).extracting(Document::text)
			.containsExactly("two", "one");
	}

}
