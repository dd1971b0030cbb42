package dev.singletable.autoconfigure.web;

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
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import dev.singletable.core.schema.IndexDrift;
import dev.singletable.core.schema.IndexDriftException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A query refused because its index drifted is answered {@code 503 Service Unavailable} naming the entity type (in
 * the extension member {@code entityType}, not in RFC 9457's {@code type}) and the index, without the fix (code for
 * the operators, logged at start-up).
 */
class IndexDriftProblemDetailsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableProblemDetailsAutoConfiguration.class))
		.withUserConfiguration(WebConfiguration.class);

	@Test
	void aDriftedIndexIsA503NamingTheIndex() {
		this.runner.run((context) -> {
			JsonNode problem = problem(MockMvcBuilders.webAppContextSetup(context).build(), "/tickets/index");
			assertThat(problem.get("title").asString()).isEqualTo("Index not ready");
			assertThat(problem.get("entityType").asString()).isEqualTo("Ticket");
			assertThat(problem.path("type").asString("about:blank")).as("RFC 9457's problem type URI")
				.isEqualTo("about:blank");
			assertThat(problem.get("index").asString()).isEqualTo("gsi2");
			assertThat(problem.get("detail").asString())
				.startsWith("Index 'gsi2' of Ticket does not match the stored items yet: the index was added")
				.doesNotContain("SingleTableMigration");
		});
	}

	@Test
	void aDriftedPrefixIsA503NamingTheType() {
		this.runner.run((context) -> {
			JsonNode problem = problem(MockMvcBuilders.webAppContextSetup(context).build(), "/tickets/type");
			assertThat(problem.get("entityType").asString()).isEqualTo("Ticket");
			assertThat(problem.path("type").asString("about:blank")).isEqualTo("about:blank");
			assertThat(problem.has("index")).isFalse();
			assertThat(problem.get("detail").asString())
				.startsWith("The indexes of Ticket do not match the stored items yet: its prefix changed")
				.contains("Queries of them answer again");
		});
	}

	private static JsonNode problem(MockMvc mvc, String path) throws Exception {
		MockHttpServletResponse response = mvc.perform(get(path).accept(MediaType.APPLICATION_JSON))
			.andReturn()
			.getResponse();
		assertThat(response.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE.value());
		assertThat(MediaType.parseMediaType(response.getContentType())).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		return json.readTree(response.getContentAsString());
	}

	/**
	 * An entity type for the messages.
	 */
	static final class Ticket {

	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@Import(RefusingController.class)
	static class WebConfiguration {

	}

	@RestController
	static class RefusingController {

		@GetMapping("/tickets/{what}")
		String refuse(@PathVariable String what) {
			String fix = "add the migration SingleTableMigration.version(\"N\").description(\"...\")"
					+ ".reindex(Ticket.class).build()";
			throw new IndexDriftException(new IndexDrift(Ticket.class, "Ticket", "index".equals(what) ? "gsi2" : null,
					"index".equals(what) ? "the index was added (gsi2pk = 'owner#{owner}')"
							: "its prefix changed from 'Issue' to 'Ticket'",
					fix));
		}

	}

}
