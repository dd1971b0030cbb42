package dev.singletable.console.showcase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.console.fixtures.Note;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.events.SingleTableChangeStream;
import dev.singletable.test.DynamoDbLocal;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With the change stream on, the console's table page offers the live events and {@code /singletable/events}
 * streams each change as a Server-Sent Event naming the type, id and version and linking the resource (never its
 * content); stopping the application ends the open streams, so that its graceful shutdown does not wait for them.
 * The application of the showcase on its own table with {@code singletable.changes.enabled=true}.
 */
class ConsoleLiveEventsIntegrationTests {

	@Test
	void eachChangeOfTheTableIsStreamedAsAServerSentEvent() throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ShowcaseApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "spring.main.banner-mode=off", "singletable.endpoint=" + DynamoDbLocal.endpoint(),
					"singletable.table-name=console-live-events", "singletable.table.create=create-if-missing",
					"singletable.changes.enabled=true", "singletable.changes.sync-shards-at-start=true",
					"singletable.changes.lease-assignment-interval=500ms", "singletable.console.enabled=true",
					"singletable.blobs.bucket=console-live-events")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			String authorization = "Basic " + Base64.getEncoder()
				.encodeToString(("admin:" + ShowcaseApplication.PASSWORD).getBytes(StandardCharsets.UTF_8));
			HttpClient client = HttpClient.newHttpClient();
			String table = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/singletable"))
				.header("Authorization", authorization)
				.build(), HttpResponse.BodyHandlers.ofString()).body();
			assertThat(table).contains("id=\"live-events\"", "data-events=\"/singletable/events\"",
					"/singletable/assets/console.js");

			List<String> received = new CopyOnWriteArrayList<>();
			CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(
					HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/singletable/events"))
						.header("Authorization", authorization)
						.header("Accept", "text/event-stream")
						.build(),
					HttpResponse.BodyHandlers.ofLines());
			CompletableFuture<Void> reading = stream
				.thenAccept((response) -> response.body().filter((line) -> line.startsWith("data:")).forEach(received::add));
			SingleTableTemplate template = context.getBean(SingleTableTemplate.class);
			SingleTableChangeStream changes = context.getBean(SingleTableChangeStream.class);
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			Note note = null;
			while (received.isEmpty() && System.nanoTime() < deadline) {
				// the first write may precede the subscription: write until one arrives
				note = template.create(Note.of("live", "ann"));
				changes.awaitDelivered(Duration.ofSeconds(60));
				Thread.sleep(200);
			}
			assertThat(stream.get().statusCode()).isEqualTo(200);
			assertThat(stream.get().headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("text/event-stream"));
			assertThat(received).isNotEmpty();
			String last = received.get(received.size() - 1);
			assertThat(last).contains("\"change\":\"CREATED\"", "\"type\":\"Note\"", "\"id\":\"" + note.id() + "\"",
					"\"link\":\"/singletable/types/Note/" + note.id() + "\"")
				.doesNotContain("hidden-secret", "live");

			// stopping ends the open stream first: the graceful shutdown does not wait for the browser
			long start = System.nanoTime();
			context.close();
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
			reading.get(5, TimeUnit.SECONDS);
		}
	}

}
