package dev.singletable.repository;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.AuditorAware;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.config.EnableSingleTableAuditing;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.memos.Card;
import dev.singletable.repository.memos.CardRepository;
import dev.singletable.repository.memos.Ledger;
import dev.singletable.repository.memos.LedgerRepository;
import dev.singletable.repository.memos.Memo;
import dev.singletable.repository.memos.MemoRepository;
import dev.singletable.repository.memos.MemoViews;
import dev.singletable.repository.memos.Score;
import dev.singletable.repository.memos.ScoreRepository;
import dev.singletable.repository.memos.Sheet;
import dev.singletable.repository.memos.SheetRepository;
import dev.singletable.repository.memos.Tag;
import dev.singletable.repository.memos.TagRepository;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Spring Data repositories (from issue 15), with cases {@link RepositoryProjectionsIntegrationTests} leaves: the finer
 * points of the {@code CrudRepository}/{@code ListPagingAndSortingRepository} contract, projections in the remaining
 * shapes (and views naming properties the entity lacks), keywords combined with {@code Pageable}, {@code Sort} and
 * {@code Limit}, integer sort keys, save semantics of a primitive {@code @Version}, auditing across {@code saveAll},
 * transactions and restores, against DynamoDB Local.
 */
class CrudRepositoryEdgeCasesIntegrationTests {

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-check15b",
			new TableIndex("gsi4", "gsi4pk", "gsi4sk"));

	/** The auditor; {@code "#"} makes every call of the {@code AuditorAware} return a new one. */
	static final AtomicReference<String> user = new AtomicReference<>("ann");

	static final AtomicInteger auditorCalls = new AtomicInteger();

	private AnnotationConfigApplicationContext context;

	private SingleTableTemplate template;

	private MemoRepository memos;

	private LedgerRepository ledgers;

	private ScoreRepository scores;

	@BeforeEach
	void setUp() {
		user.set("ann");
		auditorCalls.set(0);
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.template = this.context.getBean(SingleTableTemplate.class);
		this.memos = this.context.getBean(MemoRepository.class);
		this.ledgers = this.context.getBean(LedgerRepository.class);
		this.scores = this.context.getBean(ScoreRepository.class);
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	/** Saves memos b, a, d, c on topic x (in that order) and e on topic y. */
	private List<Memo> saveMemos() {
		List<Memo> saved = new ArrayList<>();
		for (String title : List.of("b", "a", "d", "c")) {
			saved.add(this.memos.save(Memo.of("x", title)));
		}
		saved.add(this.memos.save(Memo.of("y", "e")));
		dynamo.requests().reset();
		return saved;
	}

	private static QueryRequest lastQuery() {
		List<QueryRequest> sent = dynamo.requests().sent(QueryRequest.class);
		assertThat(sent).isNotEmpty();
		return sent.get(sent.size() - 1);
	}

	private static List<String> titles(List<Memo> memos) {
		return memos.stream().map(Memo::title).toList();
	}

	// 1. the CrudRepository and paging contract

	@Test
	void findAllByIdKeepsTheOrderOfTheIdsAndSkipsMissingAndRepeatedOnes() {
		List<Memo> saved = saveMemos();
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
		List<Memo> saved = saveMemos();
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
		List<Memo> saved = saveMemos();
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
		saveMemos();
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

	// 2. projections

	@Test
	void streamsWindowsSlicesAndOptionalsOfViews() {
		saveMemos();
		try (Stream<MemoViews.Heading> headings = this.memos.streamHeadingsByTopic("x")) {
			assertThat(headings).containsExactly(new MemoViews.Heading("a", 1), new MemoViews.Heading("b", 1),
					new MemoViews.Heading("c", 1), new MemoViews.Heading("d", 1));
		}
		assertThat(lastQuery().expressionAttributeNames().values()).contains("title", "pages").doesNotContain("topic");

		Window<MemoViews.Titled> first = this.memos.findTitledByTopic("x", ScrollPosition.keyset(), Limit.of(2));
		assertThat(first.getContent()).extracting(MemoViews.Titled::getShout).containsExactly("A", "B");
		assertThat(first.hasNext()).isTrue();
		assertThat(lastQuery().expressionAttributeNames().values()).contains("title").doesNotContain("shout", "pages");
		Window<MemoViews.Titled> next = this.memos.findTitledByTopic("x", first.positionAt(1), Limit.of(2));
		assertThat(next.getContent()).extracting(MemoViews.Titled::getTitle).containsExactly("c", "d");
		assertThat(next.hasNext()).isFalse();
		KeysetScrollPosition atC = (KeysetScrollPosition) next.positionAt(0);
		assertThat(this.memos.findTitledByTopic("x", atC.backward(), Limit.of(2)).getContent())
			.extracting(MemoViews.Titled::getTitle)
			.containsExactly("a", "b");

		Window<MemoViews.Heading> byOffset = this.memos.findHeadingsByTopic("x", ScrollPosition.offset(), Limit.of(3));
		assertThat(byOffset.getContent()).extracting(MemoViews.Heading::title).containsExactly("a", "b", "c");
		assertThat(byOffset.hasNext()).isTrue();
		assertThat(this.memos.findHeadingsByTopic("x", byOffset.positionAt(2), Limit.of(3)).getContent())
			.containsExactly(new MemoViews.Heading("d", 1));

		Slice<MemoViews.Bean> beans = this.memos.findBeansByTopic("x", PageRequest.of(1, 2));
		assertThat(beans.getContent()).extracting(MemoViews.Bean::getTitle, MemoViews.Bean::getVersion)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("c", 1L), org.assertj.core.groups.Tuple.tuple("d", 1L));
		assertThat(beans.hasNext()).isFalse();

		assertThat(this.memos.findHeadingByTopicAndTitle("x", "c")).contains(new MemoViews.Heading("c", 1));
		assertThat(this.memos.findHeadingByTopicAndTitle("x", "zz")).isEmpty();
		assertThat(this.memos.findTitledByTopicOrderByTitleDesc("x")).extracting(MemoViews.Titled::getShout)
			.containsExactly("D", "C", "B", "A");
		assertThat(this.memos.findLabelledByTopic("y")).extracting(MemoViews.Labelled::getLabel,
				MemoViews.Labelled::getPages)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("y/e", 1));
		assertThat(lastQuery().projectionExpression()).isNull();
	}

	@Test
	void aSliceCappedByFirstEndsAtTheCap() {
		saveMemos();
		Slice<MemoViews.Heading> first = this.memos.findFirst3HeadingsByTopic("x", PageRequest.of(0, 2));
		assertThat(first.getContent()).extracting(MemoViews.Heading::title).containsExactly("a", "b");
		assertThat(first.hasNext()).isTrue();
		Slice<MemoViews.Heading> second = this.memos.findFirst3HeadingsByTopic("x", PageRequest.of(1, 2));
		assertThat(second.getContent()).extracting(MemoViews.Heading::title).containsExactly("c");
		assertThat(second.hasNext()).isFalse();
		assertThat(this.memos.findFirst3HeadingsByTopic("x", PageRequest.of(0, 3)).hasNext()).isFalse();
	}

	@Test
	void aViewNamingAPropertyTheEntityLacksIsRefusedNamingIt() {
		SingleTableRepositoryFactory factory = new SingleTableRepositoryFactory(this.template);
		assertThat(startupFailure(() -> factory.getRepository(MisnamedMemos.class)))
			.contains("MemoViews$Misnamed", "constructor parameters [pageCount] name no property of Memo",
					"[id, version, createdAt, updatedAt, topic, title, pages, createdBy, modifiedBy]");
		assertThat(startupFailure(() -> factory.getRepository(MisspeltMemos.class)))
			.contains("MemoViews$Misspelt", "getters [titel] name no property of Memo");
		// a getter of the entity's own (computed, not stored) is not a property but can be read, from the whole item
		CardRepository cards = this.context.getBean(CardRepository.class);
		cards.save(new Card("d", "front", "back"));
		assertThat(cards.findSummariesByDeck("d")).extracting(Card.SummaryView::getSummary).containsExactly("front/back");
		assertThat(lastQuery().projectionExpression()).isNull();
		saveMemos();
		assertThatIllegalArgumentException().isThrownBy(() -> this.memos.findByTopic("x", MemoViews.Misnamed.class))
			.withMessageContaining("[pageCount]");
		assertThat(this.memos.findByTopic("y", MemoViews.Heading.class)).containsExactly(new MemoViews.Heading("e", 1));
	}

	@Test
	void aBlobFieldIsNotLoadedByAProjectionAsByAnEntityRead() {
		SheetRepository sheets = this.context.getBean(SheetRepository.class);
		Sheet sheet = sheets.save(new Sheet(null, null, "f", "n", "large body"));
		assertThat(sheets.findByFolder("f")).singleElement().extracting(Sheet::body).isNull();
		assertThat(sheets.findBodiesByFolder("f")).singleElement().satisfies((view) -> {
			assertThat(view.getName()).isEqualTo("n");
			assertThat(view.getBody()).isNull();
		});
		assertThat(this.template.loadBlobs(sheets.findById(sheet.id()).orElseThrow()).body()).isEqualTo("large body");
	}

	// 3. keywords

	@Test
	void firstAndTopCapPagesAndCombineWithSortAndLimit() {
		saveMemos();
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
		saveMemos();
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
		saveMemos();
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

	// 4. save semantics

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

	// 5. auditing

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

	interface MisnamedMemos extends SingleTableRepository<Memo> {

		List<MemoViews.Misnamed> findMisnamedByTopic(String topic);

	}

	interface MisspeltMemos extends SingleTableRepository<Memo> {

		Optional<MemoViews.Misspelt> findMisspeltByTopicAndTitle(String topic, String title);

	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = MemoRepository.class)
	@EnableSingleTableAuditing
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
			template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), "check15b",
					template.getConverter().getJsonMapper()));
			return template;
		}

		@Bean
		AuditorAware<String> auditorAware() {
			return () -> {
				int call = auditorCalls.incrementAndGet();
				String current = user.get();
				return Optional.ofNullable("#".equals(current) ? "auditor-" + call : current);
			};
		}

	}

}
