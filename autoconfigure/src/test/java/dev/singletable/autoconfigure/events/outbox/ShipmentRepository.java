package dev.singletable.autoconfigure.events.outbox;

import dev.singletable.repository.VersionedRepository;

/**
 * The repository of {@link Shipment}s.
 */
public interface ShipmentRepository extends VersionedRepository<Shipment> {

}
