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
			.hasMessageContaining("returns a Mono or a Flux, not List, or in Kotlin a Flow or its result from a "
					+ "suspend fun")
			// the Kotlin forms too, which a coroutine repository's methods take
			.hasMessageContaining("in Kotlin, fun ...: Flow<T> (the results) or suspend fun ...: T? (at most one "
					+ "result), List<T> (the results), Long (countBy), Boolean (existsBy), Window<T>, Slice<T> or "
					+ "Page<T>, or for deleteBy Unit, Long or List<T>")
			.hasMessageContaining("make the method a Kotlin suspend fun returning List<T>")
			.satisfies((ex) -> assertThat(((UnsupportedQueryMethodException) ex).getReason())
				.isEqualTo(UnsupportedQueryMethodException.Reason.RETURN_TYPE));
	}

	@Test
	void aReactiveMethodTakingAPublisherIsRefusedAsItsParametersNamingTheKotlinWayToo() {
		assertThatThrownBy(() -> new ReactiveSingleTableRepositoryFactory(this.reactiveTemplate)
			.getRepository(PublisherArgumentBooks.class))
			.rootCause()
			.isInstanceOf(UnsupportedQueryMethodException.class)
			.hasMessageContaining("PublisherArgumentBooks.findByAuthor: its arguments are values, not a Mono")
			.hasMessageContaining("resolve it first (flatMap, or in Kotlin collect it or call a suspend function)")
			.satisfies((ex) -> assertThat(((UnsupportedQueryMethodException) ex).getReason())
				.isEqualTo(UnsupportedQueryMethodException.Reason.PARAMETERS));
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

	interface PublisherArgumentBooks extends ReactiveSingleTableRepository<Book> {

		Flux<Book> findByAuthor(Mono<String> author);

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
