package dev.singletable.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.VersionConflictException;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The web layer of the articles alone, in a {@code @WebMvcTest} with the knowledge base mocked: the starter's problem
 * responses apply in the web slice as in the application.
 */
@WebMvcTest(ArticleController.class)
class ArticleControllerWebTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private KnowledgeBase knowledgeBase;

	@Test
	void missingArticleIsANotFoundProblem() throws Exception {
		given(this.knowledgeBase.get("a1")).willThrow(new NoSuchResourceException(Article.class,
				"a1", null));

		this.mvc.perform(get("/api/articles/a1"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Not found"))
			.andExpect(jsonPath("$.id").value("a1"));
	}

	@Test
	void staleUpdateIsAConflictProblem() throws Exception {
		given(this.knowledgeBase.update(eq("a1"), any(ArticleUpdateRequest.class)))
			.willThrow(new VersionConflictException(Article.class, "a1", 1L, 2L));

		this.mvc.perform(put("/api/articles/a1").contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": 1, \"title\": \"T\", \"body\": \"B\", \"status\": \"DRAFT\"}"))
			.andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Version conflict"))
			.andExpect(jsonPath("$.expectedVersion").value(1))
			.andExpect(jsonPath("$.currentVersion").value(2));
	}

}
