package dev.singletable.test.autoconfigure.sse;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;

import dev.singletable.events.SingleTableChangeStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application, with its own embedded DynamoDB Local and graceful shutdown, serving the changes of tickets as
 * Server-Sent Events to a connected client, stops in seconds: the change stream's stop completes the client's
 * stream, so the graceful shutdown has no request to wait for (it waited 30 s for it). The SDK clients singletable
 * makes end their event loops at once; the application's Reactor Netty resources are given no quiet period here, as
 * change-events.md advises (their default of 2 s is most of the rest).
 */
class ServerSentEventsShutdownIntegrationTests {

	@Test
	void stopsInSecondsWithAClientConnected() throws Exception {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SseApplication.class)
			.properties("server.port=0", "server.shutdown=graceful", "singletable.changes.enabled=true",
					"singletable.table-name=tickets", "spring.main.banner-mode=off",
					"spring.reactor.netty.shutdown-quiet-period=0s")
			.run();
		List<String> received = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> clientStream;
		try {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			clientStream = WebClient.create("http://127.0.0.1:" + port)
				.get()
				.uri("/tickets/changes")
				.retrieve()
				.bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<String>>() {
				})
				.doOnNext((event) -> received.add(event.data()))
				.then()
				.toFuture();
			// the client is connected once its stream delivers a change written after it
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			TicketRepository tickets = context.getBean(TicketRepository.class);
			SingleTableChangeStream changeStream = context.getBean(SingleTableChangeStream.class);
			for (int i = 0; received.isEmpty() && System.nanoTime() < deadline; i++) {
				tickets.save(new Ticket("t-" + i, "Ticket " + i));
				changeStream.awaitDelivered(Duration.ofSeconds(60));
				if (received.isEmpty()) {
					// the first write may precede the subscription: the event comes on the client's connection
					Thread.sleep(100);
				}
			}
			assertThat(received).isNotEmpty();
		}
		catch (RuntimeException | AssertionError ex) {
			context.close();
			throw ex;
		}

		long start = System.nanoTime();
		context.close();
		Duration stopped = Duration.ofNanos(System.nanoTime() - start);

		assertThat(stopped).isLessThan(Duration.ofSeconds(5));
		clientStream.get(5, TimeUnit.SECONDS);
	}

}
