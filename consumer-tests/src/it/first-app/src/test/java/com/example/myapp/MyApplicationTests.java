package com.example.myapp;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.utils.Validate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application over real HTTP, on the embedded DynamoDB Local that the test classpath brings.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoint.health.show-components=always")
class MyApplicationTests {

	@LocalServerPort
	private int port;

	private RestClient http;

	@BeforeEach
	void setUp() {
		// every status comes back as a response, so the tests can assert 4xx answers
		this.http = RestClient.builder()
			.baseUrl("http://localhost:" + this.port)
			.defaultStatusHandler((status) -> true, (request, response) -> {
			})
			.build();
	}

	@Test
	void savesUpdatesAndRefusesAStaleUpdate() {
		ResponseEntity<Note> created = post("/notes", Map.of("owner", unique("ann"), "text", "first"), Note.class);
		assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
		Note note = created.getBody();
		assertThat(note.id()).isNotBlank();
		assertThat(note.version()).isEqualTo(1L);

		ResponseEntity<Note> updated = put("/notes/" + note.id(), Map.of("version", 1, "text", "second"), Note.class);
		assertThat(updated.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(updated.getBody().version()).isEqualTo(2L);

		ResponseEntity<String> stale = put("/notes/" + note.id(), Map.of("version", 1, "text", "stale"), String.class);
		assertThat(stale.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(stale.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);

		Note stored = this.http.get().uri("/notes/" + note.id()).retrieve().body(Note.class);
		assertThat(stored.version()).isEqualTo(2L);
		assertThat(stored.text()).isEqualTo("second");
		assertThat(stored.createdAt()).isEqualTo(note.createdAt());
	}

	@Test
	void pagesThroughAnOwnersNotesWithPageable() {
		String owner = unique("bob");
		Set<String> createdIds = new HashSet<>();
		for (int i = 0; i < 5; i++) {
			createdIds.add(post("/notes", Map.of("owner", owner, "text", "note " + i), Note.class).getBody().id());
		}
		post("/notes", Map.of("owner", unique("someone-else"), "text", "not bob's"), Note.class);

		Set<String> listedIds = new HashSet<>();
		NoteController.NotePage first = page(owner, 0);
		assertThat(first.content()).hasSize(2);
		assertThat(first.hasNext()).isTrue();
		NoteController.NotePage second = page(owner, 1);
		assertThat(second.content()).hasSize(2);
		assertThat(second.hasNext()).isTrue();
		NoteController.NotePage last = page(owner, 2);
		assertThat(last.content()).hasSize(1);
		assertThat(last.hasNext()).isFalse();
		for (NoteController.NotePage page : List.of(first, second, last)) {
			page.content().forEach((note) -> listedIds.add(note.id()));
		}
		assertThat(listedIds).isEqualTo(createdIds);
	}

	@Test
	void storesPlainEntitiesAndFindsThemByADerivedQuery() {
		Note note = post("/notes", Map.of("owner", unique("cy"), "text", "with comments"), Note.class).getBody();
		post("/notes/" + note.id() + "/comments", Map.of("text", "one"), Comment.class);
		post("/notes/" + note.id() + "/comments", Map.of("text", "two"), Comment.class);

		List<Comment> comments = this.http.get()
			.uri("/notes/" + note.id() + "/comments")
			.retrieve()
			.body(new ParameterizedTypeReference<List<Comment>>() {
			});

		assertThat(comments).extracting(Comment::text).containsExactlyInAnyOrder("one", "two");
		assertThat(comments).extracting(Comment::noteId).containsOnly(note.id());
	}

	@Test
	void healthIsUp() {
		ResponseEntity<Map<String, Object>> health = this.http.get()
			.uri("/actuator/health")
			.retrieve()
			.toEntity(new ParameterizedTypeReference<Map<String, Object>>() {
			});

		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).containsEntry("status", "UP");
		// the starter's indicator is one of the components, and it is UP
		assertThat(health.getBody().get("components")).asInstanceOf(InstanceOfAssertFactories.MAP)
			.extractingByKey("singletable")
			.asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("status", "UP");
	}

	@Test
	void everySdkModuleHasTheVersionOfTheBom() {
		// DynamoDB Local depends on an older SDK: without the BOM, its utils would win and break the client
		assertThat(jarName(Validate.class)).isEqualTo(jarName(DynamoDbClient.class).replace("dynamodb", "utils"));
	}

	private NoteController.NotePage page(String owner, int page) {
		return this.http.get()
			.uri("/notes?owner={owner}&page={page}&size=2", owner, page)
			.retrieve()
			.body(NoteController.NotePage.class);
	}

	private <T> ResponseEntity<T> post(String path, Object body, Class<T> type) {
		return this.http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(type);
	}

	private <T> ResponseEntity<T> put(String path, Object body, Class<T> type) {
		return this.http.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(type);
	}

	private static String jarName(Class<?> type) {
		String location = type.getProtectionDomain().getCodeSource().getLocation().getPath();
		return location.substring(location.lastIndexOf('/') + 1);
	}

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID();
	}

}
