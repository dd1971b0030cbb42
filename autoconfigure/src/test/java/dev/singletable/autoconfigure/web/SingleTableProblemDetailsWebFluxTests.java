package dev.singletable.autoconfigure.web;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.config.EnableWebFlux;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.VersionConflictException;

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

		@GetMapping("/missing")
		Mono<String> missing() {
			return Mono.error(new NoSuchResourceException(SingleTableProblemDetailsAutoConfigurationTests.Widget.class,
					"w1", null));
		}

	}

}
