package dev.singletable.autoconfigure.evolution.after;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

/**
 * Tickets, found by owner through the new index.
 */
public interface TicketRepository extends VersionedRepository<Ticket> {

	List<Ticket> findByOwner(String owner);

}
