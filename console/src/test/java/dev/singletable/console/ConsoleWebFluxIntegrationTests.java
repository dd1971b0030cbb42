package dev.singletable.console;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
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
			.withBean("clientAddress", WebFilter.class, () -> (exchange, chain) -> {
				ServerHttpRequest request = new ServerHttpRequestDecorator(exchange.getRequest()) {

					@Override
					public InetSocketAddress getRemoteAddress() {
						return new InetSocketAddress(clientAddress, 40000);
					}

				};
				return chain.filter(exchange.mutate().request(request).build());
			});
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
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
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
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			client.get().uri("/singletable").exchange().expectStatus().isForbidden();
		});
		runner("webflux-read-only", "127.0.0.1").run((context) -> {
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			Note note = template.create(Note.of("kept", "ann"));
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			client.post().uri("/singletable/types/Note/" + note.id() + "/delete").exchange().expectStatus().isForbidden();
			assertThat(template.findById(Note.class, note.id())).isPresent();
		});
	}

	@Test
	void webFluxChangesNeedTheCsrfToken() {
		runner("webflux-changes", "127.0.0.1", "singletable.console.read-only=false").run((context) -> {
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			Note note = template.create(Note.of("gone", "ann"));
			WebTestClient client = WebTestClient.bindToApplicationContext(context).build();
			String resource = "/singletable/types/Note/" + note.id();
			client.post().uri(resource + "/delete").exchange().expectStatus().isForbidden();
			var confirm = client.get().uri(resource + "/delete").exchange().expectStatus().isOk()
				.expectBody(String.class).returnResult();
			String token = confirm.getResponseCookies().getFirst(ConsoleRequest.CSRF_NAME).getValue();
			assertThat(confirm.getResponseBody()).contains("value=\"" + token + "\"");
			client.post()
				.uri(resource + "/delete")
				.cookie(ConsoleRequest.CSRF_NAME, token)
				.contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
				.bodyValue(ConsoleRequest.CSRF_NAME + "=" + token)
				.exchange()
				.expectStatus()
				.isSeeOther();
			assertThat(template.findById(Note.class, note.id())).isEmpty();
		});
	}


}
