package com.example.outbox;

/**
 * The event an order's placement publishes, stored in the outbox with the order.
 */
public record OrderPlaced(String orderId, String item) {
}
