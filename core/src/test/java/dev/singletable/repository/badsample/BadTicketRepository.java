package dev.singletable.repository.badsample;

import java.util.List;

import dev.singletable.repository.VersionedRepository;
import dev.singletable.repository.sample.Ticket;

public interface BadTicketRepository extends VersionedRepository<Ticket> {

	List<Ticket> findByTitle(String title);

}
