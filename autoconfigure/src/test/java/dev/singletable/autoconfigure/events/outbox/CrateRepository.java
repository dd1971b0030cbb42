package dev.singletable.autoconfigure.events.outbox;

import org.springframework.data.repository.CrudRepository;

/**
 * The repository of {@link Crate}s.
 */
public interface CrateRepository extends CrudRepository<Crate, String> {

}
