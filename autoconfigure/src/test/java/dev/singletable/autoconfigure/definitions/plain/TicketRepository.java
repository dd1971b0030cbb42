package dev.singletable.autoconfigure.definitions.plain;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

public interface TicketRepository extends VersionedRepository<Ticket> {

	List<Ticket> findByQueue(String queue);

}
