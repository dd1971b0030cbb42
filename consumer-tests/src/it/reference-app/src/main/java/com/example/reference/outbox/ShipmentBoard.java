package com.example.reference.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;

@Component
public class ShipmentBoard {

	private final Map<String, String> destinations = new ConcurrentHashMap<>();

	@ResourceChangeListener
	void on(ResourceChange<Shipment> change) {
		switch (change.type()) {
			case CREATED, UPDATED, RESTORED -> this.destinations.put(change.id(), change.newState().destination());
			case DELETED -> this.destinations.remove(change.id());
		}
	}

	public Map<String, String> destinations() {
		return Map.copyOf(this.destinations);
	}

}
