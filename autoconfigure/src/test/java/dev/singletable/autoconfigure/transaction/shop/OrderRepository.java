package dev.singletable.autoconfigure.transaction.shop;

import dev.singletable.repository.VersionedRepository;

/**
 * The repository of {@link Order}s.
 */
public interface OrderRepository extends VersionedRepository<Order> {

}
