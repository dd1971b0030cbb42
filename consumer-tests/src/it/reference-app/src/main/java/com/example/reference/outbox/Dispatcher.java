package com.example.reference.outbox;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Dispatcher {

	private final ShipmentRepository shipments;

	private final ApplicationEventPublisher events;

	public Dispatcher(ShipmentRepository shipments, ApplicationEventPublisher events) {
		this.shipments = shipments;
		this.events = events;
	}

	@Transactional
	public Shipment dispatch(String id, String destination) {
		Shipment saved = this.shipments.save(new Shipment(id, null, destination));   // collected
		this.events.publishEvent(new ShipmentDispatched(id, destination));          // its publication collected too
		return saved;                                  // both sent as it returns, in one TransactWriteItems
	}

}
