package dev.singletable.autoconfigure.events.outbox;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned entity whose dispatch publishes a {@link ShipmentDispatched} event.
 *
 * @param id the identifier
 * @param version the version
 * @param destination where it goes
 */
@SingleTableEntity(versioned = true)
public record Shipment(@Id String id, @Version Long version, String destination) {
}
