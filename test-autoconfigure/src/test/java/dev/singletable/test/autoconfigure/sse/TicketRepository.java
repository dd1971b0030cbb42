package dev.singletable.test.autoconfigure.sse;

import dev.singletable.repository.SingleTableRepository;

/**
 * The tickets.
 */
public interface TicketRepository extends SingleTableRepository<Ticket> {
}
