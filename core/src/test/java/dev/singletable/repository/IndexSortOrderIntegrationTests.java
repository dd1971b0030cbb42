package dev.singletable.repository;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.query.UnsupportedQueryMethodException;
import dev.singletable.repository.shelves.Book;
import dev.singletable.repository.shelves.BookRepository;
import dev.singletable.repository.shelves.CreationOrderedBookRepository;
import dev.singletable.repository.shelves.ReactiveBookRepository;
import dev.singletable.repository.shelves.ReactiveCreationOrderedBookRepository;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.MutableClock;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An index accepts a sort only when it is the order DynamoDB returns: its sort key's, forward or backward. With ids
 * the client assigns ({@code zzz} created before {@code aaa}), {@code gsi1} (sorted by the table's {@code pk})
 * returns id order, so it accepts the id and refuses the creation time; the type index follows the modification
 * time, {@code gsi3} its sort template. The same rule for derived queries, {@code findAll(Sort)}, and the template's
 * {@code orderBy}, blocking and reactive.
 */
class IndexSortOrderIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-shelves");

	private final MutableClock clock = new MutableClock();

	private SingleTableTemplate template;

	private ReactiveSingleTableTemplate reactiveTemplate;

	private DynamoDbAsyncClient asyncClient;

	private BookRepository books;

	private ReactiveBookRepository reactiveBooks;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setClock(this.clock);
		this.asyncClient = DynamoDbLocal.newAsyncClient();
		this.reactiveTemplate = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName(),
				this.template.getConverter());
		this.books = new SingleTableRepositoryFactory(this.template).getRepository(BookRepository.class);
		this.reactiveBooks = new ReactiveSingleTableRepositoryFactory(this.reactiveTemplate)
			.getRepository(ReactiveBookRepository.class);
		// created zzz, mmm, aaa in this order; then mmm is updated last
		Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String[][] books = { { "zzz", "Dune" }, { "mmm", "Arrakis" }, { "aaa", "Messiah" } };
		for (int i = 0; i < books.length; i++) {
			this.clock.set(start.plusSeconds(i));
			this.books.save(Book.of(books[i][0], "herbert", "s1", books[i][1]));
		}
		this.clock.set(start.plusSeconds(10));
		this.books.save(this.books.findById("mmm").orElseThrow().titled("Children"));
	}

	@AfterEach
	void tearDown() {
		this.asyncClient.close();
	}

	@Test
	void theCreationTimeIsRefusedOnAnIndexSortedByIdNamingTheIndexAndItsOrder() {
		Sort byCreation = Sort.by("createdAt");
		dynamo.requests().reset();

		assertRefusedByGsi1(assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.books.findByAuthor("herbert", byCreation))
			.actual());
		assertRefusedByGsi1(assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.books.findByAuthor("herbert", PageRequest.of(0, 2, byCreation)))
			.actual());
		assertRefusedByGsi1(assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.template.query(Book.class)
				.index("gsi1")
				.partition("author#herbert")
				.orderBy(Sort.by(Sort.Direction.DESC, "createdAt"))
				.all())
			.actual());
		// reactive: the call returns, the refusal is the error signal
		Flux<Book> derived = this.reactiveBooks.findByAuthor("herbert", byCreation);
		Flux<Book> queried = this.reactiveTemplate.query(Book.class)
			.index("gsi1")
			.partition("author#herbert")
			.orderBy(byCreation)
			.all();
		assertRefusedByGsi1(assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> derived.blockLast(Duration.ofSeconds(10)))
			.actual());
		assertRefusedByGsi1(assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> queried.blockLast(Duration.ofSeconds(10)))
			.actual());
		assertThat(dynamo.requests().sent(QueryRequest.class)).as("refused before reading").isEmpty();
	}

	@Test
	void orderingByTheCreationTimeInAMethodNameOfAnIndexSortedByIdFailsTheRepository() {
		assertThatThrownBy(() -> new SingleTableRepositoryFactory(this.template)
			.getRepository(CreationOrderedBookRepository.class))
			.hasRootCauseInstanceOf(UnsupportedQueryMethodException.class)
			.hasMessageContaining("findByAuthorOrderByCreatedAtAsc")
			.hasMessageContaining("gsi1")
			.hasMessageContaining("cannot order by 'createdAt': it supports a sort by [id]");
		assertThatThrownBy(() -> new ReactiveSingleTableRepositoryFactory(this.reactiveTemplate)
			.getRepository(ReactiveCreationOrderedBookRepository.class))
			.hasRootCauseInstanceOf(UnsupportedQueryMethodException.class)
			.hasMessageContaining("findByAuthorOrderByCreatedAtDesc")
			.hasMessageContaining("cannot order by 'createdAt': it supports a sort by [id]");
	}

	@Test
	void theIdSortOfAnIndexSortedByIdReturnsIdOrderNotCreationOrder() {
		Sort byId = Sort.by("id");
		Sort byIdDesc = Sort.by(Sort.Direction.DESC, "id");

		assertThat(ids(this.books.findByAuthor("herbert", byId))).containsExactly("aaa", "mmm", "zzz");
		assertThat(ids(this.books.findByAuthor("herbert", byIdDesc))).containsExactly("zzz", "mmm", "aaa");
		assertThat(ids(this.books.findByAuthor("herbert", Sort.unsorted()))).containsExactly("aaa", "mmm", "zzz");
		assertThat(ids(this.books.findByAuthorOrderByIdDesc("herbert"))).containsExactly("zzz", "mmm", "aaa");
		assertThat(ids(this.books.findByAuthor("herbert", PageRequest.of(0, 2, byIdDesc)).getContent()))
			.containsExactly("zzz", "mmm");
		assertThat(ids(this.template.query(Book.class).index("gsi1").partition("author#herbert").orderBy(byIdDesc)
			.all())).containsExactly("zzz", "mmm", "aaa");
		assertThat(ids(this.reactiveBooks.findByAuthor("herbert", byIdDesc).collectList().block()))
			.containsExactly("zzz", "mmm", "aaa");
		assertThat(ids(this.reactiveTemplate.query(Book.class)
			.index("gsi1")
			.partition("author#herbert")
			.orderBy(byId)
			.all()
			.collectList()
			.block())).containsExactly("aaa", "mmm", "zzz");
	}

	@Test
	void theTypeIndexSortsByModificationTimeAndRefusesTheCreationTime() {
		Sort byUpdate = Sort.by("updatedAt");
		// created zzz, mmm, aaa; mmm updated last
		assertThat(ids(this.books.findAll(byUpdate))).containsExactly("zzz", "aaa", "mmm");
		assertThat(ids(this.books.findAll(Sort.by(Sort.Direction.DESC, "updated_at")))).containsExactly("mmm", "aaa",
				"zzz");
		assertThat(ids(this.reactiveBooks.findAll(Sort.by(Sort.Direction.DESC, "updatedAt")).collectList().block()))
			.containsExactly("mmm", "aaa", "zzz");
		assertThat(ids(this.template.query(Book.class).orderBy(Sort.by(Sort.Direction.DESC, "updatedAt")).all()))
			.containsExactly("mmm", "aaa", "zzz");

		for (Sort refused : List.of(Sort.by("createdAt"), Sort.by("id"), Sort.by("updatedAt", "id"),
				Sort.by(Sort.Order.asc("updatedAt").ignoreCase()))) {
			assertThatExceptionOfType(InvalidSortException.class).isThrownBy(() -> this.books.findAll(refused))
				.withMessageContaining("index 'gsitype'")
				.withMessageContaining("[updatedAt, updated_at]")
				.satisfies((ex) -> assertThat(ex.getSortableProperties()).containsExactly("updatedAt", "updated_at"));
			Flux<Book> reactive = this.reactiveBooks.findAll(refused);
			assertThatExceptionOfType(InvalidSortException.class)
				.isThrownBy(() -> reactive.blockLast(Duration.ofSeconds(10)))
				.withMessageContaining("index 'gsitype'");
			assertThatExceptionOfType(InvalidSortException.class)
				.isThrownBy(() -> this.template.query(Book.class).orderBy(refused).first())
				.withMessageContaining("index 'gsitype'");
		}
	}

	@Test
	void anIndexWithASortTemplateSortsByItsLeadingPropertyOnly() {
		Sort byTitle = Sort.by("title");
		assertThat(titles(this.books.findByShelf("s1", byTitle))).containsExactly("Children", "Dune", "Messiah");
		assertThat(titles(this.books.findByShelf("s1", byTitle.descending()))).containsExactly("Messiah", "Dune",
				"Children");
		assertThat(titles(this.reactiveBooks.findByShelf("s1", byTitle.descending()).collectList().block()))
			.containsExactly("Messiah", "Dune", "Children");
		assertThat(titles(this.template.query(Book.class).index("gsi3").partition("shelf#s1").orderBy(byTitle).all()))
			.containsExactly("Children", "Dune", "Messiah");

		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.books.findByShelf("s1", Sort.by("id")))
			.withMessageContaining("index 'gsi3'")
			.withMessageContaining("'{title}'")
			.withMessageContaining("a sort by [title]");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.template.query(Book.class).table().partition("Book#aaa").orderBy(byTitle).all())
			.withMessageContaining("a query of the table");
	}

	@Test
	void anIndexQueryMethodTakesTheSortsOfItsIndexOnly() {
		assertThat(ids(this.books.byAuthorKey("author#herbert", Sort.by(Sort.Direction.DESC, "id"))))
			.containsExactly("zzz", "mmm", "aaa");
		assertRefusedByGsi1(assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.books.byAuthorKey("author#herbert", Sort.by("createdAt")))
			.actual());
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.books.byTableKey("Book#aaa", Sort.by("id")))
			.withMessageContaining("reads the table");
	}

	private static void assertRefusedByGsi1(InvalidSortException ex) {
		assertThat(ex.getMessage()).contains("createdAt")
			.contains("index 'gsi1'")
			.contains("the order of the ids")
			.contains("a sort by [id], ascending or descending");
		assertThat(ex.getSortableProperties()).containsExactly("id");
	}

	private static List<String> ids(List<Book> books) {
		return books.stream().map(Book::id).toList();
	}

	private static List<String> titles(List<Book> books) {
		return books.stream().map(Book::title).toList();
	}
}
