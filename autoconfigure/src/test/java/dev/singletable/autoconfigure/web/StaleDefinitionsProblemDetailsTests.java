package dev.singletable.autoconfigure.web;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import dev.singletable.core.schema.StaleDefinitions;
import dev.singletable.core.schema.StaleDefinitionsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * A write refused on an instance running older definitions than the fleet recorded is answered
 * {@code 503 Service Unavailable} naming the entity type (in {@code entityType}, never in RFC 9457's {@code type}) and
 * the migration, without the instance names and times meant for the operators.
 */
class StaleDefinitionsProblemDetailsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableProblemDetailsAutoConfiguration.class))
		.withUserConfiguration(WebConfiguration.class);

	@Test
	void aRefusedWriteIsA503NamingTheTypeAndTheMigration() {
		this.runner.run((context) -> {
			MockHttpServletResponse response = MockMvcBuilders.webAppContextSetup(context)
				.build()
				.perform(post("/devices").accept(MediaType.APPLICATION_JSON))
				.andReturn()
				.getResponse();
			assertThat(response.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
			assertThat(MediaType.parseMediaType(response.getContentType()))
				.isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			JsonNode problem = json.readTree(response.getContentAsString());
			assertThat(problem.get("title").asString()).isEqualTo("Definitions out of date");
			assertThat(problem.get("entityType").asString()).isEqualTo("Device");
			assertThat(problem.get("migration").asString()).isEqualTo("2");
			assertThat(problem.path("type").asString()).isNotEqualTo("Device");
			assertThat(problem.get("detail").asString()).contains("Writes of Device are refused on this instance")
				.doesNotContain("web-7");
		});
	}

	/**
	 * An entity type for the messages.
	 */
	static final class Device {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(RefusingController.class)
	static class WebConfiguration {

	}

	@RestController
	static class RefusingController {

		@PostMapping("/devices")
		String refuse() {
			throw new StaleDefinitionsException(new StaleDefinitions(Device.class, "Device", List.of("gsi2"),
					"index 'gsi2' is recorded (gsi2pk = 'owner#{owner}'), and this instance does not write it", "2",
					"web-7:4242:x1y2z3", Instant.parse("2026-11-25T12:00:00Z"), true));
		}

	}

}
