package dev.singletable.autoconfigure.events.externalized;

import org.springframework.data.repository.CrudRepository;

/**
 * The repository of {@link Order}s.
 */
public interface OrderRepository extends CrudRepository<Order, String> {

}
