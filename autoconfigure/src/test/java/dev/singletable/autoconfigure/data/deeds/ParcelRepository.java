package dev.singletable.autoconfigure.data.deeds;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface ParcelRepository extends SingleTableRepository<Parcel> {

	List<Destination> findByCity(String city);

	/** A closed projection with a nested one. */
	interface Destination {

		Street getTo();

		/** The nested projection. */
		interface Street {

			String getStreet();

		}

	}

}
