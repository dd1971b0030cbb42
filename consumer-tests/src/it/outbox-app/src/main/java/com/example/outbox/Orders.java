package com.example.outbox;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Orders {

	private final OrderRepository orders;

	private final ApplicationEventPublisher events;

	public Orders(OrderRepository orders, ApplicationEventPublisher events) {
		this.orders = orders;
		this.events = events;
	}

	@Transactional
	public Order place(String item) {
		Order placed = this.orders.save(new Order(null, null, item));          // collected
		this.events.publishEvent(new OrderPlaced(placed.id(), item));          // its publication collected too
		return placed;                                // both sent as it returns, in one TransactWriteItems
	}

}
