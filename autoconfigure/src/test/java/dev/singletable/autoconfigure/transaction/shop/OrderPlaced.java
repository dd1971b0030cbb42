package dev.singletable.autoconfigure.transaction.shop;

/**
 * Published by {@link ShopService} inside its transaction.
 *
 * @param orderId the order's identifier
 * @param customerId the customer's identifier
 */
public record OrderPlaced(String orderId, String customerId) {

}
