package com.example.reference.billing;

import org.springframework.data.domain.Limit;

import dev.singletable.core.query.ItemCollection;
import dev.singletable.repository.CollectionQuery;
import dev.singletable.repository.SingleTableRepository;

public interface CustomerAccountRepository extends SingleTableRepository<Customer> {

	@CollectionQuery(index = "gsi1", types = { Customer.class, Order.class, Invoice.class })
	ItemCollection findAccount(String customerKey, String cursor, Limit limit);

}
