package dev.singletable.repository.reactive;

/**
 * A DTO projection of a ticket.
 * @param id the id
 * @param title the title
 */
public record TicketSummary(String id, String title) {
}
