package dev.singletable.autoconfigure.events.externalized;

import org.springframework.modulith.events.Externalized;

/**
 * The event of a placed order, externalized to the {@code orders} target, keyed by the order.
 *
 * @param orderId the order
 * @param item what was ordered
 */
@Externalized("orders::#{#this.orderId()}")
public record OrderPlaced(String orderId, String item) {
}
