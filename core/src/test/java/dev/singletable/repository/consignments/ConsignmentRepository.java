package dev.singletable.repository.consignments;

import java.time.Instant;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.singletable.core.fixtures.Consignment;
import dev.singletable.repository.SingleTableRepository;

public interface ConsignmentRepository extends SingleTableRepository<Consignment> {

	Window<Consignment> findByUpdatedAtAfter(Instant after, ScrollPosition position, Limit limit);

	long countByUpdatedAtAfter(Instant after);

}
