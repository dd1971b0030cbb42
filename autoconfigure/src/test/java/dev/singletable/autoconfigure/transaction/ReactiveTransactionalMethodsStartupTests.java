package dev.singletable.autoconfigure.transaction;

import java.time.Duration;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.SingleTableReactiveAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableReactiveRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.reactivetx.Book;
import dev.singletable.autoconfigure.reactivetx.BookPackage;
import dev.singletable.autoconfigure.reactivetx.BookRepository;
import dev.singletable.autoconfigure.reactivetx.Shelves;
import dev.singletable.autoconfigure.reactivetx.ShelvesApplication;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableTransactional;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A blocking transaction never silently wraps reactive singletable work: start-up fails, through
 * {@code ReactiveMethodInBlockingTransactionFailureAnalyzer}, when a {@code @Transactional} method returning a
 * publisher resolves to the blocking transaction manager on a bean that reaches the reactive template or a reactive
 * repository, directly or through other beans; {@code @ReactiveSingleTableTransactional} (or the reactive manager
 * named) starts and is atomic, and so do blocking methods and beans that never reach reactive singletable work.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReactiveTransactionalMethodsStartupTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/** An application with the starter, both transaction managers, blocking and reactive repositories. */
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, SingleTableAutoConfiguration.class,
				SingleTableReactiveAutoConfiguration.class, SingleTableRepositoriesAutoConfiguration.class,
				SingleTableReactiveRepositoriesAutoConfiguration.class,
				SingleTableTransactionManagerAutoConfiguration.class,
				SingleTableReactiveTransactionManagerAutoConfiguration.class,
				TransactionManagerCustomizationAutoConfiguration.class, TransactionAutoConfiguration.class))
		.withUserConfiguration(BookPackage.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing");

	@Test
	void aBlockingTransactionalMethodOverAReactiveRepositoryFailsStartupNamingTheBeanMethodAndFix() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-repo"))
			.withBean("shelves", Shelves.class)
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription())
					.startsWith("A @Transactional method returning a publisher runs under a blocking transaction "
							+ "manager")
					.contains("bean 'shelves' (" + Shelves.class.getName() + "): moveThenFail(Book) returns Mono "
							+ "and its @Transactional resolves to the blocking transaction manager "
							+ "'singleTableTransactionManager' (SingleTableTransactionManager)")
					.contains("reaches reactive singletable operations through shelves -> bookRepository")
					.contains("commits it before anything subscribes to the returned publisher");
				assertThat(analysis.getAction()).startsWith("Annotate the method @ReactiveSingleTableTransactional")
					.contains("@ReactiveSingleTableTransactional on Shelves.moveThenFail(..)")
					.contains("@Transactional(\"reactiveSingleTableTransactionManager\")");
			}));
	}

	@Test
	void aBeanReachingTheReactiveTemplateOnlyThroughAnotherBeanFailsStartupToo() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-indirect"))
			.withBean("catalogue", Catalogue.class)
			.withBean("frontDesk", FrontDesk.class)
			.withBean("lazyDesk", LazyDesk.class)
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription())
					.startsWith("@Transactional methods returning a publisher run under a blocking transaction manager")
					.contains("bean 'frontDesk' (" + FrontDesk.class.getName() + "): lend(String) returns Flux")
					.contains("through frontDesk -> catalogue -> reactiveSingleTableTemplate")
					// a class-level @Transactional, the other bean reached through an ObjectProvider
					.contains("bean 'lazyDesk' (" + LazyDesk.class.getName() + "): returnBook(String) returns Mono")
					.contains("through lazyDesk -> catalogue")
					// the bean holding the template has no transactional method; blocking methods are not named
					.doesNotContain("bean 'catalogue'")
					.doesNotContain("count(");
				assertThat(analysis.getAction()).startsWith("Annotate each method @ReactiveSingleTableTransactional");
			}));
	}

	@Test
	void aBeanBehindAnInterfaceBasedProxyIsFoundByItsTargetClass() {
		this.contextRunner
			.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-jdk-proxy"),
					"spring.aop.proxy-target-class=false")
			.withBean("catalogue", Catalogue.class)
			.withBean("desk", InterfaceDesk.class)
			.run(analysis((analysis) -> {
				assertThat(analysis.getDescription())
					.contains("bean 'desk' (" + InterfaceDesk.class.getName() + "): lend(String) returns Mono")
					.contains("through desk -> catalogue");
			}));
	}

	@Test
	void reactiveTransactionsAndBlockingMethodsStartAndTheReactiveOneIsAtomic() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-correct"))
			.withBean("catalogue", Catalogue.class)
			.withBean("reactiveShelves", ReactiveShelves.class)
			.withBean("unrelated", Unrelated.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				BookRepository books = context.getBean(BookRepository.class);
				Book book = books.save(new Book(null, null, "S1")).block(WAIT);
				ReactiveShelves shelves = context.getBean(ReactiveShelves.class);

				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> shelves.moveThenFail(book).block(WAIT))
					.withMessage("the shelf is full");
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> shelves.moveByNameThenFail(book).block(WAIT))
					.withMessage("the shelf is full");

				assertThat(books.findById(book.id()).block(WAIT).shelf()).isEqualTo("S1");
				assertThat(shelves.move(book).block(WAIT).shelf()).isEqualTo("S2");
			});
	}

	@Test
	void aPlainTransactionalMethodReturningMonoRunsInTheReactiveManagerAndABlockingOneInTheBlockingDefault() {
		this.contextRunner.withPropertyValues("singletable.table-name=" + TestTables.uniqueName("rtx-plain"))
			.withBean("catalogue", Catalogue.class)
			.withBean("reactiveShelves", ReactiveShelves.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				BookRepository books = context.getBean(BookRepository.class);
				Book book = books.save(new Book(null, null, "S1")).block(WAIT);
				ReactiveShelves shelves = context.getBean(ReactiveShelves.class);

				// no qualifier: the write is collected in a reactive transaction and rolled back with the error
				assertThatExceptionOfType(IllegalStateException.class)
					.isThrownBy(() -> shelves.movePlainThenFail(book).block(WAIT))
					.withMessage("the shelf is full");
				assertThat(books.findById(book.id()).block(WAIT).shelf()).isEqualTo("S1");
				assertThat(shelves.movePlain(book).block(WAIT).shelf()).isEqualTo("S5");
				// a blocking method keeps the blocking default
				assertThat(shelves.blockingCount()).isEqualTo(1);
			});
	}

	@Test
	void theFailureIsReportedAsAnAnalysisNotAStackTrace(CapturedOutput output) {
		SpringApplication application = new SpringApplication(ShelvesApplication.class);
		application.setWebApplicationType(org.springframework.boot.WebApplicationType.NONE);
		assertThatExceptionOfType(ReactiveMethodInBlockingTransactionException.class)
			.isThrownBy(() -> application.run("--singletable.table-name=" + TestTables.uniqueName("rtx-app"),
					"--" + TestTables.endpointProperty(), "--singletable.table.create=create-if-missing",
					"--spring.main.banner-mode=off"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("bean 'shelves'")
			.contains("Annotate the method @ReactiveSingleTableTransactional")
			.doesNotContain("Application run failed");
	}

	private static ContextConsumer<AssertableApplicationContext> analysis(Consumer<FailureAnalysis> assertions) {
		return (context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = SpringFactoriesLoader.forDefaultResourceLocation()
				.load(FailureAnalyzer.class, ArgumentResolver.of(Environment.class, null),
						FailureHandler.handleMessage((message, ex) -> {
						}))
				.stream()
				.map((analyzer) -> analyzer.analyze(context.getStartupFailure()))
				.filter((candidate) -> candidate != null)
				.findFirst()
				.orElse(null);
			assertThat(analysis).as("analysis of %s", context.getStartupFailure()).isNotNull();
			assertions.accept(analysis);
		};
	}

	/** Holds the reactive template; no transactional method of its own. */
	public static class Catalogue {

		private final ReactiveSingleTableOperations operations;

		public Catalogue(ReactiveSingleTableOperations operations) {
			this.operations = operations;
		}

		public Mono<Book> save(Book book) {
			return this.operations.save(book);
		}

	}

	/** Reaches the reactive template only through {@link Catalogue}. */
	public static class FrontDesk {

		private final Catalogue catalogue;

		public FrontDesk(Catalogue catalogue) {
			this.catalogue = catalogue;
		}

		@Transactional("singleTableTransactionManager")
		public Flux<Book> lend(String id) {
			return this.catalogue.save(new Book(id, null, "lent")).flux();
		}

		@Transactional
		public long count() {
			return 0;
		}

	}

	/** Class-level {@code @Transactional}, reaching {@link Catalogue} through an {@code ObjectProvider}. */
	@Transactional("singleTableTransactionManager")
	public static class LazyDesk {

		private final ObjectProvider<Catalogue> catalogue;

		public LazyDesk(ObjectProvider<Catalogue> catalogue) {
			this.catalogue = catalogue;
		}

		public Mono<Book> returnBook(String id) {
			return this.catalogue.getObject().save(new Book(id, null, "returned"));
		}

	}

	/** What a service behind an interface-based proxy offers. */
	public interface Lending {

		Mono<Book> lend(String id);

	}

	/** Reaches {@link Catalogue}; proxied by its interface when Spring makes interface-based proxies. */
	public static class InterfaceDesk implements Lending {

		private final Catalogue catalogue;

		public InterfaceDesk(Catalogue catalogue) {
			this.catalogue = catalogue;
		}

		@Override
		@Transactional("singleTableTransactionManager")
		public Mono<Book> lend(String id) {
			return this.catalogue.save(new Book(id, null, "lent"));
		}

	}

	/** The fix: reactive transactions, by annotation or by the reactive manager's name. */
	public static class ReactiveShelves {

		private final BookRepository books;

		private final Catalogue catalogue;

		public ReactiveShelves(BookRepository books, Catalogue catalogue) {
			this.books = books;
			this.catalogue = catalogue;
		}

		@ReactiveSingleTableTransactional
		public Mono<Book> moveThenFail(Book book) {
			return this.books.save(book.withShelf("S2")).then(Mono.error(new IllegalStateException("the shelf is full")));
		}

		@Transactional("reactiveSingleTableTransactionManager")
		public Mono<Book> moveByNameThenFail(Book book) {
			return this.catalogue.save(book.withShelf("S3"))
				.then(Mono.error(new IllegalStateException("the shelf is full")));
		}

		@ReactiveSingleTableTransactional
		public Mono<Book> move(Book book) {
			return this.books.findById(book.id()).flatMap((stored) -> this.books.save(stored.withShelf("S2")));
		}

		@Transactional
		public Mono<Book> movePlainThenFail(Book book) {
			return this.books.save(book.withShelf("S4")).then(Mono.error(new IllegalStateException("the shelf is full")));
		}

		@Transactional
		public Mono<Book> movePlain(Book book) {
			return this.books.findById(book.id()).flatMap((stored) -> this.books.save(stored.withShelf("S5")));
		}

		@Transactional
		public int blockingCount() {
			return org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()
					? 1 : 0;
		}

	}

	/** A blocking {@code @Transactional} method returning Mono on a bean that never reaches reactive singletable work. */
	public static class Unrelated {

		@Transactional
		public Mono<String> greet() {
			return Mono.just("hello");
		}

	}

}
