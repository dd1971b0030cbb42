package com.example.reference.shop;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import dev.singletable.core.TransactionCancelledException;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataSingleTableTest
@Import(Checkout.class)
class CheckoutTests {

	@Autowired
	Checkout checkout;

	@Autowired
	OrderRepository orders;

	@Autowired
	CustomerRepository customers;

	@Test
	void writesTheOrderAndTheCustomerTogetherOrNotAtAll() {
		Customer ann = customers.save(new Customer(null, null, "Ann", null));

		Order placed = checkout.place(new Order(null, null, ann.id(), "lamp", 1), ann);

		assertThat(customers.findById(ann.id()).orElseThrow().lastOrder()).isEqualTo(placed.id());
		assertThatExceptionOfType(TransactionCancelledException.class)      // ann is stale now: version 1, stored 2
			.isThrownBy(() -> checkout.place(new Order(null, null, ann.id(), "desk", 1), ann));
		assertThat(orders.findByCustomerId(ann.id())).extracting(Order::item).containsExactly("lamp");
	}

}
