package dev.singletable.repository;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.repository.memos.Ledger;
import dev.singletable.repository.memos.LedgerRepository;
import dev.singletable.repository.memos.Memo;
import dev.singletable.repository.memos.MemoRepository;
import dev.singletable.repository.memos.Score;
import dev.singletable.repository.memos.ScoreRepository;
import dev.singletable.repository.memos.Tag;
import dev.singletable.repository.memos.TagRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@code save} of each kind of type (from issue 15): a primitive {@code @Version} is new at zero and optimistic
 * afterwards, and inserts and updates of each kind of type.
 */
class RepositorySaveKindsIntegrationTests {

	@RegisterExtension
	static S3LocalExtension s3 = MemoRepositoryFixtures.s3;

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = MemoRepositoryFixtures.dynamo;

	private AnnotationConfigApplicationContext context;

	private MemoRepository memos;

	private LedgerRepository ledgers;

	private ScoreRepository scores;

	@BeforeEach
	void setUp() {
		this.context = MemoRepositoryFixtures.openContext();
		this.memos = this.context.getBean(MemoRepository.class);
		this.ledgers = this.context.getBean(LedgerRepository.class);
		this.scores = this.context.getBean(ScoreRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// save semantics

	@Test
	void aPrimitiveVersionIsNewAtZeroAndOptimisticAfterwards() {
		Ledger created = this.ledgers.save(Ledger.of("s", 1).withId("L1"));
		assertThat(created.version()).isEqualTo(1L);
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.ledgers.save(Ledger.of("s", 2).withId("L1")));
		Ledger updated = this.ledgers.save(created.withEntry(3));
		assertThat(updated.version()).isEqualTo(2L);
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.ledgers.save(created.withEntry(4)))
			.withMessageContaining("based on version 1 but the stored state is version 2");
		assertThatExceptionOfType(DuplicateResourceException.class).isThrownBy(() -> this.ledgers.insert(updated));
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.ledgers.update(Ledger.of("s", 1).withId("L-missing").withVersion(1)));
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.ledgers.save(Ledger.of("s", 1).withId("L-missing").withVersion(1)));
		assertThat(this.ledgers.findById("L-missing")).isEmpty();
		assertThat(this.ledgers.findById("L1")).contains(updated);

		TagRepository tags = this.context.getBean(TagRepository.class);
		Tag tag = tags.save(new Tag("t1", null, "a"));
		assertThat(tag.version()).isEqualTo(1);
		assertThat(tags.save(new Tag("t1", 1, "b")).version()).isEqualTo(2);
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> tags.save(new Tag("t1", 1, "c")));
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> tags.delete(tag));
		assertThat(tags.findById("t1")).contains(new Tag("t1", 2, "b"));
		// update's Javadoc: a null version requires a stored item without one
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> tags.update(new Tag("t1", null, "d")));
		assertThatExceptionOfType(NoSuchResourceException.class).isThrownBy(() -> tags.update(new Tag("t9", null, "d")));
	}

	@Test
	void insertAndUpdateOfEachKindOfType() {
		Memo memo = this.memos.save(Memo.of("x", "m"));
		assertThatExceptionOfType(DuplicateResourceException.class).isThrownBy(() -> this.memos.insert(memo));
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.memos.save(memo.withVersion(0L)));
		assertThat(this.memos.save(Memo.of("x", "zero").withVersion(0L)).version()).isEqualTo(1L);
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.memos.update(Memo.of("x", "t").withId("M-missing").withVersion(1L)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.update(Memo.of("x", "t").withId("M-missing")))
			.withMessageContaining("has no version");

		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.scores.update(new Score("none", 1, "x")));
		assertThat(this.scores.save(new Score("s", 1, "x"))).isEqualTo(new Score("s", 1, "x"));
		assertThat(this.scores.save(new Score("s", 2, "y"))).isEqualTo(new Score("s", 2, "y"));
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.scores.insert(new Score("s", 3, "z")));
		assertThat(this.scores.findById("s")).contains(new Score("s", 2, "y"));
	}

}
