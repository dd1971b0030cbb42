package dev.singletable.repository.contracts;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.repository.SingleTableRepository;

public interface LeaseRepository extends SingleTableRepository<Lease> {

	long countByHolder(String holder);

	Page<Lease> findPageByHolder(String holder, Pageable pageable);

	Slice<Lease> findSliceByHolder(String holder, Pageable pageable);

	Window<Lease> findByHolder(String holder, ScrollPosition position, Limit limit);

}
