package com.example.reference.shop;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The template's own transactions of transactions.md.
 */
@DataSingleTableTest
class TemplateTransactionTests {

	@Autowired
	SingleTableTemplate template;

	@Test
	void writesSeveralResourcesAllOrNothing() {
		Customer customer = template.create(new Customer(null, null, "Bo", null));
		Customer referrer = template.create(new Customer(null, null, "Cy", null));
		Stock stock = template.create(new Stock("lamp-" + customer.id(), 5));
		Cart cart = template.create(new Cart(null, null, customer.id(), List.of("lamp")));
		Order order = new Order(null, null, customer.id(), "lamp", 1);

		template.transaction((tx) -> {
			Order placed = tx.create(order);                              // returned stamped: id, version 1
			tx.update(customer.withLastOrder(placed.id()));               // versioned: v2 and v0, only if still v1
			tx.increment(Stock.class, stock.id(), "available", -1);       // also addToSet, removeFromSet, appendToList
			tx.delete(cart);                                              // conditioned on the state read
			tx.requireVersion(Customer.class, referrer.id(), 1);          // a check that writes nothing
		});
		Order placed = template.query(Order.class).index("gsi1").partition("customer#" + customer.id()).first()
			.orElseThrow();

		SingleTableSnapshot snapshot = template.readTransaction((reads) -> {
			reads.get(Order.class, placed.id());
			reads.get(Customer.class, customer.id());
		});
		Optional<Customer> updated = snapshot.get(Customer.class, customer.id());

		assertThat(snapshot.get(Order.class, placed.id())).contains(placed);
		assertThat(updated.orElseThrow().lastOrder()).isEqualTo(placed.id());
		assertThat(template.getById(Stock.class, stock.id()).available()).isEqualTo(4);
		assertThat(template.findById(Cart.class, cart.id())).isEmpty();
	}

	@Test
	void aFailedConditionWritesNothing() {
		Customer customer = template.create(new Customer(null, null, "Di", null));
		template.update(customer.withLastOrder("o-1"));                      // now version 2

		TransactionCancelledException cancelled = catchThrowableOfType(TransactionCancelledException.class,
				() -> template.transaction((tx) -> {
					tx.create(new Order(null, null, customer.id(), "rug", 1));
					tx.update(customer.withLastOrder("o-2"));               // based on version 1: stale
				}));

		assertThat(cancelled.getFailures()).hasSize(1);
		TransactionCancelledException.Failure failure = cancelled.getFailures().get(0);
		assertThat(failure.reason()).isEqualTo(TransactionCancelledException.Reason.VERSION_CONFLICT);
		assertThat(template.query(Order.class).index("gsi1").partition("customer#" + customer.id()).all()).isEmpty();
	}

}
