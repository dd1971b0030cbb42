package dev.singletable.autoconfigure.web;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SingleTableProblemDetailsAutoConfiguration} in a Spring WebFlux application: the same handler
 * answers with the same problem details, for exceptions thrown and signalled by a {@code Mono}.
 */
class SingleTableProblemDetailsWebFluxTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableProblemDetailsAutoConfiguration.class))
		.withUserConfiguration(WebFluxConfiguration.class);

	@Test
	void versionConflictIsA409WithTheExpectedAndCurrentVersion() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(SingleTableProblemDetailsExceptionHandler.class);
			JsonNode problem = problem(context, "/conflict", HttpStatus.CONFLICT);
			assertThat(problem.get("title").asString()).isEqualTo("Version conflict");
			assertThat(problem.get("instance").asString()).isEqualTo("/conflict");
			assertThat(problem.get("expectedVersion").asLong()).isEqualTo(2L);
			assertThat(problem.get("currentVersion").asLong()).isEqualTo(3L);
		});
	}

	@Test
	void missingResourceSignalledByAMonoIsA404() {
		this.runner.run((context) -> {
			JsonNode problem = problem(context, "/missing", HttpStatus.NOT_FOUND);
			assertThat(problem.get("title").asString()).isEqualTo("Not found");
			assertThat(problem.get("id").asString()).isEqualTo("w1");
		});
	}

	@Test
	void driftedIndexIsA503NamingTheEntityTypeInAnExtensionMember() {
		this.runner.run((context) -> {
			JsonNode problem = problem(context, "/drift", HttpStatus.SERVICE_UNAVAILABLE);
			assertThat(problem.get("title").asString()).isEqualTo("Index not ready");
			assertThat(problem.get("entityType").asString()).isEqualTo("Widget");
			assertThat(problem.path("type").asString("about:blank")).isEqualTo("about:blank");
			assertThat(problem.get("index").asString()).isEqualTo("gsi1");
			assertThat(problem.get("detail").asString()).startsWith("Index 'gsi1' of Widget does not match");
		});
	}

	@Test
	void springWebFluxProblemDetailsPropertyMakesSpringsOwnErrorsProblemResponsesToo() {
		ReactiveWebApplicationContextRunner boot = new ReactiveWebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(WebFluxAutoConfiguration.class, JacksonAutoConfiguration.class,
					CodecsAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class,
					SingleTableProblemDetailsAutoConfiguration.class))
			.withUserConfiguration(FailingController.class);
		boot.run((context) -> client(context).get()
			.uri("/number?value=ten")
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_JSON));
		boot.withPropertyValues("spring.webflux.problemdetails.enabled=true").run((context) -> {
			JsonNode problem = problem(context, "/number?value=ten", HttpStatus.BAD_REQUEST);
			assertThat(problem.get("title").asString()).isEqualTo("Bad Request");
			// the library's own answers are unchanged beside Spring's
			assertThat(problem(context, "/missing", HttpStatus.NOT_FOUND).get("title").asString())
				.isEqualTo("Not found");
		});
	}

	@Test
	void propertySwitchesItOff() {
		this.runner.withPropertyValues("singletable.web.problem-details.enabled=false")
			.run((context) -> client(context).get().uri("/missing").exchange().expectStatus().is5xxServerError());
	}

	private static JsonNode problem(ApplicationContext context, String path, HttpStatus status) {
		EntityExchangeResult<String> result = client(context).get()
			.uri(path)
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody(String.class)
			.returnResult();
		JsonNode problem = json.readTree(result.getResponseBody());
		assertThat(problem.get("status").asInt()).isEqualTo(status.value());
		return problem;
	}

	private static WebTestClient client(ApplicationContext context) {
		return WebTestClient.bindToApplicationContext(context).build();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebFlux
	@Import(FailingController.class)
	static class WebFluxConfiguration {

	}

	@RestController
	static class FailingController {

		@GetMapping("/conflict")
		String conflict() {
			throw new VersionConflictException(SingleTableProblemDetailsAutoConfigurationTests.Widget.class, "w1", 2L,
					3L);
		}

		@GetMapping("/drift")
		String drift() {
			throw new IndexDriftException(new IndexDrift(SingleTableProblemDetailsAutoConfigurationTests.Widget.class,
					"Widget", "gsi1", "the index was added (gsi1pk = 'color#{color}')", "add a migration"));
		}

		@GetMapping("/number")
		String number(@RequestParam int value) {
			return Integer.toString(value);
		}

		@GetMapping("/missing")
		Mono<String> missing() {
			return Mono.error(new NoSuchResourceException(SingleTableProblemDetailsAutoConfigurationTests.Widget.class,
					"w1", null));
		}

	}

}
