package com.example.outbox;

import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

/**
 * Gets each placed order's event after the commit and writes its receipt; the publication is completed when it
 * returns.
 */
@Component
public class Receipts {

	private final ReceiptRepository receipts;

	public Receipts(ReceiptRepository receipts) {
		this.receipts = receipts;
	}

	@ApplicationModuleListener
	void on(OrderPlaced event) {
		this.receipts.save(new Receipt(event.orderId(), event.item(), Thread.currentThread().getName()));
	}

}
