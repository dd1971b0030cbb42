package dev.singletable.sample;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.reactive.context.ReactiveWebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import dev.singletable.autoconfigure.health.SingleTableReactiveHealthIndicator;
import dev.singletable.sample.Article.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample on WebFlux (profile {@code reactive}, the README's reactive command), on the embedded default: the
 * README's curl session gives the same answers as on the blocking stack, served by the reactive API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("reactive")
class ReactiveSampleApplicationIntegrationTests {

	private static final ParameterizedTypeReference<List<ArticleResponse>> ARTICLES = new ParameterizedTypeReference<>() {
	};

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	private RestClient http;

	@BeforeEach
	void setUp() {
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void runsOnWebFluxWithTheReactiveControllerAndHealthIndicator() {
		assertThat(this.context).isInstanceOf(ReactiveWebServerApplicationContext.class);
		assertThat(this.context.getBeansOfType(ReactiveArticleController.class)).hasSize(1);
		assertThat(this.context.getBeansOfType(ArticleController.class)).isEmpty();
		assertThat(this.context.getBeansOfType(SingleTableReactiveHealthIndicator.class)).hasSize(1);
	}

	@Test
	void readmeSessionGivesTheSameAnswers() {
		String author = "ann-" + UUID.randomUUID();
		ResponseEntity<ArticleResponse> created = this.http.post()
			.uri("/api/articles")
			.contentType(MediaType.APPLICATION_JSON)
			.body(new NewArticleRequest("Single-table design", "Store every entity type in one table.", Status.DRAFT,
					author, List.of("dynamodb")))
			.retrieve()
			.toEntity(ArticleResponse.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ArticleResponse v1 = created.getBody();
		assertThat(v1).isNotNull();
		String id = v1.id();
		assertThat(created.getHeaders().getLocation()).isEqualTo(URI.create("/api/articles/" + id));
		assertThat(v1).extracting(ArticleResponse::version, ArticleResponse::title)
			.containsExactly(1L, "Single-table design");

		ArticleResponse v2 = this.http.put()
			.uri("/api/articles/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ArticleUpdateRequest(1L, "Single-table design in practice",
					"Store every entity type in one table, keyed by type and id.", Status.PUBLISHED,
					List.of("dynamodb")))
			.retrieve()
			.body(ArticleResponse.class);
		assertThat(v2).extracting(ArticleResponse::version, ArticleResponse::title, ArticleResponse::status)
			.containsExactly(2L, "Single-table design in practice", Status.PUBLISHED);

		List<ArticleResponse> versions = this.http.get().uri("/api/articles/{id}/versions", id).retrieve().body(ARTICLES);
		assertThat(versions).extracting(ArticleResponse::version, ArticleResponse::title, ArticleResponse::status)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(2L, "Single-table design in practice", Status.PUBLISHED),
					org.assertj.core.groups.Tuple.tuple(1L, "Single-table design", Status.DRAFT));

		ArticleResponse v3 = this.http.post()
			.uri("/api/articles/{id}/versions/1/restore", id)
			.retrieve()
			.body(ArticleResponse.class);
		assertThat(v3).extracting(ArticleResponse::version, ArticleResponse::title, ArticleResponse::status)
			.containsExactly(3L, "Single-table design", Status.DRAFT);

		ResponseEntity<JsonNode> stale = this.http.put()
			.uri("/api/articles/{id}", id)
			.contentType(MediaType.APPLICATION_JSON)
			.body(new ArticleUpdateRequest(2L, "Stale edit", "Based on version 2", Status.DRAFT, null))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(stale.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		JsonNode problem = stale.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.get("detail").asString()).isEqualTo("Article '" + id
				+ "' was changed by someone else: the update was based on version 2 but the stored state is version 3;"
				+ " nothing was written. Read the latest state and apply the change again.");
		assertThat(problem.get("title").asString()).isEqualTo("Version conflict");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/articles/" + id);
		assertThat(problem.get("expectedVersion").asLong()).isEqualTo(2L);
		assertThat(problem.get("currentVersion").asLong()).isEqualTo(3L);

		ResponseEntity<JsonNode> health = this.http.get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode singletable = health.getBody().get("components").get("singletable");
		assertThat(singletable.get("status").asString()).isEqualTo("UP");
		assertThat(singletable.get("details").get("tableName").asString()).isEqualTo("knowledge-base");
		assertThat(singletable.get("details").get("status").asString()).isEqualTo("ACTIVE");
	}

	@Test
	void listsPagesByStatusAndByAuthorWithCursorsAndAnswersMissingArticlesWith404() {
		String author = "bob-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			this.http.post()
				.uri("/api/articles")
				.contentType(MediaType.APPLICATION_JSON)
				.body(new NewArticleRequest("Note " + i, "Text " + i, Status.ARCHIVED, author, List.of()))
				.retrieve()
				.toBodilessEntity();
		}
		JsonNode first = this.http.get()
			.uri("/api/articles?author={author}&size=2", author)
			.retrieve()
			.body(JsonNode.class);
		assertThat(first.get("items")).hasSize(2);
		assertThat(first.get("items").get(0).get("title").asString()).isEqualTo("Note 2");
		String cursor = first.get("nextCursor").asString();
		JsonNode second = this.http.get()
			.uri("/api/articles?author={author}&size=2&cursor={cursor}", author, cursor)
			.retrieve()
			.body(JsonNode.class);
		assertThat(second.get("items")).hasSize(1);
		assertThat(second.get("items").get(0).get("title").asString()).isEqualTo("Note 0");
		assertThat(second.get("nextCursor").isNull()).isTrue();

		ResponseEntity<JsonNode> missing = this.http.get().uri("/api/articles/01ARZ3NDEKTSV4RRFFQ69G5FAV").retrieve()
			.toEntity(JsonNode.class);
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		ResponseEntity<JsonNode> badCursor = this.http.get()
			.uri("/api/articles?author={author}&cursor=not-a-cursor", author)
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(badCursor.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(this.http.delete().uri("/api/articles/{id}", first.get("items").get(0).get("id").asString())
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
	}

}
