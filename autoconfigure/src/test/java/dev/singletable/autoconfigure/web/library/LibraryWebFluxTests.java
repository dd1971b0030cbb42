package dev.singletable.autoconfigure.web.library;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.web.reactive.server.WebTestClient;

import dev.singletable.test.DynamoDbLocal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a WebFlux controller of the {@link LibraryApplication} answers with Spring Data's {@code Pageable} and
 * {@code Sort} arguments and a window cursor, on the shared DynamoDB Local, with
 * {@code spring.data.web.pageable.default-page-size=2}, {@code max-page-size=3} and
 * {@code serialization-mode=via-dto}: the subclasses run it in the
 * whole application and in a {@code @WebFluxTest} slice.
 */
@TestInstance(Lifecycle.PER_CLASS)
abstract class LibraryWebFluxTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private ApplicationContext context;

	@Autowired
	private ReactiveBookRepository books;

	private WebTestClient client;

	static void register(DynamicPropertyRegistry registry, String table) {
		registry.add("singletable.endpoint", () -> DynamoDbLocal.endpoint().toString());
		registry.add("singletable.table-name", () -> table);
		registry.add("singletable.table.create", () -> "create-if-missing");
		registry.add("spring.data.web.pageable.default-page-size", () -> "2");
		registry.add("spring.data.web.pageable.max-page-size", () -> "3");
		registry.add("spring.data.web.pageable.serialization-mode", () -> "via-dto");
	}

	@BeforeAll
	void storeBooks() throws InterruptedException {
		this.client = WebTestClient.bindToApplicationContext(this.context).build();
		for (String id : List.of("b1", "b2", "b3", "b4", "b5")) {
			this.books.save(new Book(id, null, "S1", "Title " + id)).block(WAIT);
			Thread.sleep(5); // distinct modification times for the type index order
		}
		this.books.save(new Book("c1", null, "S2", "Other")).block(WAIT);
	}

	@Test
	void pageableArgumentReadsTheRequestedSliceAsContentPageAndHasNext() {
		JsonNode second = get("/books?shelf=S1&page=1&size=2");
		assertThat(ids(second)).containsExactly("b3", "b4");
		assertThat(second.get("page").get("number").asInt()).isEqualTo(1);
		assertThat(second.get("page").get("size").asInt()).isEqualTo(2);
		assertThat(second.get("hasNext").asBoolean()).isTrue();
		assertThat(second.propertyNames()).containsExactly("content", "page", "hasNext");
		JsonNode last = get("/books?shelf=S1&page=2&size=2");
		assertThat(ids(last)).containsExactly("b5");
		assertThat(last.get("hasNext").asBoolean()).isFalse();
	}

	@Test
	void pageableArgumentHonoursTheDefaultAndMaximumPageSize() {
		assertThat(ids(get("/books?shelf=S1"))).as("default-page-size").containsExactly("b1", "b2");
		JsonNode capped = get("/books?shelf=S1&size=50");
		assertThat(ids(capped)).as("max-page-size").containsExactly("b1", "b2", "b3");
		assertThat(capped.get("page").get("size").asInt()).isEqualTo(3);
		assertThat(capped.get("hasNext").asBoolean()).isTrue();
	}

	@Test
	void pageIsWrittenAsSpringDataPagedModel() {
		JsonNode page = get("/books/pages?shelf=S1&page=0&size=2");
		assertThat(ids(page)).containsExactly("b1", "b2");
		assertThat(page.propertyNames()).containsExactly("content", "page");
		assertThat(page.get("page").get("totalElements").asLong()).isEqualTo(5);
		assertThat(page.get("page").get("totalPages").asInt()).isEqualTo(3);
	}

	@Test
	void sortArgumentOrdersTheTypeListing() {
		assertThat(ids(get("/books/all?sort=updatedAt,desc"))).containsExactly("c1", "b5", "b4", "b3", "b2", "b1");
		assertThat(ids(get("/books/all?sort=updatedAt,asc"))).containsExactly("b1", "b2", "b3", "b4", "b5", "c1");
	}

	@Test
	void sortTheQueryCannotHonourIsA400Problem() {
		for (String uri : List.of("/books/all?sort=title", "/books?shelf=S1&sort=title,desc")) {
			String body = this.client.get()
				.uri(uri)
				.accept(MediaType.APPLICATION_JSON)
				.exchange()
				.expectStatus()
				.isEqualTo(HttpStatus.BAD_REQUEST)
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			JsonNode problem = json.readTree(body);
			assertThat(problem.get("title").asString()).as(uri).isEqualTo("Invalid sort");
			assertThat(problem.get("status").asInt()).isEqualTo(400);
			assertThat(problem.get("detail").asString()).contains("title");
		}
	}

	@Test
	void windowCursorsScrollThroughAShelf() {
		List<String> seen = new ArrayList<>();
		JsonNode window = get("/books/window?shelf=S1&size=2");
		assertThat(window.propertyNames()).containsExactly("content", "nextCursor", "hasNext");
		int requests = 1;
		seen.addAll(ids(window));
		while (window.get("hasNext").asBoolean()) {
			String cursor = window.get("nextCursor").asString();
			// the cursor is sealed: neither its text nor its decoded bytes carry the item keys (a two-letter id
			// may turn up in random ciphertext, so only the key prefix is looked for)
			assertThat(cursor).isNotBlank().doesNotContain("Book#");
			assertThat(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.ISO_8859_1))
				.doesNotContain("Book#");
			window = this.client.get()
				.uri((uri) -> uri.path("/books/window").queryParam("shelf", "S1").queryParam("size", 2)
					.queryParam("cursor", "{cursor}").build(cursor))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JsonNode.class)
				.returnResult()
				.getResponseBody();
			seen.addAll(ids(window));
			requests++;
		}
		assertThat(seen).containsExactly("b1", "b2", "b3", "b4", "b5");
		assertThat(requests).isEqualTo(3);
		assertThat(window.get("nextCursor").isNull()).isTrue();
	}

	private JsonNode get(String uri) {
		String body = this.client.get()
			.uri(uri)
			.accept(MediaType.APPLICATION_JSON)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		return json.readTree(body);
	}

	private static List<String> ids(JsonNode body) {
		JsonNode content = body.isArray() ? body : body.get("content");
		List<String> ids = new ArrayList<>();
		content.forEach((book) -> ids.add(book.get("id").asString()));
		return ids;
	}

}
