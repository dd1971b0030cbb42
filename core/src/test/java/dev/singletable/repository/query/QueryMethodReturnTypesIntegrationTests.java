package dev.singletable.repository.query;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import dev.singletable.repository.shelves.Book;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.repository.support.SingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A query method whose return type its repository cannot return fails the repository with an
 * {@link UnsupportedQueryMethodException} that says so ({@link UnsupportedQueryMethodException.Reason#RETURN_TYPE}),
 * naming the method and the return types allowed, rather than a message about indexes; the ones it can return work.
 */
class QueryMethodReturnTypesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-return-types");

	private SingleTableTemplate template;

	private DynamoDbAsyncClient asyncClient;

	private ReactiveSingleTableTemplate reactiveTemplate;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.asyncClient = DynamoDbLocal.newAsyncClient();
		this.reactiveTemplate = new ReactiveSingleTableTemplate(this.asyncClient, dynamo.tableName(),
				this.template.getConverter());
	}

	@AfterEach
	void tearDown() {
		this.asyncClient.close();
	}

	@Test
	void aReactiveMethodReturningAListIsRefusedAsAReturnTypeNamingTheAllowedOnes() {
		assertThatThrownBy(() -> new ReactiveSingleTableRepositoryFactory(this.reactiveTemplate)
			.getRepository(ReactiveListBooks.class))
			.rootCause()
			.isInstanceOf(UnsupportedQueryMethodException.class)
			.hasMessageContaining("ReactiveListBooks.findByAuthor")
			.hasMessageContaining("returns a Mono or a Flux, not List")
			.satisfies((ex) -> assertThat(((UnsupportedQueryMethodException) ex).getReason())
				.isEqualTo(UnsupportedQueryMethodException.Reason.RETURN_TYPE));
	}

	@Test
	void aBlockingMethodReturningAFluxOrMonoIsRefusedPointingToTheReactiveRepository() {
		for (Class<?> repository : List.of(FluxBooks.class, MonoBooks.class)) {
			assertThatThrownBy(() -> new SingleTableRepositoryFactory(this.template).getRepository(repository))
				.rootCause()
				.isInstanceOf(UnsupportedQueryMethodException.class)
				.hasMessageContaining(repository.getSimpleName() + ".findByAuthor")
				.hasMessageContaining("a blocking repository's query method returns")
				.hasMessageContaining("ReactiveSingleTableRepository")
				.satisfies((ex) -> assertThat(((UnsupportedQueryMethodException) ex).getReason())
					.isEqualTo(UnsupportedQueryMethodException.Reason.RETURN_TYPE));
		}
	}

	@Test
	void aMethodNoIndexCoversIsRefusedAsNotCovered() {
		assertThatThrownBy(() -> new SingleTableRepositoryFactory(this.template).getRepository(TitleBooks.class))
			.rootCause()
			.isInstanceOf(UnsupportedQueryMethodException.class)
			.hasMessageContaining("no index covers it")
			.satisfies((ex) -> assertThat(((UnsupportedQueryMethodException) ex).getReason())
				.isEqualTo(UnsupportedQueryMethodException.Reason.NOT_COVERED));
	}

	@Test
	void theReturnTypesEachRepositoryCanReturnWork() {
		this.template.save(Book.of("b1", "herbert", "s1", "Dune"));
		assertThat(new SingleTableRepositoryFactory(this.template).getRepository(GoodBooks.class)
			.findByAuthor("herbert")).extracting(Book::id).containsExactly("b1");
		assertThat(new ReactiveSingleTableRepositoryFactory(this.reactiveTemplate).getRepository(GoodReactiveBooks.class)
			.findByAuthor("herbert")
			.map(Book::id)
			.collectList()
			.block()).containsExactly("b1");
	}

	interface ReactiveListBooks extends ReactiveSingleTableRepository<Book> {

		List<Book> findByAuthor(String author);

	}

	interface FluxBooks extends SingleTableRepository<Book> {

		Flux<Book> findByAuthor(String author);

	}

	interface MonoBooks extends SingleTableRepository<Book> {

		Mono<Book> findByAuthor(String author);

	}

	interface TitleBooks extends SingleTableRepository<Book> {

		List<Book> findByTitle(String title);

	}

	interface GoodBooks extends SingleTableRepository<Book> {

		Iterable<Book> findByAuthor(String author);

	}

	interface GoodReactiveBooks extends ReactiveSingleTableRepository<Book> {

		Flux<Book> findByAuthor(String author);

	}

}
