package com.example.reference.shop;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class Checkout {

	private final OrderRepository orders;

	private final CustomerRepository customers;

	public Checkout(OrderRepository orders, CustomerRepository customers) {
		this.orders = orders;
		this.customers = customers;
	}

	@Transactional
	public Order place(Order order, Customer customer) {
		Order placed = this.orders.save(order);                          // collected, not sent
		this.customers.save(customer.withLastOrder(placed.id()));        // collected
		return placed;                                                   // both sent as it returns, in one request
	}

}
