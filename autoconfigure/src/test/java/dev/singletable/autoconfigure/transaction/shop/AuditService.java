package dev.singletable.autoconfigure.transaction.shop;

import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records attempts in a transaction of their own, which commits whatever the caller's transaction does.
 */
public class AuditService {

	private final CustomerRepository customers;

	/**
	 * Creates the service.
	 * @param customers where attempts are recorded, as customers named after them
	 */
	public AuditService(CustomerRepository customers) {
		this.customers = customers;
	}

	/**
	 * Records an attempt.
	 * @param attempt what was attempted
	 * @return the stored record
	 */
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public Customer record(String attempt) {
		return this.customers.save(new Customer(null, "audit: " + attempt));
	}

}
