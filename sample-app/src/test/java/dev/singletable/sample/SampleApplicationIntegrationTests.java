package dev.singletable.sample;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import dev.singletable.sample.Article.Status;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample end to end over HTTP, on the embedded default (no endpoint or region configured, DynamoDB Local on
 * the test classpath): the README's curl session and the failure answers of the API.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class SampleApplicationIntegrationTests {

	private static final ParameterizedTypeReference<PageResponse<ArticleResponse>> PAGE = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<ArticleResponse>> ARTICLES = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<CommentResponse>> COMMENTS = new ParameterizedTypeReference<>() {
	};

	private static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

	private static final Pattern INVALID_FIELD = Pattern.compile("(?:^|, and )([\\w.\\[\\]]+) must ");

	@LocalServerPort
	private int port;

	@Autowired
	private DynamoDbClient dynamoDb;

	@Autowired
	private CommentRepository comments;

	private RestClient http;

	@BeforeEach
	void setUp() {
		// Every status comes back as a response: the tests assert 4xx answers instead of catching exceptions
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void readmeSessionCreatesUpdatesListsHistoryAndRestores() {
		String author = unique("ann");
		ResponseEntity<ArticleResponse> created = create(new NewArticleRequest("Single-table design",
				"Store every entity type in one table.", Status.DRAFT, author, List.of("dynamodb")));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		ArticleResponse v1 = created.getBody();
		assertThat(v1).isNotNull();
		assertThat(v1.id()).isNotBlank();
		assertThat(created.getHeaders().getLocation()).isEqualTo(URI.create("/api/articles/" + v1.id()));
		assertThat(v1.version()).isEqualTo(1L);
		assertThat(v1.createdAt()).isNotNull();
		assertThat(v1.tags()).containsExactly("dynamodb");
		String id = v1.id();

		ArticleResponse v2 = update(id, new ArticleUpdateRequest(1L, "Single-table design",
				"Store every entity type in one table, keyed by type and id.", Status.DRAFT, List.of("dynamodb")))
			.getBody();
		assertThat(v2).isNotNull();
		assertThat(v2.version()).isEqualTo(2L);
		ArticleResponse v3 = update(id, new ArticleUpdateRequest(2L, "Single-table design in practice",
				"Store every entity type in one table, keyed by type and id.", Status.PUBLISHED,
				List.of("dynamodb", "design")))
			.getBody();
		assertThat(v3).isNotNull();
		assertThat(v3.version()).isEqualTo(3L);
		assertThat(v3.status()).isEqualTo(Status.PUBLISHED);
		assertThat(v3.createdAt()).isEqualTo(v1.createdAt());
		assertThat(v3.updatedAt()).isAfter(v1.updatedAt());

		List<ArticleResponse> history = versions(id);
		assertThat(history).extracting(ArticleResponse::version).containsExactly(3L, 2L, 1L);
		assertThat(history).extracting(ArticleResponse::title)
			.containsExactly("Single-table design in practice", "Single-table design", "Single-table design");
		assertThat(this.http.get().uri("/api/articles/{id}/versions/1", id).retrieve().body(ArticleResponse.class))
			.isEqualTo(v1);

		ResponseEntity<ArticleResponse> restored = this.http.post()
			.uri("/api/articles/{id}/versions/1/restore", id)
			.retrieve()
			.toEntity(ArticleResponse.class);
		assertThat(restored.getStatusCode()).isEqualTo(HttpStatus.OK);
		ArticleResponse v4 = restored.getBody();
		assertThat(v4).isNotNull();
		assertThat(v4.version()).isEqualTo(4L);
		assertThat(v4).extracting(ArticleResponse::title, ArticleResponse::body, ArticleResponse::status,
				ArticleResponse::tags)
			.containsExactly(v1.title(), v1.body(), v1.status(), v1.tags());
		assertThat(v4.createdAt()).isEqualTo(v1.createdAt());
		assertThat(get(id).getBody()).isEqualTo(v4);
		assertThat(versions(id)).extracting(ArticleResponse::version).containsExactly(4L, 3L, 2L, 1L);
	}

	@Test
	void updateBasedOnAStaleVersionIsAConflictAndWritesNothing() {
		ArticleResponse v1 = createArticle(unique("bob"), Status.DRAFT, "First draft");
		ArticleResponse v2 = update(v1.id(), new ArticleUpdateRequest(1L, "Second draft", "Text", Status.DRAFT, null))
			.getBody();
		assertThat(v2).isNotNull();

		// Another client still holds version 1
		ResponseEntity<JsonNode> conflict = this.http.put()
			.uri("/api/articles/{id}", v1.id())
			.body(new ArticleUpdateRequest(1L, "Lost update", "Text", Status.PUBLISHED, null))
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(conflict.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(conflict.getHeaders().getContentType()).isEqualTo(PROBLEM_JSON);
		JsonNode problem = conflict.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.get("status").asInt()).isEqualTo(409);
		assertThat(problem.get("title").asString()).isEqualTo("Version conflict");
		assertThat(problem.get("detail").asString()).contains(v1.id()).contains("nothing was written");
		assertThat(problem.get("instance").asString()).isEqualTo("/api/articles/" + v1.id());
		assertThat(problem.get("expectedVersion").asLong()).isEqualTo(1L);
		assertThat(get(v1.id()).getBody()).isEqualTo(v2);
		assertThat(versions(v1.id())).extracting(ArticleResponse::version).containsExactly(2L, 1L);

		// A version from the future is no better
		ResponseEntity<JsonNode> ahead = this.http.put()
			.uri("/api/articles/{id}", v1.id())
			.body(new ArticleUpdateRequest(7L, "From the future", "Text", Status.PUBLISHED, null))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(ahead.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(versions(v1.id())).extracting(ArticleResponse::version).containsExactly(2L, 1L);
	}

	@Test
	void invalidInputIsABadRequestAndWritesNothing() {
		String author = unique("ivy");
		ResponseEntity<JsonNode> invalid = this.http.post()
			.uri("/api/articles")
			.body(Map.of("title", " ", "author", author, "tags", List.of("ok", "")))
			.retrieve()
			.toEntity(JsonNode.class);

		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(invalid.getHeaders().getContentType()).isEqualTo(PROBLEM_JSON);
		JsonNode problem = invalid.getBody();
		assertThat(problem).isNotNull();
		assertThat(problem.get("status").asInt()).isEqualTo(400);
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		assertThat(problem.get("detail").asString()).contains("nothing was written");
		assertThat(fields(problem)).containsExactlyInAnyOrder("title", "body", "status", "tags[1]");
		assertThat(listByAuthor(author, null, 20).items()).isEmpty();

		ArticleResponse article = createArticle(author, Status.DRAFT, "Valid");
		ResponseEntity<JsonNode> invalidUpdate = this.http.put()
			.uri("/api/articles/{id}", article.id())
			.body(Map.of("title", "Changed", "body", "Changed", "status", "PUBLISHED"))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(invalidUpdate.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fields(invalidUpdate.getBody())).containsExactly("version");
		assertThat(get(article.id()).getBody()).isEqualTo(article);

		ResponseEntity<JsonNode> unreadable = this.http.post()
			.uri("/api/articles")
			.contentType(MediaType.APPLICATION_JSON)
			.body("{\"title\": \"Broken\", \"status\": \"NOT_A_STATUS\"}")
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(unreadable.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unreadable.getHeaders().getContentType()).isEqualTo(PROBLEM_JSON);

		ResponseEntity<JsonNode> badSize = this.http.get()
			.uri("/api/articles?author={author}&size=0", author)
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(badSize.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fields(badSize.getBody())).containsExactly("size");

		ResponseEntity<JsonNode> noFilter = this.http.get().uri("/api/articles").retrieve().toEntity(JsonNode.class);
		assertThat(noFilter.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noFilter.getHeaders().getContentType()).isEqualTo(PROBLEM_JSON);

		assertThat(listByAuthor(author, null, 20).items()).containsExactly(article);
	}

	@Test
	void listingByStatusPagesWithCursorsAndVisitsEveryItemOnce() {
		// Only this test writes ARCHIVED articles, so the listing holds exactly these
		String author = unique("cy");
		List<String> ids = new ArrayList<>();
		for (int i = 1; i <= 7; i++) {
			ids.add(createArticle(author, Status.ARCHIVED, "Archived " + i).id());
		}

		List<String> visited = new ArrayList<>();
		@Nullable String cursor = null;
		int pages = 0;
		do {
			PageResponse<ArticleResponse> page = listByStatus(Status.ARCHIVED, cursor, 3);
			assertThat(page.items()).hasSizeLessThanOrEqualTo(3);
			page.items().forEach((article) -> visited.add(article.id()));
			cursor = page.nextCursor();
			pages++;
		}
		while (cursor != null && pages < 10);

		assertThat(visited).doesNotHaveDuplicates().containsExactlyElementsOf(ids);
		assertThat(pages).isBetween(3, 4);
	}

	@Test
	void listingByAuthorShowsTheMostRecentlyUpdatedFirst() {
		String author = unique("dee");
		ArticleResponse first = createArticle(author, Status.DRAFT, "First");
		ArticleResponse second = createArticle(author, Status.DRAFT, "Second");
		ArticleResponse third = createArticle(author, Status.DRAFT, "Third");
		assertThat(listByAuthor(author, null, 10).items()).extracting(ArticleResponse::id)
			.containsExactly(third.id(), second.id(), first.id());

		update(first.id(), new ArticleUpdateRequest(1L, "First, revised", "Text", Status.PUBLISHED, null));

		PageResponse<ArticleResponse> page = listByAuthor(author, null, 2);
		assertThat(page.items()).extracting(ArticleResponse::title).containsExactly("First, revised", "Third");
		assertThat(page.nextCursor()).isNotNull();
		PageResponse<ArticleResponse> rest = listByAuthor(author, page.nextCursor(), 2);
		assertThat(rest.items()).extracting(ArticleResponse::id).containsExactly(second.id());
		assertThat(rest.nextCursor()).isNull();
	}

	@Test
	void badCursorIsABadRequest() {
		String author = unique("eve");
		for (int i = 0; i < 3; i++) {
			createArticle(author, Status.DRAFT, "Article " + i);
		}
		String cursor = listByAuthor(author, null, 2).nextCursor();
		assertThat(cursor).isNotNull();

		// Changed or cut off, it is refused (the last character of a Base64 string may carry unused bits, so the
		// change is made in the middle)
		int middle = cursor.length() / 2;
		String changed = cursor.substring(0, middle) + ((cursor.charAt(middle) == 'A') ? 'B' : 'A')
				+ cursor.substring(middle + 1);
		for (String bad : List.of("not-a-cursor", changed, cursor.substring(0, cursor.length() - 4))) {
			assertInvalidCursor(this.http.get()
				.uri("/api/articles?author={author}&size=2&cursor={cursor}", author, bad)
				.retrieve()
				.toEntity(JsonNode.class));
		}
		// A cursor of another listing is refused too, rather than read from the other partition
		assertInvalidCursor(this.http.get()
			.uri("/api/articles?author={author}&size=2&cursor={cursor}", unique("mallory"), cursor)
			.retrieve()
			.toEntity(JsonNode.class));
		assertInvalidCursor(this.http.get()
			.uri("/api/articles?status=DRAFT&size=2&cursor={cursor}", cursor)
			.retrieve()
			.toEntity(JsonNode.class));
	}

	@Test
	void commentsAreAddedAndListedOldestFirst() {
		ArticleResponse article = createArticle(unique("fay"), Status.PUBLISHED, "Commented");
		CommentResponse first = addComment(article.id(), new CommentRequest("gus", "Clear and short."));
		CommentResponse second = addComment(article.id(), new CommentRequest("hal", "What about transactions?"));
		assertThat(first.id()).isNotBlank();
		assertThat(first.articleId()).isEqualTo(article.id());
		assertThat(first.createdAt()).isNotNull();

		List<CommentResponse> listed = this.http.get()
			.uri("/api/articles/{id}/comments", article.id())
			.retrieve()
			.body(COMMENTS);
		assertThat(listed).containsExactly(first, second);

		ResponseEntity<JsonNode> invalid = this.http.post()
			.uri("/api/articles/{id}/comments", article.id())
			.body(Map.of("author", "ian", "text", ""))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(invalid.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fields(invalid.getBody())).containsExactly("text");

		ResponseEntity<JsonNode> missing = this.http.post()
			.uri("/api/articles/{id}/comments", "01HZZZZZZZZZZZZZZZZZZZZZZZ")
			.body(new CommentRequest("ian", "Anyone here?"))
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.http.get().uri("/api/articles/{id}/comments", article.id()).retrieve().body(COMMENTS))
			.containsExactly(first, second);
	}

	@Test
	void anArticlesThreadIsReadAPageAtATimeAsOneItemCollection() {
		ArticleResponse article = createArticle(unique("jon"), Status.PUBLISHED, "Threaded");
		CommentResponse first = addComment(article.id(), new CommentRequest("kay", "First."));
		CommentResponse second = addComment(article.id(), new CommentRequest("lou", "Second."));
		CommentResponse third = addComment(article.id(), new CommentRequest("max", "Third."));

		ThreadResponse opening = this.http.get()
			.uri("/api/articles/{id}/comments/thread?size=2", article.id())
			.retrieve()
			.body(ThreadResponse.class);
		assertThat(opening.article().id()).isEqualTo(article.id());
		assertThat(opening.article().title()).isEqualTo("Threaded");
		assertThat(opening.comments()).containsExactly(first);
		ThreadResponse rest = this.http.get()
			.uri("/api/articles/{id}/comments/thread?size=2&cursor={cursor}", article.id(), opening.nextCursor())
			.retrieve()
			.body(ThreadResponse.class);
		assertThat(rest.article()).isNull();
		assertThat(rest.comments()).containsExactly(second, third);
		assertThat(rest.nextCursor()).isNull();

		ResponseEntity<JsonNode> missing = this.http.get()
			.uri("/api/articles/{id}/comments/thread", "01HZZZZZZZZZZZZZZZZZZZZZZZ")
			.retrieve()
			.toEntity(JsonNode.class);
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	@Test
	void viewsCountedConcurrentlyAreExact() throws Exception {
		ArticleResponse article = createArticle(unique("jo"), Status.PUBLISHED, "Popular");
		assertThat(views(article.id(), false)).isZero();
		int threads = 4;
		int viewsPerThread = 25;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<List<Long>>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				results.add(executor.submit(() -> {
					start.await();
					List<Long> counts = new ArrayList<>();
					for (int i = 0; i < viewsPerThread; i++) {
						counts.add(views(article.id(), true));
					}
					return counts;
				}));
			}
			// All threads race for the first view, which creates the counter
			start.countDown();
			List<Long> counts = new ArrayList<>();
			for (Future<List<Long>> result : results) {
				counts.addAll(result.get(60, TimeUnit.SECONDS));
			}
			long total = (long) threads * viewsPerThread;
			assertThat(views(article.id(), false)).isEqualTo(total);
			// Each answer is the count read after that view was added, so it may include concurrent views too
			assertThat(counts).hasSize((int) total).allSatisfy((count) -> assertThat(count).isBetween(1L, total));
			assertThat(Collections.max(counts)).isEqualTo(total);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void deletedArticleIsGoneWithItsHistoryCommentsAndViews() {
		ArticleResponse article = createArticle(unique("kim"), Status.DRAFT, "Short-lived");
		update(article.id(), new ArticleUpdateRequest(1L, "Short-lived, edited", "Text", Status.DRAFT, null));
		addComment(article.id(), new CommentRequest("lee", "Bye."));
		views(article.id(), true);

		ResponseEntity<Void> deleted = this.http.delete().uri("/api/articles/{id}", article.id()).retrieve().toBodilessEntity();
		assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		for (String path : List.of("", "/versions", "/versions/1", "/comments", "/views")) {
			ResponseEntity<JsonNode> gone = this.http.get()
				.uri("/api/articles/{id}" + path, article.id())
				.retrieve()
				.toEntity(JsonNode.class);
			assertThat(gone.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(gone.getHeaders().getContentType()).as(path).isEqualTo(PROBLEM_JSON);
			assertThat(gone.getBody()).isNotNull();
			assertThat(gone.getBody().get("title").asString()).as(path).isEqualTo("Not found");
		}
		assertThat(this.http.delete().uri("/api/articles/{id}", article.id()).retrieve().toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.http.put()
			.uri("/api/articles/{id}", article.id())
			.body(new ArticleUpdateRequest(2L, "Back again", "Text", Status.DRAFT, null))
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.http.post()
			.uri("/api/articles/{id}/versions/1/restore", article.id())
			.retrieve()
			.toBodilessEntity()
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(this.comments.findByArticleId(article.id())).isEmpty();
		assertThat(item("ArticleViews#" + article.id(), "ArticleViews#" + article.id())).isEmpty();
	}

	@Test
	void articlesAreStoredCompressedWhileCommentsAndViewsArePlainAttributes() {
		ArticleResponse article = createArticle(unique("max"), Status.DRAFT, "Compressed");
		CommentResponse comment = addComment(article.id(), new CommentRequest("ned", "Plain"));
		views(article.id(), true);

		Map<String, AttributeValue> latest = item("Article#" + article.id(), "v0");
		assertThat(latest.get("data").b()).isNotNull();
		assertThat(latest).doesNotContainKey("title");
		assertThat(latest.get("gsi1pk").s()).isEqualTo("status#DRAFT");
		Map<String, AttributeValue> stored = item("Comment#" + comment.id(), "Comment#" + comment.id());
		assertThat(stored).doesNotContainKey("data");
		assertThat(stored.get("text").s()).isEqualTo("Plain");
		assertThat(stored.get("gsi2pk").s()).isEqualTo("article#" + article.id());
		assertThat(item("ArticleViews#" + article.id(), "ArticleViews#" + article.id()).get("views").n()).isEqualTo("1");
	}

	@Test
	void healthIsUpWithTheTableDetails() {
		ResponseEntity<JsonNode> response = this.http.get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode health = response.getBody();
		assertThat(health).isNotNull();
		assertThat(health.get("status").asString()).isEqualTo("UP");
		JsonNode singletable = health.path("components").path("singletable");
		assertThat(singletable.path("status").asString()).isEqualTo("UP");
		JsonNode details = singletable.path("details");
		assertThat(details.path("tableName").asString()).isEqualTo("knowledge-base");
		assertThat(details.path("status").asString()).isEqualTo("ACTIVE");
		List<String> indexes = new ArrayList<>();
		details.path("indexes").forEach((index) -> indexes.add(index.asString()));
		assertThat(indexes).contains("gsitype", "gsi1", "gsi2", "gsi3");
	}

	@Test
	void metricsShowTheOperationsWithTheirTypeOperationAndIndex() {
		ResponseEntity<ArticleResponse> created = create(new NewArticleRequest("Observed", "Text of Observed",
				Status.DRAFT, "ann", List.of()));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);

		JsonNode timer = metric("singletable.operation?tag=type:Article&tag=operation:create");
		assertThat(statistic(timer, "COUNT")).isGreaterThanOrEqualTo(1);
		assertThat(tagValues(timer, "index")).containsExactly("table");
		assertThat(tagValues(timer, "table")).containsExactly("knowledge-base");
		JsonNode capacity = metric("singletable.capacity.consumed?tag=type:Article&tag=operation:create&tag=kind:write");
		assertThat(statistic(capacity, "COUNT")).isGreaterThan(0);
		JsonNode all = metric("singletable.operation");
		assertThat(tagValues(all, "operation")).contains("create");
		assertThat(tagValues(all, "type")).contains("Article");
	}

	private JsonNode metric(String path) {
		ResponseEntity<JsonNode> response = this.http.get().uri("/actuator/metrics/" + path).retrieve()
			.toEntity(JsonNode.class);
		assertThat(response.getStatusCode()).as("GET /actuator/metrics/%s", path).isEqualTo(HttpStatus.OK);
		assertThat(response.getBody()).isNotNull();
		return response.getBody();
	}

	private static double statistic(JsonNode metric, String name) {
		for (JsonNode measurement : metric.path("measurements")) {
			if (name.equals(measurement.path("statistic").asString())) {
				return measurement.path("value").asDouble();
			}
		}
		throw new AssertionError("No " + name + " in " + metric);
	}

	private static List<String> tagValues(JsonNode metric, String tag) {
		List<String> values = new ArrayList<>();
		for (JsonNode available : metric.path("availableTags")) {
			if (tag.equals(available.path("tag").asString())) {
				available.path("values").forEach((value) -> values.add(value.asString()));
			}
		}
		return values;
	}

	private ResponseEntity<ArticleResponse> create(NewArticleRequest request) {
		return this.http.post().uri("/api/articles").body(request).retrieve().toEntity(ArticleResponse.class);
	}

	private ArticleResponse createArticle(String author, Status status, String title) {
		ResponseEntity<ArticleResponse> created = create(
				new NewArticleRequest(title, "Text of " + title, status, author, List.of()));
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		assertThat(created.getBody()).isNotNull();
		return created.getBody();
	}

	private ResponseEntity<ArticleResponse> update(String id, ArticleUpdateRequest request) {
		ResponseEntity<ArticleResponse> updated = this.http.put()
			.uri("/api/articles/{id}", id)
			.body(request)
			.retrieve()
			.toEntity(ArticleResponse.class);
		assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
		return updated;
	}

	private ResponseEntity<ArticleResponse> get(String id) {
		return this.http.get().uri("/api/articles/{id}", id).retrieve().toEntity(ArticleResponse.class);
	}

	private List<ArticleResponse> versions(String id) {
		ResponseEntity<List<ArticleResponse>> versions = this.http.get()
			.uri("/api/articles/{id}/versions", id)
			.retrieve()
			.toEntity(ARTICLES);
		assertThat(versions.getStatusCode()).isEqualTo(HttpStatus.OK);
		return versions.getBody();
	}

	private PageResponse<ArticleResponse> listByStatus(Status status, @Nullable String cursor, int size) {
		return list("status", status.name(), cursor, size);
	}

	private PageResponse<ArticleResponse> listByAuthor(String author, @Nullable String cursor, int size) {
		return list("author", author, cursor, size);
	}

	private PageResponse<ArticleResponse> list(String filter, String value, @Nullable String cursor, int size) {
		Map<String, Object> variables = new HashMap<>();
		variables.put("value", value);
		variables.put("cursor", cursor);
		ResponseEntity<PageResponse<ArticleResponse>> page = this.http.get().uri((uri) -> {
			uri.path("/api/articles").queryParam(filter, "{value}").queryParam("size", size);
			if (cursor != null) {
				uri.queryParam("cursor", "{cursor}");
			}
			return uri.build(variables);
		}).retrieve().toEntity(PAGE);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		return page.getBody();
	}

	private CommentResponse addComment(String articleId, CommentRequest request) {
		ResponseEntity<CommentResponse> added = this.http.post()
			.uri("/api/articles/{id}/comments", articleId)
			.body(request)
			.retrieve()
			.toEntity(CommentResponse.class);
		assertThat(added.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		return added.getBody();
	}

	private long views(String articleId, boolean count) {
		RestClient.RequestHeadersUriSpec<?> request = count ? this.http.post() : this.http.get();
		ResponseEntity<ViewsResponse> views = request.uri("/api/articles/{id}/views", articleId)
			.retrieve()
			.toEntity(ViewsResponse.class);
		assertThat(views.getStatusCode()).isEqualTo(HttpStatus.OK);
		return views.getBody().views();
	}

	private Map<String, AttributeValue> item(String pk, String sk) {
		return this.dynamoDb.getItem((request) -> request.tableName("knowledge-base")
			.consistentRead(true)
			.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))).item();
	}

	private static void assertInvalidCursor(ResponseEntity<JsonNode> response) {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(response.getHeaders().getContentType()).isEqualTo(PROBLEM_JSON);
		assertThat(response.getBody()).isNotNull();
		assertThat(response.getBody().get("title").asString()).isEqualTo("Invalid cursor");
		assertThat(response.getBody().get("detail").asString()).startsWith("Invalid cursor");
	}

	/**
	 * Returns the fields that the detail of an invalid-request problem names: Spring MVC joins the violations with
	 * {@code , and}, each worded by messages.properties as {@code <field> must ...}.
	 */
	private static List<String> fields(JsonNode problem) {
		assertThat(problem).isNotNull();
		assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
		String detail = problem.get("detail").asString();
		assertThat(detail).startsWith("The request is invalid and nothing was written: ");
		List<String> fields = new ArrayList<>();
		Matcher matcher = INVALID_FIELD.matcher(detail.substring(detail.indexOf(": ") + 2));
		while (matcher.find()) {
			fields.add(matcher.group(1));
		}
		return fields;
	}

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void theConsoleAnswersAtSingletableOnTheEmbeddedDefault() {
		ResponseEntity<String> table = this.http.get().uri("/singletable").retrieve().toEntity(String.class);
		assertThat(table.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(table.getHeaders().getContentType()).isNotNull()
			.satisfies((type) -> assertThat(type.isCompatibleWith(MediaType.TEXT_HTML)).isTrue());
		assertThat(table.getBody()).contains("id=\"types\"", "data-type=\"Article\"");
	}

}
