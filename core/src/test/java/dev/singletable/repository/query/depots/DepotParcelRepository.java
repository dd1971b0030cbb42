package dev.singletable.repository.query.depots;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.core.fixtures.Parcel;
import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.SingleTableRepository;

/**
 * Derived {@code In} queries on the depot partition of {@link Parcel} in every shape a caller combines them with:
 * {@code Top}, {@code Limit}, {@code Sort}, {@code Pageable}, keyset and offset positions, arrays of values.
 */
public interface DepotParcelRepository extends SingleTableRepository<Parcel> {

	Window<Parcel> findByDepotIn(Collection<String> depots, ScrollPosition position, Limit limit, Sort sort);

	Window<Parcel> findByDepotInOrderByCodeDesc(Collection<String> depots, ScrollPosition position, Limit limit);

	Window<Parcel> findTop5ByDepotIn(Collection<String> depots, ScrollPosition position);

	Window<Parcel> findByDepotInAndCodeBetween(Collection<String> depots, String from, String to,
			ScrollPosition position, Limit limit);

	List<Parcel> findByDepotIn(Collection<String> depots, Sort sort, Limit limit);

	List<Parcel> findByDepotIn(String... depots);

	Page<Parcel> findTop10ByDepotIn(Collection<String> depots, Pageable pageable);

	@AllowFiltering
	Slice<Parcel> findByDepotInAndFragileTrue(Collection<String> depots, Pageable pageable);

	Stream<Parcel> streamByDepotIn(Collection<String> depots);

	Optional<Parcel> findFirstByDepotInOrderByCodeDesc(Collection<String> depots);

	boolean existsByDepotIn(Collection<String> depots);

	long countByDepotIn(Collection<String> depots);

	long deleteByDepotIn(Collection<String> depots);

}
