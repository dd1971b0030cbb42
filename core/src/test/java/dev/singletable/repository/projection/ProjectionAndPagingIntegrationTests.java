package dev.singletable.repository.projection;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.InvalidSortException;
import dev.singletable.core.schema.TableIndex;
import dev.singletable.repository.books.Book;
import dev.singletable.repository.books.BookRepository;
import dev.singletable.repository.books.BookViews;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Projections and paging (from issue 15 items 1, 4 and 6) as a Spring Data user tries them: nested and default-method
 * projections, DTOs converting types, projections of versioned, expiring types, paging and sorting a type listing.
 */
class ProjectionAndPagingIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-books",
			new TableIndex("gsi4", "gsi4pk", "gsi4sk"));

	private AnnotationConfigApplicationContext context;

	private BookRepository books;

	private final List<Book> saved = new ArrayList<>();

	@BeforeEach
	void setUp() {
		this.context = new AnnotationConfigApplicationContext(Config.class);
		this.books = this.context.getBean(BookRepository.class);
		this.saved.add(this.books.save(Book.of("a", "Emma", "Austen", Book.Genre.NOVEL)));
		this.saved.add(this.books.save(Book.of("a", "Odes", "Keats", Book.Genre.POEM)));
		this.saved.add(this.books.save(Book.of("b", "Dune", "Herbert", Book.Genre.NOVEL)));
		Book expired = this.books.save(Book.of("a", "Gone", "Nobody", Book.Genre.POEM));
		this.books.save(expired.expiringAt(Instant.now().minusSeconds(60)));
		dynamo.requests().reset();
	}

	@AfterEach
	void tearDown() {
		this.context.close();
	}

	@Test
	void nestedDefaultAndOpenProjections() {
		assertThat(this.books.findWithAuthorByShelf("a")).extracting((view) -> view.getAuthor().getName())
			.containsExactlyInAnyOrder("Austen", "Keats");
		QueryRequest request = dynamo.requests().sent(QueryRequest.class).get(0);
		assertThat(request.projectionExpression()).isNotNull();
		assertThat(request.expressionAttributeNames().values()).contains("author", "title", "ttl", "version")
			.doesNotContain("genre", "shelf");
		assertThat(this.books.findWithDefaultByShelf("a")).extracting(BookViews.WithDefault::getLabel)
			.containsExactlyInAnyOrder("Emma/NOVEL", "Odes/POEM");
		assertThat(this.books.findOpenByShelf("b")).extracting(BookViews.OpenAuthor::getLine)
			.containsExactly("Herbert:Dune");
		assertThat(this.books.declared("shelf#b")).extracting((view) -> view.getAuthor().getName())
			.containsExactly("Herbert");
	}

	@Test
	void dtosConvertAndRefuseParametersTheEntityLacks() {
		assertThat(this.books.findStringsByShelf("b")).singleElement().satisfies((dto) -> {
			assertThat(dto.genre()).isEqualTo("NOVEL");
			assertThat(dto.createdAt()).isEqualTo(this.saved.get(2).createdAt().toString());
		});
		assertThatIllegalArgumentException().isThrownBy(() -> this.books.findByShelf("b", BookViews.WithExtra.class))
			.withMessageContaining("BookViews$WithExtra")
			.withMessageContaining("[missing, count] name no property of Book");
		assertThat(this.books.findBeansByShelf("b")).singleElement().satisfies((bean) -> {
			assertThat(bean.getTitle()).isEqualTo("Dune");
			assertThat(bean.getGenre()).isEqualTo(Book.Genre.NOVEL);
		});
	}

	@Test
	void collectionShapesAndById() {
		Set<BookViews.Versioned> versioned = this.books.findVersionedByShelf("a");
		assertThat(versioned).extracting(BookViews.Versioned::getVersion).containsOnly(1L);
		assertThat(this.books.findIterableByShelf("a")).hasSize(2);
		assertThat(this.books.findCollectionByShelf("a")).hasSize(2);
		assertThat(this.books.findVersionedById(this.saved.get(0).id())).get()
			.extracting(BookViews.Versioned::getTitle).isEqualTo("Emma");
		assertThat(this.books.findVersionedById("nope")).isEmpty();
		try (Stream<BookViews.WithAuthor> stream = this.books.streamByShelf("a")) {
			assertThat(stream.map(BookViews.WithAuthor::getTitle)).containsExactlyInAnyOrder("Emma", "Odes");
		}
	}

	@Test
	void pagesSlicesWindowsAndDynamicProjections() {
		Page<BookViews.WithAuthor> page = this.books.findPageByShelf("a", PageRequest.of(1, 1));
		assertThat(page.getTotalElements()).isEqualTo(2);
		assertThat(page.getContent()).hasSize(1);
		Slice<BookViews.Strings> slice = this.books.findSliceByShelf("a", PageRequest.of(0, 1));
		assertThat(slice.hasNext()).isTrue();
		Window<BookViews.WithAuthor> window = this.books.findWindowByShelf("a", ScrollPosition.keyset(), Limit.of(1));
		assertThat(window.hasNext()).isTrue();
		Window<BookViews.WithAuthor> next = this.books.findWindowByShelf("a", window.positionAt(0), Limit.of(1));
		assertThat(next.getContent()).hasSize(1);
		assertThat(next.hasNext()).isFalse();
		assertThat(this.books.findByShelf("b", Book.class)).extracting(Book::title).containsExactly("Dune");
		assertThat(this.books.findByShelf("b", BookViews.WithAuthor.class)).extracting(BookViews.WithAuthor::getTitle)
			.containsExactly("Dune");
		assertThat(this.books.findByShelfIn(List.of("a", "b", "a"), BookViews.Strings.class)).hasSize(3);
		assertThat(this.books.findTop2ByShelfIn(Set.of("a", "b"), Sort.by("id").descending()))
			.extracting(BookViews.Versioned::getTitle)
			.containsExactly("Dune", "Odes");
		assertThat(this.books.findByShelfIn(new String[] { "b" })).hasSize(1);
		assertThat(this.books.findByShelf("a", Limit.unlimited())).hasSize(2);
		assertThat(this.books.findByShelf("a", Limit.of(1))).hasSize(1);
	}

	@Test
	void typeListingPagesAndSorts() {
		Page<Book> first = this.books.findAll(PageRequest.of(0, 2, Sort.by("updatedAt").descending()));
		assertThat(first.getContent()).extracting(Book::title).containsExactly("Dune", "Odes");
		assertThat(first.getTotalElements()).isEqualTo(3);
		assertThat(first.getTotalPages()).isEqualTo(2);
		assertThat(this.books.findAll(Sort.by("updated_at"))).extracting(Book::title)
			.containsExactly("Emma", "Odes", "Dune");
		assertThat(this.books.findAll(PageRequest.of(5, 2))).isEmpty();
		assertThat(this.books.findAll(PageRequest.of(5, 2)).getTotalElements()).isEqualTo(3);
		assertThat(this.books.findAll(PageRequest.of(2, 1)).getContent()).extracting(Book::title)
			.containsExactly("Dune");
		assertThat(this.books.findAll(Pageable.unpaged())).hasSize(3);
		assertThat(this.books.findAll(Pageable.unpaged(Sort.by("updatedAt").descending())).getContent())
			.extracting(Book::title).containsExactly("Dune", "Odes", "Emma");
		assertThat(this.books.findAll(Sort.by(Sort.Order.desc("updatedAt").nullsLast()))).hasSize(3);
		assertThatExceptionOfType(InvalidSortException.class).isThrownBy(() -> this.books.findAll(Sort.by("title")))
			.withMessageContaining("updatedAt")
			.withMessageContaining("updated_at");
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.books.findAll(Sort.by(Sort.Order.asc("updatedAt").ignoreCase())));
	}

	@Test
	void aDynamicSortAnIndexCannotHonourIsRefused() {
		this.books.save(this.saved.get(0).lentTo("x"));
		assertThatExceptionOfType(InvalidSortException.class)
			.isThrownBy(() -> this.books.findTop2ByShelfIn(Set.of("a", "b"), Sort.by("updatedAt").descending()));
	}

	@Test
	void keywordsOnSortedAndSparseIndexes() {
		Book emma = this.books.save(this.saved.get(0).lentTo("zoe"));
		Book dune = this.books.save(this.saved.get(2).lentTo("amy"));
		assertThat(this.books.findTop2ByGenreInOrderByUpdatedAtDesc(Set.of(Book.Genre.NOVEL, Book.Genre.POEM)))
			.extracting(Book::title)
			.containsExactly("Dune", "Emma");
		assertThat(this.books.findByGenreIn(Book.Genre.POEM, Book.Genre.POEM)).extracting(Book::title)
			.containsExactly("Odes");
		assertThat(this.books.findFirstByGenreOrderByUpdatedAtDesc(Book.Genre.NOVEL)).get()
			.extracting(BookViews.WithDefault::getLabel)
			.isEqualTo("Dune/NOVEL");
		Page<Book> top = this.books.findTop3ByGenre(Book.Genre.NOVEL, PageRequest.of(0, 1, Sort.by("updatedAt")));
		assertThat(top.getContent()).extracting(Book::title).containsExactly("Emma");
		assertThat(top.getTotalElements()).isEqualTo(2);
		Page<BookViews.WithAuthor> lent = this.books.findByBorrowerIsNotNull(PageRequest.of(0, 1));
		assertThat(lent.getContent()).extracting(BookViews.WithAuthor::getTitle).containsExactly("Dune");
		assertThat(lent.getTotalElements()).isEqualTo(2);
		assertThat(this.books.findByBorrowerIsNotNull(PageRequest.of(1, 1)).getContent())
			.extracting((view) -> view.getAuthor().getName())
			.containsExactly("Austen");
		assertThat(this.books.findByGenre(Book.Genre.NOVEL, Limit.of(1), Sort.by("updatedAt").descending()))
			.extracting(Book::id)
			.containsExactly(dune.id());
		assertThat(this.books.findByGenre(Book.Genre.NOVEL, Limit.unlimited(), Sort.unsorted())).extracting(Book::id)
			.containsExactly(emma.id(), dune.id());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = BookRepository.class)
	static class Config {

		@Bean
		SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
