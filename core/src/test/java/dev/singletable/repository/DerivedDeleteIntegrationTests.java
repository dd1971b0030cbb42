package dev.singletable.repository;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Derived delete methods ({@code deleteBy...}, {@code removeBy...}): they read what the query finds and delete
 * each resource as read, returning nothing, the number deleted or the deleted entities; inside a transaction the
 * deletes join it.
 */
class DerivedDeleteIntegrationTests {

	private static final List<String> WRITES = List.of("TransactWriteItems", "PutItem", "UpdateItem", "DeleteItem",
			"BatchWriteItem");

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	private ChoreRepository chores;

	private DraftRepository drafts;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SingleTableRepositoryFactory factory = new SingleTableRepositoryFactory(this.template);
		this.chores = factory.getRepository(ChoreRepository.class);
		this.drafts = factory.getRepository(DraftRepository.class);
	}

	@Test
	void aDerivedDeleteDeletesWhatItsQueryFindsAndReturnsTheCountOrTheEntities() {
		this.chores.saveAll(List.of(new Chore("c1", "kitchen", "dishes"), new Chore("c2", "kitchen", "floor"),
				new Chore("c3", "hall", "shoes"), new Chore("c4", "attic", "boxes")));

		long deleted = this.chores.deleteByRoom("kitchen");
		List<Chore> removed = this.chores.removeByRoom("hall");
		int none = this.chores.deleteCountingByRoom("cellar");

		assertThat(deleted).isEqualTo(2);
		assertThat(removed).extracting(Chore::id).containsExactly("c3");
		assertThat(none).isZero();
		assertThat(this.chores.findAll()).extracting(Chore::id).containsExactly("c4");
	}

	@Test
	void derivedDeletesInsideATransactionJoinItAndARollbackDeletesNothing() {
		this.chores.saveAll(List.of(new Chore("t1", "garage", "bike"), new Chore("t2", "garage", "car")));
		Draft draft = this.drafts.save(new Draft(null, null, "desk-1", "a"));
		this.drafts.save(draft.withText("b"));
		this.drafts.save(new Draft(null, null, "desk-2", "kept"));
		dynamo.requests().reset();

		assertThatIllegalStateException().isThrownBy(() -> this.template.transaction((tx) -> {
			this.chores.deleteByRoom("garage");
			throw new IllegalStateException("not now");
		}));
		assertThat(writes()).isZero();
		assertThat(this.chores.findAllById(List.of("t1", "t2"))).hasSize(2);

		this.template.transaction((tx) -> {
			this.chores.removeByRoom("garage");
			this.drafts.deleteByDesk("desk-1");
			tx.create(new Chore("t3", "garage", "new"));
			assertThat(writes()).isZero();
		});

		assertThat(writes()).isEqualTo(1);
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(this.chores.findAll()).extracting(Chore::id).containsExactly("t3");
		assertThat(dynamo.sortKeys("Draft#" + draft.id())).isEmpty();
		assertThat(this.drafts.findAll()).extracting(Draft::text).containsExactly("kept");
	}

	@Test
	void aDerivedDeleteOfAnotherReturnTypeFailsAtStartupNamingTheMethod() {
		SingleTableRepositoryFactory factory = new SingleTableRepositoryFactory(this.template);

		Throwable optional = catchThrowable(() -> factory.getRepository(OptionalDeletes.class));
		Throwable page = catchThrowable(() -> factory.getRepository(PageDeletes.class));

		assertThat(optional).rootCause()
			.hasMessageContaining("OptionalDeletes.deleteByRoom")
			.hasMessageContaining("returns void, the number of resources deleted");
		assertThat(page).rootCause().hasMessageContaining("PageDeletes.deleteByRoom");
	}

	private long writes() {
		return dynamo.requests().operations().stream().filter(WRITES::contains).count();
	}

	/** A plain chore, listed by room. */
	@SingleTableEntity
	@IndexKey(index = "gsi1", partition = "room#{room}")
	record Chore(@Id String id, String room, String task) {
	}

	/** A versioned draft, listed by desk. */
	@SingleTableEntity(versioned = true)
	@IndexKey(index = "gsi1", partition = "desk#{desk}")
	record Draft(@Id String id, @Version Long version, String desk, String text) {

		Draft withText(String text) {
			return new Draft(this.id, this.version, this.desk, text);
		}

	}

	interface ChoreRepository extends SingleTableRepository<Chore> {

		long deleteByRoom(String room);

		List<Chore> removeByRoom(String room);

		int deleteCountingByRoom(String room);

	}

	interface DraftRepository extends SingleTableRepository<Draft> {

		void deleteByDesk(String desk);

	}

	interface OptionalDeletes extends SingleTableRepository<Chore> {

		Optional<Chore> deleteByRoom(String room);

	}

	interface PageDeletes extends SingleTableRepository<Chore> {

		Page<Chore> deleteByRoom(String room, Pageable pageable);

	}

}
