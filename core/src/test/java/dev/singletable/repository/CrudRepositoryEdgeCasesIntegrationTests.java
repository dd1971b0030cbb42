package dev.singletable.repository;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.memos.Ledger;
import dev.singletable.repository.memos.LedgerRepository;
import dev.singletable.repository.memos.Memo;
import dev.singletable.repository.memos.MemoRepository;
import dev.singletable.repository.memos.Score;
import dev.singletable.repository.memos.ScoreRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static dev.singletable.repository.MemoRepositoryFixtures.lastQuery;
import static dev.singletable.repository.MemoRepositoryFixtures.saveMemos;
import static dev.singletable.repository.MemoRepositoryFixtures.titles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The finer points of the {@code CrudRepository}/{@code ListPagingAndSortingRepository} contract (from issue 15),
 * against DynamoDB Local: {@code findAllById} order, {@code saveAll} results, null arguments, deletes of stale, missing
 * and never saved entities, pages beyond the end, unpaged and unsorted listings, and a composite sort template.
 */
class CrudRepositoryEdgeCasesIntegrationTests {

	@RegisterExtension
	static S3LocalExtension s3 = MemoRepositoryFixtures.s3;

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = MemoRepositoryFixtures.dynamo;

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private MemoRepository memos;

	private LedgerRepository ledgers;

	private ScoreRepository scores;

	@BeforeEach
	void setUp() {
		this.context = MemoRepositoryFixtures.openContext();
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.memos = this.context.getBean(MemoRepository.class);
		this.ledgers = this.context.getBean(LedgerRepository.class);
		this.scores = this.context.getBean(ScoreRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// the CrudRepository and paging contract

	@Test
	void findAllByIdKeepsTheOrderOfTheIdsAndSkipsMissingAndRepeatedOnes() {
		List<Memo> saved = saveMemos(this.memos);
		String b = saved.get(0).id();
		String a = saved.get(1).id();
		String d = saved.get(2).id();
		assertThat(titles(this.memos.findAllById(List.of(d, "missing", a, b)))).containsExactly("d", "a", "b");
		assertThat(titles(this.memos.findAllById(List.of(a, a, b, a)))).containsExactly("a", "b");
		dynamo.requests().reset();
		assertThat(this.memos.findAllById(List.of())).isEmpty();
		assertThat(dynamo.requests().count("BatchGetItem")).isZero();
		assertThat(this.memos.existsById(a)).isTrue();
		assertThat(this.memos.existsById("missing")).isFalse();
		assertThat(this.memos.count()).isEqualTo(5);
	}

	@Test
	void saveAllReturnsTheStoredStatesInTheOrderGiven() {
		Memo existing = this.memos.save(Memo.of("x", "old"));
		List<Memo> saved = this.memos.saveAll(List.of(Memo.of("x", "n1"), existing.withTitle("old2"), Memo.of("x", "n2")));
		assertThat(titles(saved)).containsExactly("n1", "old2", "n2");
		assertThat(saved).extracting(Memo::version).containsExactly(1L, 2L, 1L);
		assertThat(saved.get(1).id()).isEqualTo(existing.id());
		assertThat(saved).allSatisfy((memo) -> assertThat(this.memos.findById(memo.id())).contains(memo));
	}

	@Test
	void nullArgumentsAreRefusedWithIllegalArgumentException() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.save(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.saveAll(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.saveAll(java.util.Arrays.asList(Memo.of("x", "a"), null)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.findById(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.existsById(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.findAllById(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.deleteById(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.delete(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.deleteAll(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.deleteAllById(null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.findAll((Sort) null));
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.findAll((Pageable) null));
		assertThat(this.memos.count()).isZero();
	}

	@Test
	void deletesOfStaleMissingAndNeverSavedEntities() {
		List<Memo> saved = saveMemos(this.memos);
		this.memos.deleteById("missing");
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.delete(Memo.of("x", "never")))
			.withMessageContaining("Memo has no id");
		Memo a = saved.get(1);
		Memo b = saved.get(0);
		this.memos.save(a.withTitle("a2"));
		assertThatExceptionOfType(OptimisticLockingFailureException.class)
			.isThrownBy(() -> this.memos.deleteAll(List.of(b, a)))
			.isInstanceOf(VersionConflictException.class)
			.withMessageContaining("the delete was based on version 1 but the stored state is version 2");
		assertThat(this.memos.findById(b.id())).isEmpty();
		assertThat(this.memos.findById(a.id())).get().extracting(Memo::title).isEqualTo("a2");
		assertThat(this.memos.count()).isEqualTo(4);
	}

	@Test
	void deletingAnEntityWhoseResourceIsGoneIsAnOptimisticLockingFailureAsCrudRepositorySays() {
		List<Memo> saved = saveMemos(this.memos);
		Memo b = saved.get(0);
		this.memos.deleteById(b.id());
		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.memos.delete(b))
			.isInstanceOf(VersionConflictException.class)
			.withMessageContaining("Memo '" + b.id() + "' no longer exists: the delete was based on version 1");
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.memos.delete(Memo.of("x", "never").withId("never-1").withVersion(3L)));
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.memos.deleteAll(List.of(saved.get(1), b, saved.get(2))));
		// deleted one by one: the first went, the one after the failure is kept
		assertThat(titles(this.memos.findAll())).containsExactly("d", "c", "e");
		// the template's own delete stays idempotent
		this.template.delete(b);

		Ledger ledger = this.ledgers.save(Ledger.of("k", 1));
		this.ledgers.deleteById(ledger.id());
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.ledgers.delete(ledger));
		// a type without version or modification time deletes by id: nothing to compare, nothing to refuse
		Score score = this.scores.save(new Score("s", 1, "x"));
		this.scores.delete(score);
		this.scores.delete(score);
		assertThat(this.scores.count()).isZero();

		// counted and inside a transaction: refused too, nothing counted
		this.template.setTrackCounts(true);
		Memo c = this.memos.save(Memo.of("z", "c"));
		this.memos.delete(c);
		assertThat(this.template.countsByType()).containsEntry("Memo", 0L);
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.memos.delete(c));
		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> this.memos.delete(c)))
			.withCauseInstanceOf(VersionConflictException.class);
		assertThat(this.template.countsByType()).containsEntry("Memo", 0L);
	}

	@Test
	void pagesBeyondTheEndAndUnpagedOrUnsortedListings() {
		saveMemos(this.memos);
		Page<Memo> beyond = this.memos.findAll(PageRequest.of(5, 10));
		assertThat(beyond.getContent()).isEmpty();
		assertThat(beyond.getTotalElements()).isEqualTo(5);
		assertThat(beyond.getTotalPages()).isEqualTo(1);
		assertThat(titles(this.memos.findAll(Pageable.unpaged(Sort.by(Sort.Direction.DESC, "updatedAt")))
			.getContent())).containsExactly("e", "c", "d", "a", "b");
		assertThat(titles(this.memos.findAll(Sort.unsorted()))).containsExactly("b", "a", "d", "c", "e");
		assertThat(titles(this.memos.findAll(Sort.by(Sort.Direction.DESC, "updated_at")))).containsExactly("e", "c",
				"d", "a", "b");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.memos.findAll(PageRequest.of(0, 2, Sort.by("title"))))
			.withMessageContaining("[updatedAt, updated_at]");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.memos.findAll(Sort.by("updatedAt").and(Sort.by("id"))));

		// a type without @LastModifiedDate sorts by the stored name only
		this.ledgers.save(Ledger.of("k", 1));
		assertThat(this.ledgers.findAll(Sort.by(Sort.Direction.DESC, "updated_at"))).hasSize(1);
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.ledgers.findAll(Sort.by("updatedAt")))
			.withMessageContaining("[updated_at]");
	}

	@Test
	void aCompositeTypeIndexSortTemplateSortsByItsLeadingPropertyWithNegativeNumbersFirst() {
		this.scores.saveAll(List.of(new Score("s1", 2, "bo"), new Score("s2", 10, "al"), new Score("s3", 2, "al"),
				new Score("s4", -1, "zz")));
		assertThat(this.scores.findAll(Sort.by("level"))).extracting(Score::id).containsExactly("s4", "s3", "s1", "s2");
		assertThat(this.scores.findAll(Sort.by(Sort.Direction.DESC, "level"))).extracting(Score::id)
			.containsExactly("s2", "s1", "s3", "s4");
		Page<Score> second = this.scores.findAll(PageRequest.of(1, 3, Sort.Direction.DESC, "level"));
		assertThat(second.getContent()).extracting(Score::id).containsExactly("s4");
		assertThat(second.getTotalElements()).isEqualTo(4);
		assertThatExceptionOfType(InvalidSortException.class).isThrownBy(() -> this.scores.findAll(Sort.by("player")))
			.withMessageContaining("[level]")
			.satisfies((ex) -> assertThat(ex.getSortableProperties()).containsExactly("level"));
		assertThat(this.scores.count()).isEqualTo(4);
		assertThat(this.scores.findByLevel(2)).extracting(Score::id).containsExactly("s3", "s1");
		assertThat(lastQuery().keyConditionExpression()).contains("begins_with");
		assertThat(this.scores.findByLevelAndPlayer(2, "bo")).extracting(Score::id).containsExactly("s1");
		assertThat(this.scores.countByLevel(2)).isEqualTo(2);
		assertThat(this.scores.findAllByOrderByLevelDesc()).extracting(Score::id).containsExactly("s2", "s1", "s3", "s4");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.scores.findAll(Sort.by(Sort.Order.asc("level").ignoreCase())));
	}

}
