package dev.singletable.autoconfigure.badcollection;

import dev.singletable.core.query.ItemCollection;
import dev.singletable.repository.CollectionQuery;
import dev.singletable.repository.SingleTableRepository;

/**
 * A collection query over types that do not share a partition template: refused at start-up.
 */
public interface CustomerViewRepository extends SingleTableRepository<Customer> {

	@CollectionQuery(index = "gsi1", types = { Customer.class, Invoice.class })
	ItemCollection findView(String customerKey);

}
