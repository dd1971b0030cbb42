package dev.singletable.repository.consignments;

import java.time.Instant;

import org.springframework.data.domain.Sort;

import dev.singletable.core.fixtures.Consignment;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import reactor.core.publisher.Flux;

public interface ReactiveConsignmentRepository extends ReactiveSingleTableRepository<Consignment> {

	Flux<Consignment> findByUpdatedAtAfter(Instant after, Sort sort);

}
