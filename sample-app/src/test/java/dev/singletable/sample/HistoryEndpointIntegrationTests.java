package dev.singletable.sample;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.singletable.sample.Article.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code singletablehistory} actuator endpoint over real HTTP, exposed as an application would expose it:
 * the versions of an article and the field-level differences between two of them, and the answers for unknown
 * types, ids and versions.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=health,singletablehistory")
class HistoryEndpointIntegrationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private ArticleRepository articles;

	private RestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port + "/actuator/singletablehistory")
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void listsTheVersionsOfAnArticleNewestFirst() {
		Article v1 = this.articles.save(Article.create("Title", "Body", Status.DRAFT, "ada", List.of("a")));
		Article v2 = this.articles.save(v1.withContent(1, "Title", "Body two", Status.DRAFT, List.of("a")));
		Article v3 = this.articles.save(v2.withContent(2, "New title", "Body two", Status.PUBLISHED, List.of("a", "b")));

		ResponseEntity<JsonNode> response = get("/Article/" + v1.id());

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode body = response.getBody();
		assertThat(body.path("type").asString()).isEqualTo("Article");
		assertThat(body.path("id").asString()).isEqualTo(v1.id());
		JsonNode versions = body.path("versions");
		assertThat(versions.size()).isEqualTo(3);
		assertThat(versions.get(0).path("version").asLong()).isEqualTo(3);
		assertThat(versions.get(0).path("latest").asBoolean()).isTrue();
		assertThat(versions.get(2).path("version").asLong()).isEqualTo(1);
		assertThat(versions.get(2).path("latest").asBoolean()).isFalse();
		assertThat(versions.get(0).path("updatedAt").asString()).isEqualTo(v3.updatedAt().toString());
		assertThat(versions.get(2).path("createdAt").asString()).isEqualTo(v1.createdAt().toString());
	}

	@Test
	void showsTheFieldsThatDifferBetweenTwoVersions() {
		Article v1 = this.articles.save(Article.create("Title", "Body", Status.DRAFT, "ada", List.of("a")));
		Article v2 = this.articles.save(v1.withContent(1, "Title", "Body two", Status.DRAFT, List.of("a")));
		this.articles.save(v2.withContent(2, "New title", "Body two", Status.PUBLISHED, List.of("a", "b")));

		ResponseEntity<JsonNode> response = get("/Article/" + v1.id() + "/diff?from=1&to=3");

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode changes = response.getBody().path("changes");
		assertThat(changes.propertyNames()).containsExactlyInAnyOrder("title", "body", "status", "tags");
		assertThat(changes.path("title").path("old").asString()).isEqualTo("Title");
		assertThat(changes.path("title").path("new").asString()).isEqualTo("New title");
		assertThat(changes.path("status").path("new").asString()).isEqualTo("PUBLISHED");
		assertThat(changes.path("tags").path("new").size()).isEqualTo(2);

		JsonNode oneStep = get("/Article/" + v1.id() + "/diff?from=1&to=2").getBody().path("changes");
		assertThat(oneStep.propertyNames()).containsExactly("body");
		assertThat(get("/Article/" + v1.id() + "/diff?from=2&to=2").getBody().path("changes").isEmpty()).isTrue();
	}

	@Test
	void unknownTypesIdsAndVersionsAreNotFoundAndBadInputIsRefused() {
		Article article = this.articles.save(Article.create("Title", "Body", Status.DRAFT, "ada", List.of()));

		ResponseEntity<JsonNode> unknownType = get("/Nope/" + article.id());
		assertThat(unknownType.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(unknownType.getBody().path("message").asString()).contains("Nope").contains("Article");
		assertThat(get("/Article/missing").getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/Article/" + article.id() + "/diff?from=1&to=9").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/Article/" + article.id() + "/other?from=1&to=1").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(get("/Article/" + article.id() + "/diff?from=0&to=1").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(get("/Article/" + article.id() + "/diff?from=1").getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		ResponseEntity<JsonNode> plain = get("/Comment/" + article.id());
		assertThat(plain.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(plain.getBody().path("message").asString()).contains("keeps no versions");
	}

	private ResponseEntity<JsonNode> get(String path) {
		return this.http.get().uri(path).retrieve().toEntity(JsonNode.class);
	}

}
