package com.example.reference.outbox;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

@Component
public class Notifier {

	private final List<ShipmentDispatched> notified = new CopyOnWriteArrayList<>();

	@ApplicationModuleListener
	void on(ShipmentDispatched event) {
		this.notified.add(event);      // call another service, index, project a read model...
	}

	public List<ShipmentDispatched> notified() {
		return List.copyOf(this.notified);
	}

}
