package dev.singletable.autoconfigure.transaction.shop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Records what an {@code AFTER_COMMIT} listener of {@link OrderPlaced} finds in the store.
 */
public class ShopEvents {

	private final OrderRepository orders;

	private final CustomerRepository customers;

	private final List<String> seen = new CopyOnWriteArrayList<>();

	/**
	 * Creates the listener.
	 * @param orders the orders
	 * @param customers the customers
	 */
	public ShopEvents(OrderRepository orders, CustomerRepository customers) {
		this.orders = orders;
		this.customers = customers;
	}

	/**
	 * Looks the order and customer up once the transaction committed.
	 * @param event the event
	 */
	@TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
	void onOrderPlaced(OrderPlaced event) {
		this.seen.add(event.orderId() + (this.orders.findById(event.orderId()).isPresent() ? " stored" : " missing")
				+ ", customer " + (this.customers.findById(event.customerId()).isPresent() ? "stored" : "missing"));
	}

	/**
	 * Returns what the listener found, one entry per event.
	 * @return the entries, such as {@code 01J… stored, customer stored}
	 */
	public List<String> seen() {
		return this.seen;
	}

}
