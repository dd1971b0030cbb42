package dev.singletable.autoconfigure.transaction.shop;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.SingleTableTransactional;

/**
 * Writes three entities, through two repositories and the template, in one Spring transaction.
 */
public class ShopService {

	private final OrderRepository orders;

	private final CustomerRepository customers;

	private final SingleTableOperations template;

	private final ApplicationEventPublisher events;

	private final AuditService audit;

	/**
	 * Creates the service.
	 * @param orders the orders
	 * @param customers the customers
	 * @param template the template
	 * @param events the event publisher
	 * @param audit the audit, in transactions of its own
	 */
	public ShopService(OrderRepository orders, CustomerRepository customers, SingleTableOperations template,
			ApplicationEventPublisher events, AuditService audit) {
		this.orders = orders;
		this.customers = customers;
		this.template = template;
		this.events = events;
		this.audit = audit;
	}

	/**
	 * Stores an order, its customer and a gift-wrap order, and publishes {@link OrderPlaced}.
	 * @param item what is ordered
	 * @param customerName the customer's name
	 * @return the stored order
	 */
	@Transactional
	public Order placeOrder(String item, String customerName) {
		return place(item, customerName);
	}

	/**
	 * As {@link #placeOrder}, then fails.
	 * @param item what is ordered
	 * @param customerName the customer's name
	 */
	@Transactional
	public void placeOrderAndFail(String item, String customerName) {
		place(item, customerName);
		throw new IllegalStateException("payment declined");
	}

	/**
	 * Records the attempt in the audit's own transaction, then places the order and fails.
	 * @param item what is ordered
	 * @param customerName the customer's name
	 * @return never
	 */
	@Transactional
	public Customer placeOrderAuditedAndFail(String item, String customerName) {
		Customer record = this.audit.record(item);
		place(item, customerName);
		throw new IllegalStateException("payment declined after audit " + record.id());
	}

	/**
	 * As {@link #placeOrder}, in a transaction of the singletable transaction manager whichever is the default.
	 * @param item what is ordered
	 * @param customerName the customer's name
	 * @return the stored order
	 */
	@SingleTableTransactional
	public Order placeOrderInASingleTableTransaction(String item, String customerName) {
		return place(item, customerName);
	}

	private Order place(String item, String customerName) {
		Order order = this.orders.save(Order.of(item));
		Customer customer = this.customers.save(new Customer(null, customerName));
		this.template.create(Order.of("gift wrap for " + item));
		this.events.publishEvent(new OrderPlaced(order.id(), customer.id()));
		return order;
	}

}
