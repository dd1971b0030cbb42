package com.example.reference.billing;

import java.util.List;

import org.springframework.stereotype.Service;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.query.ItemCollection;

@Service
public class Statements {

	private final SingleTableTemplate template;

	public Statements(SingleTableTemplate template) {
		this.template = template;
	}

	public long unpaidCents(String customerId) {
		long unpaid = 0;
		String cursor = null;
		do {
			ItemCollection page = this.template.queryCollection("gsi1", Customer.class, Order.class, Invoice.class)
				.partition("customer#" + customerId)
				.limit(50)
				.collection(cursor);           // one Query per page, whatever the types
			List<Invoice> invoices = page.get(Invoice.class);
			unpaid += invoices.stream().filter((invoice) -> !invoice.paid()).mapToLong(Invoice::cents).sum();
			cursor = page.nextCursor();
		}
		while (cursor != null);
		return unpaid;
	}

}
