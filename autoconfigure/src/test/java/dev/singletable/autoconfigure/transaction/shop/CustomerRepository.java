package dev.singletable.autoconfigure.transaction.shop;

import dev.singletable.repository.SingleTableRepository;

/**
 * The repository of {@link Customer}s.
 */
public interface CustomerRepository extends SingleTableRepository<Customer> {

}
