package dev.singletable.autoconfigure.drift.after;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

public interface TicketRepository extends VersionedRepository<Ticket> {

	List<Ticket> findByStatus(String status);

	List<Ticket> findByOwner(String owner);

}
