package com.example.reference.outbox;

import dev.singletable.repository.VersionedRepository;

public interface ShipmentRepository extends VersionedRepository<Shipment> {
}
