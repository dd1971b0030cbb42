package com.example.reference.outbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.singletable.events.ReactiveSingleTableChangeStream;
import dev.singletable.events.ResourceChange;

@Component
@ConditionalOnBooleanProperty("singletable.changes.enabled")
public class ShipmentTicker {

	private final ReactiveSingleTableChangeStream changeStream;

	private final List<String> lines = new CopyOnWriteArrayList<>();

	public ShipmentTicker(ReactiveSingleTableChangeStream changeStream) {
		this.changeStream = changeStream;
	}

	@EventListener(ApplicationReadyEvent.class)
	void follow() {
		this.changeStream.changes(Shipment.class)
			.filter((change) -> change.type() != ResourceChange.Type.DELETED)
			.subscribe((change) -> this.lines.add(change.id() + " to " + change.newState().destination()));
	}

	public List<String> lines() {
		return List.copyOf(this.lines);
	}

}
