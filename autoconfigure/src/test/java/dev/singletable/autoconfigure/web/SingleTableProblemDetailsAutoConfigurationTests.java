package dev.singletable.autoconfigure.web;

import java.time.Instant;
import java.util.List;

import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.InvalidResourceIdException;
import dev.singletable.core.ItemTooLargeException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingletonUsageException;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.TransactionCancelledException.Failure;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.InvalidSortException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Tests for {@link SingleTableProblemDetailsAutoConfiguration}: a Spring MVC application answers the storage
 * exceptions with problem details, its own exception handlers win, and the property switches it off.
 */
class SingleTableProblemDetailsAutoConfigurationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableProblemDetailsAutoConfiguration.class))
		.withUserConfiguration(WebConfiguration.class);

	@Test
	void versionConflictIsA409WithTheExpectedAndCurrentVersion() {
		this.runner.run((context) -> {
			JsonNode problem = problem(context, "/fail/conflict", HttpStatus.CONFLICT);
			assertThat(problem.get("title").asString()).isEqualTo("Version conflict");
			assertThat(problem.get("detail").asString()).contains("Widget 'w1'").contains("nothing was written");
			assertThat(problem.get("instance").asString()).isEqualTo("/fail/conflict");
			assertEntityTypeMember(problem);
			assertThat(problem.get("id").asString()).isEqualTo("w1");
			assertThat(problem.get("expectedVersion").asLong()).isEqualTo(2L);
			assertThat(problem.get("currentVersion").asLong()).isEqualTo(3L);
		});
	}

	@Test
	void conflictOnAModificationTimeWithoutAKnownCurrentStateHasNoCurrentVersion() {
		this.runner.run((context) -> {
			JsonNode problem = problem(context, "/fail/conflict-unknown", HttpStatus.CONFLICT);
			assertThat(problem.get("expectedVersion").asString()).isEqualTo("2025-01-02T03:04:05Z");
			assertThat(problem.has("currentVersion")).isFalse();
		});
	}

	@Test
	void duplicateIsA409() {
		this.runner.run((context) -> {
			JsonNode problem = problem(context, "/fail/duplicate", HttpStatus.CONFLICT);
			assertThat(problem.get("title").asString()).isEqualTo("Already exists");
			assertEntityTypeMember(problem);
			assertThat(problem.get("id").asString()).isEqualTo("w1");
		});
	}

	@Test
	void missingResourceIsA404NamingTheIdAndVersion() {
		this.runner.run((context) -> {
			JsonNode latest = problem(context, "/fail/missing", HttpStatus.NOT_FOUND);
			assertThat(latest.get("title").asString()).isEqualTo("Not found");
			assertThat(latest.get("detail").asString()).isEqualTo("Widget 'w1' does not exist");
			assertThat(latest.get("id").asString()).isEqualTo("w1");
			assertEntityTypeMember(latest);
			assertThat(latest.has("version")).isFalse();
			JsonNode version = problem(context, "/fail/missing-version", HttpStatus.NOT_FOUND);
			assertThat(version.get("version").asLong()).isEqualTo(7L);
		});
	}

	@Test
	void invalidCursorIdAndSortAreA400() {
		this.runner.run((context) -> {
			assertThat(problem(context, "/fail/cursor", HttpStatus.BAD_REQUEST).get("title").asString())
				.isEqualTo("Invalid cursor");
			assertThat(problem(context, "/fail/id", HttpStatus.BAD_REQUEST).get("title").asString())
				.isEqualTo("Invalid id");
			JsonNode singleton = problem(context, "/fail/singleton", HttpStatus.BAD_REQUEST);
			assertThat(singleton.get("title").asString()).isEqualTo("Not a singleton id");
			assertThat(singleton.get("detail").asString()).contains("Widget").contains("findSingleton");
			JsonNode sort = problem(context, "/fail/sort", HttpStatus.BAD_REQUEST);
			assertThat(sort.get("title").asString()).isEqualTo("Invalid sort");
			assertThat(sort.get("detail").asString()).contains("ordered by");
		});
	}

	@Test
	void itemOverTheLimitIsA413() {
		this.runner.run((context) -> {
			JsonNode problem = problem(context, "/fail/too-large", HttpStatus.CONTENT_TOO_LARGE);
			assertThat(problem.get("title").asString()).isEqualTo("Too large");
			assertThat(problem.get("size").asLong()).isEqualTo(500_000L);
			assertEntityTypeMember(problem);
			assertThat(problem.get("maxSize").asLong()).isEqualTo(ItemTooLargeException.MAX_ITEM_BYTES);
		});
	}

	@Test
	void cancelledTransactionIsA409NamingEachFailedOperation() {
		this.runner.run((context) -> {
			JsonNode problem = problem(context, "/fail/cancelled", HttpStatus.CONFLICT);
			assertThat(problem.get("title").asString()).isEqualTo("Transaction cancelled");
			assertThat(problem.get("detail").asString()).contains("nothing was written").contains("'w1'");
			JsonNode failures = problem.get("failures");
			assertThat(failures.size()).isEqualTo(2);
			assertThat(failures.get(0).get("operation").asString()).isEqualTo("update");
			assertThat(failures.get(0).get("entityType").asString()).isEqualTo("Widget");
			assertThat(failures.get(0).has("type")).isFalse();
			assertThat(problem.path("type").asString("about:blank")).isEqualTo("about:blank");
			assertThat(failures.get(0).get("id").asString()).isEqualTo("w1");
			assertThat(failures.get(0).get("reason").asString()).isEqualTo("VERSION_CONFLICT");
			assertThat(failures.get(1).get("reason").asString()).isEqualTo("ALREADY_EXISTS");
		});
	}

	/**
	 * The entity type is the extension member {@code entityType}: RFC 9457's {@code type} is a problem type URI,
	 * which these problems leave at {@code about:blank}.
	 * @param problem the problem body
	 */
	private static void assertEntityTypeMember(JsonNode problem) {
		assertThat(problem.get("entityType").asString()).isEqualTo("Widget");
		assertThat(problem.path("type").asString("about:blank")).isEqualTo("about:blank");
	}

	@Test
	void applicationAdviceForTheSameExceptionWins() {
		this.runner.withUserConfiguration(ApplicationAdvice.class).run((context) -> {
			assertThat(context).hasSingleBean(SingleTableProblemDetailsExceptionHandler.class);
			JsonNode own = problem(context, "/fail/missing", HttpStatus.GONE);
			assertThat(own.get("title").asString()).isEqualTo("Gone for good");
			// Exceptions the application does not handle still get the library's answer
			assertThat(problem(context, "/fail/conflict", HttpStatus.CONFLICT).get("title").asString())
				.isEqualTo("Version conflict");
		});
	}

	@Test
	void backsOffForAnApplicationBeanOfItsType() {
		this.runner.withBean("customHandler", SingleTableProblemDetailsExceptionHandler.class, CustomHandler::new)
			.run((context) -> {
				assertThat(context).getBean(SingleTableProblemDetailsExceptionHandler.class)
					.isInstanceOf(CustomHandler.class);
				assertThat(problem(context, "/fail/cursor", HttpStatus.BAD_REQUEST).get("title").asString())
					.isEqualTo("Bad cursor");
			});
	}

	@Test
	void propertySwitchesItOff() {
		this.runner.withPropertyValues("singletable.web.problem-details.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SingleTableProblemDetailsExceptionHandler.class);
			MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
			assertThatExceptionOfType(ServletException.class).isThrownBy(() -> mvc.perform(get("/fail/missing")))
				.withCauseInstanceOf(NoSuchResourceException.class);
		});
	}

	@Test
	void doesNotApplyOutsideAWebApplication() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SingleTableProblemDetailsAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(SingleTableProblemDetailsExceptionHandler.class));
	}

	private static JsonNode problem(WebApplicationContext context, String path, HttpStatus status) throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context).build();
		MockHttpServletResponse response = mvc.perform(get(path).accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).as(path).isEqualTo(status.value());
		assertThat(MediaType.parseMediaType(response.getContentType())).as(path)
			.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = json.readTree(response.getContentAsString());
		assertThat(problem.get("status").asInt()).as(path).isEqualTo(status.value());
		return problem;
	}

	/**
	 * An entity type for the messages.
	 */
	static final class Widget {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(FailingController.class)
	static class WebConfiguration {

	}

	@RestController
	static class FailingController {

		@GetMapping("/fail/{what}")
		String fail(@PathVariable String what) {
			throw switch (what) {
				case "conflict" -> new VersionConflictException(Widget.class, "w1", 2L, 3L);
				case "conflict-unknown" ->
					new VersionConflictException(Widget.class, "w1", Instant.parse("2025-01-02T03:04:05Z"), null);
				case "duplicate" -> new DuplicateResourceException(Widget.class, "w1");
				case "missing" -> new NoSuchResourceException(Widget.class, "w1", null);
				case "missing-version" -> new NoSuchResourceException(Widget.class, "w1", 7L);
				case "cursor" -> new InvalidCursorException("it was altered");
				case "id" -> new InvalidResourceIdException(Widget.class, "it contains '#'");
				case "singleton" -> new SingletonUsageException(Widget.class, "it is a singleton, whose one resource has "
						+ "the id 'Widget', not 'w2'; read it with findSingleton(Widget.class)");
				case "sort" -> new InvalidSortException("Cannot sort by title: index 'gsitype' returns results "
						+ "ordered by [updatedAt]");
				case "too-large" -> new ItemTooLargeException(Widget.class, "w1", 500_000L);
				case "cancelled" -> {
					VersionConflictException stale = new VersionConflictException(Widget.class, "w1", 2L, 3L);
					yield new TransactionCancelledException(List.of(new Failure(1, "update", Widget.class, "w1", stale),
							new Failure(2, "create", Widget.class, "w2", new DuplicateResourceException(Widget.class, "w2"))),
							stale);
				}
				default -> new IllegalArgumentException(what);
			};
		}

	}

	@RestControllerAdvice
	static class ApplicationAdvice {

		@ExceptionHandler(NoSuchResourceException.class)
		ProblemDetail gone(NoSuchResourceException ex) {
			ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.GONE);
			problem.setTitle("Gone for good");
			return problem;
		}

	}

	static class CustomHandler extends SingleTableProblemDetailsExceptionHandler {

		@Override
		public ProblemDetail handleInvalidCursor(InvalidCursorException ex) {
			return problem(HttpStatus.BAD_REQUEST, "Bad cursor", "Start again from the first page");
		}

	}

}
