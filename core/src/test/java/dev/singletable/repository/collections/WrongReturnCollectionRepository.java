package dev.singletable.repository.collections;

import java.util.List;

import dev.singletable.repository.CollectionQuery;
import dev.singletable.repository.SingleTableRepository;

public interface WrongReturnCollectionRepository extends SingleTableRepository<Customer> {

	@CollectionQuery(index = "gsi1", types = { Customer.class, Order.class })
	List<Object> findEverything(String customerKey);

}
