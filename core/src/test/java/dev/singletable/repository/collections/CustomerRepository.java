package dev.singletable.repository.collections;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;

import dev.singletable.core.query.ItemCollection;
import dev.singletable.repository.CollectionQuery;
import dev.singletable.repository.SingleTableRepository;

public interface CustomerRepository extends SingleTableRepository<Customer> {

	@CollectionQuery(index = "gsi1", types = { Customer.class, Order.class, Invoice.class })
	ItemCollection findCustomerView(String customerKey, @Nullable String cursor, Limit limit);

	@CollectionQuery(index = "gsi1", types = { Order.class, Invoice.class })
	ItemCollection findBilling(String customerKey);

}
