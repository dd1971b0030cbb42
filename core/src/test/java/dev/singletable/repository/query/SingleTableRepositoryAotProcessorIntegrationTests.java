package dev.singletable.repository.query;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.data.domain.Sort;
import org.springframework.data.repository.core.support.RepositoryFactoryInformation;
import org.springframework.javapoet.ClassName;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.repository.config.EnableSingleTableRepositories;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import dev.singletable.repository.sample.TicketRepository;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The AOT repositories {@link SingleTableRepositoryAotProcessor} generates: {@code process-aot} of an application
 * with a repository writes its {@code …Impl__AotRepository} fragment, whose derived methods state their plans as code
 * (an {@code @IndexQuery} method is left to the reflective repository); the application started from the generated
 * code (compiled here as the build would) runs those methods through the fragment, not the query lookup, and
 * answers and fails as the reflective repository does on the same table.
 */
class SingleTableRepositoryAotProcessorIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@TempDir
	static Path classes;

	private static Map<String, String> sources;

	private static URLClassLoader loader;

	private static String initializer;

	private static RuntimeHints hints;

	@BeforeAll
	static void processAheadOfTime() throws IOException {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		context.register(AotConfig.class);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		DefaultGenerationContext generation = new DefaultGenerationContext(
				new ClassNameGenerator(ClassName.get(AotConfig.class)), files);
		ClassName generated = new ApplicationContextAotGenerator().processAheadOfTime(context, generation);
		generation.writeGeneratedContent();
		hints = generation.getRuntimeHints();
		initializer = generated.reflectionName();
		sources = new LinkedHashMap<>();
		files.getGeneratedFiles(Kind.SOURCE).forEach((path, source) -> {
			try (InputStream in = source.getInputStream()) {
				sources.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
		loader = compile(sources);
	}

	@AfterAll
	static void close() throws IOException {
		loader.close();
	}

	@Test
	void processAotGeneratesTheRepositorysFragmentWithEachDerivedMethodsPlan() {
		String fragment = fragmentSource();
		assertThat(fragment).contains("extends SingleTableAotRepositoryFragmentSupport")
			.contains("derived(\"findByStatus\", Ticket.Status.class)")
			.contains("derived(\"countByProject\", String.class)")
			.contains(".shape(false, true, false, null)")
			.contains("derived(\"findByAssigneeAndDueDateBetween\", String.class, LocalDate.class, LocalDate.class)")
			.contains(".sort(Part.Type.BETWEEN")
			.contains(".filter(\"priority\", Part.Type.GREATER_THAN, 1, 1, ")
			.contains("public List<Ticket> findByStatus(Ticket.Status status)")
			// an @IndexQuery method parses no name: the reflective repository runs it
			.doesNotContain("\"dueInMonth\"");
		// the fragment is created reflectively, and looks the repository's methods up by name
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(TypeReference.of("dev.singletable.repository.sample.TicketRepositoryImpl__AotRepository"))
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(TicketRepository.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(hints);
	}

	@Test
	void theApplicationStartedFromTheGeneratedCodeRunsTheFragmentAndAnswersAsTheReflectiveRepository()
			throws Exception {
		try (AnnotationConfigApplicationContext reflective = new AnnotationConfigApplicationContext(AotConfig.class);
				GenericApplicationContext aot = startFromGeneratedCode()) {
			TicketRepository stored = reflective.getBean(TicketRepository.class);
			stored.save(Ticket.of("a", Status.OPEN, "alpha", "ann", LocalDate.of(2025, 1, 3), 5));
			stored.save(Ticket.of("b", Status.CLOSED, "alpha", "ann", LocalDate.of(2025, 1, 1), 9));
			stored.save(Ticket.of("c", Status.OPEN, "beta", "bob", LocalDate.of(2025, 1, 2), 1));
			TicketRepository generated = aot.getBean(TicketRepository.class);

			RepositoryFactoryInformation<?, ?> factory = aot.getBean("&ticketRepository",
					RepositoryFactoryInformation.class);
			Method findByStatus = TicketRepository.class.getMethod("findByStatus", Status.class);
			Method dueInMonth = TicketRepository.class.getMethod("dueInMonth", String.class, String.class);
			assertThat(factory.getRepositoryInformation().isCustomMethod(findByStatus))
				.as("findByStatus runs in the generated fragment").isTrue();
			assertThat(factory.getRepositoryInformation().getQueryMethods()).doesNotContain(findByStatus)
				.contains(dueInMonth);

			List<Function<TicketRepository, Object>> calls = List.of((tickets) -> tickets.findByStatus(Status.OPEN),
					(tickets) -> tickets.findByStatusOrderByIdDesc(Status.OPEN),
					(tickets) -> tickets.countByProject("alpha"), (tickets) -> tickets.existsByStatus(Status.CLOSED),
					(tickets) -> tickets.findByAssigneeAndDueDateBetween("ann", LocalDate.of(2025, 1, 1),
							LocalDate.of(2025, 1, 2)),
					(tickets) -> tickets.findByAssigneeAndDueDateBefore("ann", LocalDate.of(2025, 1, 3)),
					(tickets) -> tickets.findByAssignee("ann", Sort.by(Sort.Direction.DESC, "dueDate")),
					(tickets) -> tickets.findFirstByAssigneeOrderByDueDateDesc("ann"),
					(tickets) -> tickets.findTop2ByAssigneeAndDueDateGreaterThanEqual("ann", LocalDate.of(2025, 1, 1)),
					(tickets) -> tickets.findByStatusAndPriorityGreaterThan(Status.OPEN, 2),
					(tickets) -> tickets.dueInMonth("assignee#ann", "2025-01"),
					// the same refusals: a null key value, a sort the index cannot give
					(tickets) -> tickets.findByAssigneeAndDueDateBefore(null, LocalDate.of(2025, 1, 3)),
					(tickets) -> tickets.findByAssignee("ann", Sort.by("title")));
			for (Function<TicketRepository, Object> call : calls) {
				assertThat(outcome(call, generated)).isEqualTo(outcome(call, stored));
			}
			assertThat(outcome(calls.get(0), generated)).asString().contains("title=a").contains("title=c");
		}
	}

	/** What a call answers, or the type and message of what it throws. */
	private static Object outcome(Function<TicketRepository, Object> call, TicketRepository tickets) {
		Throwable thrown = catchThrowable(() -> call.apply(tickets));
		if (thrown != null) {
			return thrown.getClass().getName() + ": " + thrown.getMessage();
		}
		return String.valueOf(call.apply(tickets));
	}

	@SuppressWarnings("unchecked")
	private static GenericApplicationContext startFromGeneratedCode() throws Exception {
		GenericApplicationContext context = new GenericApplicationContext();
		context.setClassLoader(loader);
		ApplicationContextInitializer<GenericApplicationContext> generated = (ApplicationContextInitializer<GenericApplicationContext>) loader
			.loadClass(initializer)
			.getDeclaredConstructor()
			.newInstance();
		generated.initialize(context);
		context.refresh();
		return context;
	}

	private static String fragmentSource() {
		return sources.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().endsWith("TicketRepositoryImpl__AotRepository.java"))
			.map(Map.Entry::getValue)
			.findFirst()
			.orElseThrow(() -> new AssertionError("No TicketRepositoryImpl__AotRepository among " + sources.keySet()));
	}

	private static URLClassLoader compile(Map<String, String> sources) throws IOException {
		Path sourceRoot = Files.createDirectories(classes.resolve("sources"));
		Path output = Files.createDirectories(classes.resolve("classes"));
		List<String> arguments = new ArrayList<>(List.of("-proc:none", "-nowarn", "-d", output.toString(),
				"-classpath", System.getProperty("java.class.path")));
		for (Map.Entry<String, String> source : sources.entrySet()) {
			Path file = sourceRoot.resolve(source.getKey());
			Files.createDirectories(file.getParent());
			Files.writeString(file, source.getValue());
			arguments.add(file.toString());
		}
		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		int status = compiler.run(null, null, System.err, arguments.toArray(String[]::new));
		assertThat(status).as("javac of the generated sources").isZero();
		return new URLClassLoader(new URL[] { output.toUri().toURL() },
				SingleTableRepositoryAotProcessorIntegrationTests.class.getClassLoader());
	}

	/** Public: the generated bean definitions, in another class loader, create it. */
	@Configuration(proxyBeanMethods = false)
	@EnableSingleTableRepositories(basePackageClasses = TicketRepository.class)
	public static class AotConfig {

		@Bean
		public SingleTableTemplate singleTableTemplate() {
			return new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		}

	}

}
