package dev.singletable.autoconfigure.web;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.config.EnableSpringDataWebSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.config.annotation.EnableWebMvc;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.data.SingleTableRepositoriesAutoConfiguration;
import dev.singletable.autoconfigure.web.notes.Note;
import dev.singletable.autoconfigure.web.notes.NotePackage;
import dev.singletable.autoconfigure.web.notes.NoteRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * Paging from a web request through Spring Boot (from issue 15): a {@code Pageable} bound from a web request lists the
 * type index in the order its sort key allows, and a sort it cannot honour is a {@code 400} problem naming the sortable
 * properties.
 */
class PageableSortProblemDetailsTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SingleTableAutoConfiguration.class,
				SingleTableRepositoriesAutoConfiguration.class, SingleTableProblemDetailsAutoConfiguration.class))
		.withUserConfiguration(NotePackage.class, WebConfiguration.class)
		.withPropertyValues(TestTables.endpointProperty(), "singletable.table.create=create-if-missing",
				"singletable.table-name=" + TestTables.uniqueName("pageable-sort"));

	@Test
	void aPageableFromTheRequestSortsByTheSortKeyOrIsA400NamingTheSortableProperties() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			NoteRepository notes = context.getBean(NoteRepository.class);
			for (String title : List.of("one", "two", "three")) {
				notes.save(new Note(null, null, title));
			}
			MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context).build();
			MockHttpServletResponse listed = mvc
				.perform(get("/notes").param("sort", "updatedAt,desc").param("size", "2").accept(MediaType.APPLICATION_JSON))
				.andReturn()
				.getResponse();
			assertThat(listed.getStatus()).isEqualTo(HttpStatus.OK.value());
			assertThat(json.readTree(listed.getContentAsString()).valueStream().map(JsonNode::asString))
				.containsExactly("three", "two");

			MockHttpServletResponse refused = mvc
				.perform(get("/notes").param("sort", "title").accept(MediaType.APPLICATION_JSON))
				.andReturn()
				.getResponse();
			assertThat(refused.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST.value());
			assertThat(MediaType.parseMediaType(refused.getContentType())).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			JsonNode problem = json.readTree(refused.getContentAsString());
			assertThat(problem.get("title").asString()).isEqualTo("Invalid sort");
			assertThat(problem.get("detail").asString()).contains("Note", "title");
			assertThat(problem.get("sortable").valueStream().map(JsonNode::asString)).containsExactly("updatedAt",
					"updated_at");
		});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableWebMvc
	@EnableSpringDataWebSupport
	@Import(NoteController.class)
	static class WebConfiguration {

	}

	@RestController
	static class NoteController {

		private final NoteRepository notes;

		NoteController(NoteRepository notes) {
			this.notes = notes;
		}

		@GetMapping("/notes")
		List<String> list(Pageable pageable) {
			return this.notes.findAll(pageable).map(Note::title).getContent();
		}

	}

}
