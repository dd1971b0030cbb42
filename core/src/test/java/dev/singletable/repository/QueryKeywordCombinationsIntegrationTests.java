package dev.singletable.repository;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Sort;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.repository.memos.Ledger;
import dev.singletable.repository.memos.LedgerRepository;
import dev.singletable.repository.memos.Memo;
import dev.singletable.repository.memos.MemoRepository;
import dev.singletable.repository.memos.MemoViews;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static dev.singletable.repository.MemoRepositoryFixtures.lastQuery;
import static dev.singletable.repository.MemoRepositoryFixtures.saveMemos;
import static dev.singletable.repository.MemoRepositoryFixtures.titles;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Query keywords combined (from issue 15): {@code First} and {@code Top} with pages, {@code Sort} and {@code Limit},
 * {@code In} with duplicates, sort key conditions on string and integer keys, filtered pages, {@code IsNull} without
 * filtering and derived deletes on an index.
 */
class QueryKeywordCombinationsIntegrationTests {

	@RegisterExtension
	static S3LocalExtension s3 = MemoRepositoryFixtures.s3;

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = MemoRepositoryFixtures.dynamo;

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private MemoRepository memos;

	private LedgerRepository ledgers;

	@BeforeEach
	void setUp() {
		this.context = MemoRepositoryFixtures.openContext();
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.memos = this.context.getBean(MemoRepository.class);
		this.ledgers = this.context.getBean(LedgerRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	// keywords

	@Test
	void firstAndTopCapPagesAndCombineWithSortAndLimit() {
		saveMemos(this.memos);
		Page<Memo> all = this.memos.findFirst3ByTopic("x", PageRequest.of(0, 10));
		assertThat(titles(all.getContent())).containsExactly("a", "b", "c");
		assertThat(all.getTotalElements()).isEqualTo(3);
		Page<Memo> last = this.memos.findFirst3ByTopic("x", PageRequest.of(1, 2));
		assertThat(titles(last.getContent())).containsExactly("c");
		assertThat(last.getTotalElements()).isEqualTo(3);
		assertThat(last.hasNext()).isFalse();
		assertThat(this.memos.findFirst3ByTopic("x", PageRequest.of(2, 2)).getContent()).isEmpty();
		Page<Memo> reversed = this.memos.findFirst3ByTopic("x", PageRequest.of(0, 2, Sort.by(Sort.Direction.DESC, "title")));
		assertThat(titles(reversed.getContent())).containsExactly("d", "c");
		assertThat(reversed.getTotalElements()).isEqualTo(3);
		assertThat(titles(this.memos.findFirst3ByTopic("x", Pageable.unpaged()).getContent())).containsExactly("a", "b", "c");

		assertThat(titles(this.memos.findTop2ByTopic("x", Sort.by(Sort.Direction.DESC, "title")))).containsExactly("d", "c");
		assertThat(titles(this.memos.findByTopic("x", Sort.by(Sort.Direction.DESC, "title"), Limit.of(3))))
			.containsExactly("d", "c", "b");
		assertThat(titles(this.memos.findByTopic("x", Sort.unsorted(), Limit.unlimited()))).containsExactly("a", "b", "c", "d");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.memos.findByTopic("x", Sort.by("pages"), Limit.of(1)))
			.withMessageContaining("title");
		// Limit.of(0) is a legal limit: no results, as a SQL LIMIT 0, without reading
		dynamo.requests().reset();
		assertThat(this.memos.findByTopic("x", Sort.unsorted(), Limit.of(0))).isEmpty();
		assertThat(this.memos.findTitledByTopic("x", ScrollPosition.keyset(), Limit.of(0)).getContent()).isEmpty();
		assertThat(this.memos.findHeadingsByTopic("x", ScrollPosition.offset(), Limit.of(0)).hasNext()).isFalse();
		assertThat(dynamo.requests().count("Query")).isZero();
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.findByTopic("x", Sort.unsorted(), Limit.of(-1)))
			.withMessageContaining("MemoRepository.findByTopic: a Limit must not be negative");
	}

	@Test
	void inWithDuplicatesSortsAndPages() {
		saveMemos(this.memos);
		assertThat(titles(this.memos.findByTopicIn(List.of("y", "y", "x")))).containsExactly("a", "b", "c", "d", "e");
		assertThat(titles(this.memos.findByTopicIn(List.of("y", "x"), Sort.by(Sort.Direction.DESC, "title"))))
			.containsExactly("e", "d", "c", "b", "a");
		assertThat(titles(this.memos.findTop2ByTopicIn(List.of("x", "y"), Sort.by(Sort.Direction.DESC, "title"))))
			.containsExactly("e", "d");
		assertThat(titles(this.memos.findTop2ByTopicIn(List.of("x", "y"), Sort.unsorted()))).containsExactly("a", "b");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.memos.findByTopicIn(List.of("y", "x"), Sort.by("pages")))
			.withMessageContaining("[title]");
		Page<Memo> page = this.memos.findByTopicIn(List.of("y", "x"), PageRequest.of(1, 2));
		assertThat(titles(page.getContent())).containsExactly("c", "d");
		assertThat(page.getTotalElements()).isEqualTo(5);
		Page<Memo> beyond = this.memos.findByTopicIn(List.of("y", "x"), PageRequest.of(9, 2));
		assertThat(beyond.getContent()).isEmpty();
		assertThat(beyond.getTotalElements()).isEqualTo(5);
		assertThat(this.memos.countByTopicIn(List.of("x", "x", "y"))).isEqualTo(5);
		assertThat(this.memos.existsByTopicIn(List.of("z", "y"))).isTrue();
		assertThat(this.memos.existsByTopicIn(List.of("z"))).isFalse();
		this.memos.save(Memo.of("y", "ab"));
		assertThat(titles(this.memos.findByTopicInAndTitleStartingWith(List.of("x", "y"), "a"))).containsExactly("a", "ab");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.memos.findByTopicIn(null))
			.withMessageContaining("non-empty");
	}

	@Test
	void sortKeyConditionsOnStringAndIntegerKeys() {
		saveMemos(this.memos);
		assertThat(titles(this.memos.findByTopicAndTitleBetween("x", "b", "c"))).containsExactly("b", "c");
		assertThat(titles(this.memos.findByTopicAndTitleGreaterThan("x", "b"))).containsExactly("c", "d");
		assertThat(titles(this.memos.findByTopicAndTitleStartingWith("x", "c"))).containsExactly("c");
		assertThat(lastQuery().keyConditionExpression()).contains("begins_with");
		assertThat(lastQuery().filterExpression()).isNull();
		assertThat(this.memos.countByTopic("x")).isEqualTo(4);
		assertThat(this.memos.existsByTopic("x")).isTrue();
		assertThat(this.memos.existsByTopic("none")).isFalse();
		assertThat(this.memos.existsByTopicAndTitle("x", "zz")).isFalse();

		for (int entry : List.of(3, -5, 12, 0, -1)) {
			this.ledgers.save(Ledger.of("k", entry));
		}
		assertThat(this.ledgers.findByBookAndEntryGreaterThan("k", -2)).extracting(Ledger::entry)
			.containsExactly(-1, 0, 3, 12);
		assertThat(this.ledgers.findByBookAndEntryBetween("k", -6, 3)).extracting(Ledger::entry)
			.containsExactly(-5, -1, 0, 3);
		assertThat(this.ledgers.findByBookAndEntryLessThanEqual("k", 0)).extracting(Ledger::entry)
			.containsExactly(-5, -1, 0);
	}

	@Test
	void aFilteredPageCountsOnlyWhatTheFilterKeeps() {
		for (String title : List.of("bb", "a", "ddd", "cccc", "ab")) {
			this.memos.save(Memo.of("x", title));
		}
		Page<MemoViews.Heading> first = this.memos.findByTopicAndPagesGreaterThan("x", 1, PageRequest.of(0, 2));
		assertThat(first.getContent()).extracting(MemoViews.Heading::title).containsExactly("ab", "bb");
		assertThat(first.getTotalElements()).isEqualTo(4);
		Page<MemoViews.Heading> second = this.memos.findByTopicAndPagesGreaterThan("x", 1, PageRequest.of(1, 2));
		assertThat(second.getContent()).extracting(MemoViews.Heading::pages).containsExactly(4, 3);
		assertThat(second.isLast()).isTrue();
		assertThat(this.memos.findByTopicAndPagesGreaterThan("x", 1, PageRequest.of(2, 2)).getContent()).isEmpty();
	}

	@Test
	void isNullWithoutFilteringFailsAtStartupAndADerivedDeleteOnAnIndexDeletesWhatItFinds() {
		SingleTableRepositoryFactory factory = new SingleTableRepositoryFactory(this.template);
		assertThat(startupFailure(() -> factory.getRepository(IsNullMemos.class)))
			.contains("IsNullMemos.findByTopicAndPagesIsNull", "gsi4 (partition 'topic#{topic}', sort '{title}')",
					"would filter on [pages]", "@AllowFiltering");
		for (String topic : List.of("x", "x", "y")) {
			this.memos.save(Memo.of(topic, "t-" + topic));
		}
		assertThat(factory.getRepository(DeleteByMemos.class).deleteByTopic("x")).isEqualTo(2);
		assertThat(this.memos.findAll()).extracting(Memo::topic).containsExactly("y");
	}

	/** The messages of the failure, cause by cause, that the start-up step throws; fails when it throws none. */
	static String startupFailure(Runnable startup) {
		Throwable failure = null;
		try {
			startup.run();
		}
		catch (RuntimeException ex) {
			failure = ex;
		}
		assertThat(failure).as("startup failure").isNotNull();
		StringBuilder messages = new StringBuilder();
		for (Throwable current = failure; current != null; current = current.getCause()) {
			messages.append(current.getMessage()).append('\n');
		}
		return messages.toString();
	}

	interface IsNullMemos extends SingleTableRepository<Memo> {

		List<Memo> findByTopicAndPagesIsNull(String topic);

	}

	interface DeleteByMemos extends SingleTableRepository<Memo> {

		long deleteByTopic(String topic);

	}

}
