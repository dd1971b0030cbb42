package com.example.reference.outbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.singletable.events.ReactiveSingleTableChangeStream;
import reactor.core.publisher.Flux;

@RestController
@ConditionalOnBooleanProperty("singletable.changes.enabled")
public class ShipmentChanges {

	private final ReactiveSingleTableChangeStream changeStream;

	public ShipmentChanges(ReactiveSingleTableChangeStream changeStream) {
		this.changeStream = changeStream;
	}

	@GetMapping(path = "/shipments/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<String>> changes() {
		return this.changeStream.changes(Shipment.class)
			.map((change) -> ServerSentEvent.builder(change.id())
				.event(change.type().name())
				.id(change.idempotencyKey())
				.build());
	}

}
