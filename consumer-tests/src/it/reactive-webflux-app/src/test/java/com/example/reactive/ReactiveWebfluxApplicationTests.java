package com.example.reactive;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive way of use over real HTTP (Netty): the embedded DynamoDB Local the test classpath brings, a reactive
 * repository behind a WebFlux controller, and a reactive transaction that commits both writes or neither.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class ReactiveWebfluxApplicationTests {

	@Autowired
	WebTestClient http;

	@Autowired
	TaskRepository tasks;

	@Test
	void thereIsNoServletContainer() {
		assertThat(ClassUtils.isPresent("jakarta.servlet.Servlet", getClass().getClassLoader())).isFalse();
	}

	@Test
	void createsAndReadsTasksThroughTheReactiveRepository() {
		String board = unique("board");
		Task created = this.http.post()
			.uri("/tasks")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new Task(null, null, board, "Plan"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(Task.class)
			.returnResult()
			.getResponseBody();
		assertThat(created.id()).isNotBlank();
		assertThat(created.version()).isEqualTo(1L);

		this.http.get().uri("/tasks/{id}", created.id()).exchange().expectStatus().isOk().expectBody(Task.class)
			.isEqualTo(created);
		this.http.get().uri("/tasks?board={board}", board).exchange().expectStatus().isOk()
			.expectBodyList(Task.class).contains(created).hasSize(1);
	}

	@Test
	void aReactiveTransactionWritesBothOrNeither() {
		String board = unique("board");
		Task first = new Task(unique("t"), null, board, "first");
		Task second = new Task(unique("t"), null, board, "second");

		// both inserts commit together
		List<Task> pair = this.http.post()
			.uri("/tasks/pairs")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(List.of(first, second))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBodyList(Task.class)
			.returnResult()
			.getResponseBody();
		assertThat(pair).extracting(Task::id).containsExactly(first.id(), second.id());
		assertThat(this.tasks.findByBoard(board).map(Task::id).collectList().block())
			.containsExactlyInAnyOrder(first.id(), second.id());

		// the second insert takes an id that exists: DynamoDB cancels the transaction, the first is not written either
		Task third = new Task(unique("t"), null, board, "third");
		this.http.post()
			.uri("/tasks/pairs")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(List.of(third, new Task(second.id(), null, board, "second again")))
			.exchange()
			.expectStatus()
			.isEqualTo(409)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title").isEqualTo("Transaction cancelled")
			.jsonPath("$.failures[0].id").isEqualTo(second.id())
			.jsonPath("$.failures[0].reason").isEqualTo("ALREADY_EXISTS");
		this.http.get().uri("/tasks/{id}", third.id()).exchange().expectStatus().isNotFound();
		assertThat(this.tasks.findById(second.id()).block().title()).isEqualTo("second");
		assertThat(this.tasks.findByBoard(board).count().block()).isEqualTo(2L);
	}

	private static String unique(String name) {
		return name + "-" + UUID.randomUUID();
	}

}
