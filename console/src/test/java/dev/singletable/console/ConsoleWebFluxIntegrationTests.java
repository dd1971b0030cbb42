package dev.singletable.console;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.server.WebFilter;

import dev.singletable.console.fixtures.Note;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.RequestCounter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console on WebFlux, against DynamoDB Local: the same pages and rules as on Spring MVC, served by the
 * reactive stack (the blocking template read on a worker thread).
 */
class ConsoleWebFluxIntegrationTests {

	private final RequestCounter requests = new RequestCounter();

	private ReactiveWebApplicationContextRunner runner(String table, String clientAddress, String... properties) {
		return ConsoleTests.webflux(this.requests)
			.withPropertyValues(ConsoleTests.properties(ConsoleTests.uniqueTable(table), properties))
			// the connection: a request from the client's address, as a server's own request (no decorator, which
			// the console sees through)
			.withBean("clientAddress", WebFilter.class, () -> (exchange, chain) -> {
				ServerHttpRequest original = exchange.getRequest();
				ServerHttpRequest connection = MockServerHttpRequest.method(original.getMethod(), original.getURI())
					.headers(original.getHeaders())
					.remoteAddress(new InetSocketAddress(clientAddress, 40000))
					.body(original.getBody());
				return chain.filter(exchange.mutate().request(connection).build());
			});
	}

	private static WebTestClient client(org.springframework.context.ApplicationContext context) {
		return WebTestClient.bindToApplicationContext(context).configureClient().defaultHeader("Host", "localhost").build();
	}

	private static WebTestClient.ResponseSpec delete(WebTestClient client, String resource, String origin, String token) {
		return client.post()
			.uri(resource + "/delete")
			.header("Origin", origin)
			.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
			.bodyValue(ConsoleRequest.CSRF_NAME + "=" + token)
			.exchange();
	}

	private static String html(WebTestClient client, String path) {
		return client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith("text/html")
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	@Test
	void thePagesAreServedByWebFlux() {
		runner("webflux", "127.0.0.1", "singletable.cursor-secret=console-tests-cursor-secret").run((context) -> {
			assertThat(context).hasNotFailed();
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			Note note = template.create(Note.of("<script>alert('x')</script>", "ann"));
			template.update(note.withTitle("second"));
			WebTestClient client = client(context);
			assertThat(html(client, "/singletable")).contains("id=\"types\"", "data-type=\"Note\"");
			this.requests.reset();
			assertThat(html(client, "/singletable/types/Note")).contains("data-id=\"" + note.id() + "\"", "second");
			assertThat(this.requests.calledOperations()).containsExactly("Query");
			assertThat(html(client, "/singletable/types/Note/" + note.id())).contains("id=\"diff-table\"",
					"id=\"version-timeline\"", "id=\"audit\"", Masking.MASK, "&lt;script&gt;alert(")
				.doesNotContain("<script>alert", "hidden-secret", "hidden-token");
			client.get().uri("/singletable/types/Invoice").exchange().expectStatus().isNotFound()
				.expectBody(String.class).value((body) -> assertThat(body).contains("No entity type &#39;Invoice&#39;"));
			client.get().uri("/singletable/assets/console.css").exchange().expectStatus().isOk()
				.expectHeader().contentTypeCompatibleWith("text/css");
		});
	}

	@Test
	void webFluxRefusesOtherMachinesAndReadOnlyChanges() {
		runner("webflux-remote", "192.0.2.10").run((context) -> {
			WebTestClient client = client(context);
			client.get().uri("/singletable").exchange().expectStatus().isForbidden();
		});
		runner("webflux-read-only", "127.0.0.1").run((context) -> {
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			Note note = template.create(Note.of("kept", "ann"));
			WebTestClient client = client(context);
			client.post().uri("/singletable/types/Note/" + note.id() + "/delete").exchange().expectStatus().isForbidden();
			assertThat(template.findById(Note.class, note.id())).isPresent();
		});
	}

	@Test
	void webFluxChangesNeedTheCsrfToken() {
		runner("webflux-changes", "127.0.0.1", "singletable.console.read-only=false").run((context) -> {
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			Note note = template.create(Note.of("gone", "ann"));
			WebTestClient client = client(context);
			String resource = "/singletable/types/Note/" + note.id();
			client.post().uri(resource + "/delete").header("Origin", "http://localhost").exchange().expectStatus()
				.isForbidden();
			String token = ConsoleTests.csrfToken(client.get().uri(resource + "/delete").exchange().expectStatus().isOk()
				.expectBody(String.class).returnResult().getResponseBody());
			delete(client, resource, "http://localhost:8081", token).expectStatus().isForbidden();
			assertThat(template.findById(Note.class, note.id())).isPresent();
			delete(client, resource, "http://localhost", token).expectStatus().isSeeOther();
			assertThat(template.findById(Note.class, note.id())).isEmpty();
		});
	}


}
