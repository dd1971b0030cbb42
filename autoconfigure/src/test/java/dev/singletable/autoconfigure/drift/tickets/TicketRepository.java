package dev.singletable.autoconfigure.drift.tickets;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.repository.VersionedRepository;

/**
 * Every shape of derived query on the drifted index.
 */
public interface TicketRepository extends VersionedRepository<Ticket> {

	List<Ticket> findByOwner(String owner);

	Page<Ticket> findByOwner(String owner, Pageable pageable);

	Slice<Ticket> readByOwner(String owner, Pageable pageable);

	Window<Ticket> findFirst2ByOwner(String owner, ScrollPosition position);

	Stream<Ticket> streamByOwner(String owner);

	Optional<Ticket> findFirstByOwner(String owner);

	long countByOwner(String owner);

	boolean existsByOwner(String owner);

	long deleteByOwner(String owner);

	List<Ticket> findByStatus(String status);

}
