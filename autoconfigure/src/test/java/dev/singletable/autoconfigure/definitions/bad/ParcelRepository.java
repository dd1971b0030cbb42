package dev.singletable.autoconfigure.definitions.bad;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

public interface ParcelRepository extends VersionedRepository<Parcel> {

	List<Parcel> findByCarrier(String carrier);

	List<Parcel> findByLabelLike(String pattern);

}
