package dev.singletable.repository.collections;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;

import dev.singletable.core.query.ItemCollection;
import dev.singletable.repository.CollectionQuery;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Mono;

public interface ReactiveCustomerRepository extends ReactiveSingleTableRepository<Customer> {

	@CollectionQuery(index = "gsi1", types = { Customer.class, Order.class, Invoice.class })
	Mono<ItemCollection> findCustomerView(String customerKey, @Nullable String cursor, Limit limit);

}
