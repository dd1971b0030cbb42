package dev.singletable.autoconfigure.events.outbox;

/**
 * The event of a dispatched shipment.
 *
 * @param shipmentId the shipment
 * @param destination where it goes
 */
public record ShipmentDispatched(String shipmentId, String destination) {
}
