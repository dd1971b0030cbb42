package dev.singletable.test.autoconfigure.sse;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.singletable.events.ReactiveSingleTableChangeStream;
import reactor.core.publisher.Flux;

/**
 * A WebFlux application streaming the changes of tickets as Server-Sent Events.
 */
@SpringBootApplication
public class SseApplication {

	/**
	 * Streams the changes.
	 */
	@RestController
	static class TicketChanges {

		private final ReactiveSingleTableChangeStream changeStream;

		TicketChanges(ReactiveSingleTableChangeStream changeStream) {
			this.changeStream = changeStream;
		}

		@GetMapping(path = "/tickets/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
		Flux<ServerSentEvent<String>> changes() {
			return this.changeStream.changes(Ticket.class)
				.map((change) -> ServerSentEvent.builder(change.id()).event(change.type().name()).build());
		}

	}

}
