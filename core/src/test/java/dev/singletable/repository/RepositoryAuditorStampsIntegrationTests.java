package dev.singletable.repository;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.memos.Memo;
import dev.singletable.repository.memos.MemoRepository;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static dev.singletable.repository.MemoRepositoryFixtures.auditorCalls;
import static dev.singletable.repository.MemoRepositoryFixtures.user;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * When the auditor is asked (from issue 15): again for each save of {@code saveAll}, for each write of a transaction
 * as it is added, and a restored version keeps its creation values.
 */
class RepositoryAuditorStampsIntegrationTests {

	@RegisterExtension
	static S3LocalExtension s3 = MemoRepositoryFixtures.s3;

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = MemoRepositoryFixtures.dynamo;

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private MemoRepository memos;

	@BeforeEach
	void setUp() {
		this.context = MemoRepositoryFixtures.openContext();
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.memos = this.context.getBean(MemoRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// auditing

	@Test
	void eachSaveOfSaveAllAsksTheAuditorAwareAgain() {
		user.set("#");
		List<Memo> saved = this.memos.saveAll(List.of(Memo.of("q", "1"), Memo.of("q", "2"), Memo.of("q", "3")));
		assertThat(saved).extracting(Memo::createdBy).doesNotHaveDuplicates().doesNotContainNull();
		assertThat(saved).allSatisfy((memo) -> assertThat(memo.modifiedBy()).isEqualTo(memo.createdBy()));
		assertThat(auditorCalls.get()).isGreaterThanOrEqualTo(3);
	}

	@Test
	void aTransactionStampsEachWriteWithTheAuditorOfTheMomentItIsAdded() {
		List<Memo> saved = this.memos.saveAll(List.of(Memo.of("q", "1"), Memo.of("q", "2")));
		List<Memo> inside = new ArrayList<>();
		this.template.transaction((tx) -> {
			user.set("u1");
			inside.add(tx.save(saved.get(0).withTitle("1b")));
			user.set("u2");
			inside.add(tx.save(saved.get(1).withTitle("2b")));
			user.set("u3");
		});
		assertThat(inside).extracting(Memo::modifiedBy).containsExactly("u1", "u2");
		assertThat(this.memos.findAllById(List.of(saved.get(0).id(), saved.get(1).id())))
			.extracting(Memo::createdBy, Memo::modifiedBy)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("ann", "u1"), org.assertj.core.groups.Tuple.tuple("ann", "u2"));
	}

	@Test
	void aRestoredVersionKeepsTheCreationValues() {
		Memo first = this.memos.save(Memo.of("x", "v1"));
		user.set("bob");
		Memo second = this.memos.save(first.withTitle("v2"));
		assertThat(second.createdBy()).isEqualTo("ann");
		assertThat(second.modifiedBy()).isEqualTo("bob");
		Memo restored = this.memos.restore(first.id(), 1);
		assertThat(restored.version()).isEqualTo(3L);
		assertThat(restored.title()).isEqualTo("v1");
		assertThat(restored.createdAt()).isEqualTo(first.createdAt());
		assertThat(restored.createdBy()).isEqualTo("ann");
		assertThat(this.memos.findById(first.id())).get().satisfies((read) -> {
			assertThat(read.createdAt()).isEqualTo(first.createdAt());
			assertThat(read.updatedAt()).isAfter(second.updatedAt());
			assertThat(read.createdBy()).isEqualTo("ann");
		});
	}

}
