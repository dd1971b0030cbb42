package dev.singletable.test.autoconfigure.spread;

import dev.singletable.repository.SingleTableRepository;

public interface ShipmentRepository extends SingleTableRepository<Shipment> {

}
