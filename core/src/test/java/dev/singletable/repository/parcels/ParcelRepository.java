package dev.singletable.repository.parcels;

import java.util.Collection;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.core.fixtures.Parcel;
import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.SingleTableRepository;

public interface ParcelRepository extends SingleTableRepository<Parcel> {

	Window<Parcel> findByDepotIn(Collection<String> depots, ScrollPosition position, Limit limit);

	Window<Parcel> findByDepotInOrderByCodeDesc(Collection<String> depots, ScrollPosition position, Limit limit);

	@AllowFiltering
	Window<Parcel> findByDepotInAndFragileTrue(Collection<String> depots, ScrollPosition position, Limit limit);

	Window<ParcelCode> findCodesByDepotInAndCodeGreaterThan(Collection<String> depots, String code,
			ScrollPosition position, Limit limit);

	Slice<Parcel> findSliceByDepotIn(Collection<String> depots, Pageable pageable);

	Page<Parcel> findPageByDepotIn(Collection<String> depots, Pageable pageable);

	long countByDepotIn(Collection<String> depots);

	/**
	 * A closed projection of a parcel.
	 */
	interface ParcelCode {

		String getCode();

	}

}
