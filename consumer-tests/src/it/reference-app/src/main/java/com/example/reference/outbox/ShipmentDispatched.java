package com.example.reference.outbox;

public record ShipmentDispatched(String shipmentId, String destination) {
}
