package dev.singletable.autoconfigure.transaction.events;

import java.util.List;

import org.springframework.transaction.annotation.Transactional;

import dev.singletable.repository.VersionedRepository;

/**
 * The repository of {@link Parcel}s.
 */
public interface ParcelRepository extends VersionedRepository<Parcel> {

	/**
	 * Deletes the parcels in a state, all or nothing.
	 * @param state the state
	 * @return the parcels deleted
	 */
	@Transactional
	List<Parcel> deleteByState(String state);

}
