package dev.singletable.repository.collections;

import dev.singletable.core.query.ItemCollection;
import dev.singletable.repository.CollectionQuery;
import dev.singletable.repository.SingleTableRepository;

public interface MismatchedCollectionRepository extends SingleTableRepository<Customer> {

	@CollectionQuery(index = "gsi1", types = { Customer.class, Parcel.class })
	ItemCollection findWithParcels(String customerKey);

}
