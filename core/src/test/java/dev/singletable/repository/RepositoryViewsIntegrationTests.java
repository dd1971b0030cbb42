package dev.singletable.repository;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.data.domain.KeysetScrollPosition;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.memos.Card;
import dev.singletable.repository.memos.CardRepository;
import dev.singletable.repository.memos.Memo;
import dev.singletable.repository.memos.MemoRepository;
import dev.singletable.repository.memos.MemoViews;
import dev.singletable.repository.memos.Sheet;
import dev.singletable.repository.memos.SheetRepository;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static dev.singletable.repository.MemoRepositoryFixtures.lastQuery;
import static dev.singletable.repository.MemoRepositoryFixtures.saveMemos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Projections in the remaining shapes (from issue 15): streams, windows, slices and optionals of views, a slice capped
 * by {@code First}, a view naming a property the entity lacks refused naming it, and a blob field not loaded by a
 * projection.
 */
class RepositoryViewsIntegrationTests {

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

	// projections

	@Test
	void streamsWindowsSlicesAndOptionalsOfViews() {
		saveMemos(this.memos);
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
		saveMemos(this.memos);
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
		saveMemos(this.memos);
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

	interface MisnamedMemos extends SingleTableRepository<Memo> {

		List<MemoViews.Misnamed> findMisnamedByTopic(String topic);

	}

	interface MisspeltMemos extends SingleTableRepository<Memo> {

		Optional<MemoViews.Misspelt> findMisspeltByTopicAndTitle(String topic, String title);

	}

}
