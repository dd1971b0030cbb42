package dev.singletable.repository.reactive;

import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import reactor.core.publisher.Flux;

/**
 * A reactive read-only repository of tickets, scanned with {@link ReactiveTickets}.
 */
public interface ReactiveTicketReader extends ReactiveReadOnlySingleTableRepository<Ticket> {

	Flux<Ticket> findByStatus(Status status);

}
