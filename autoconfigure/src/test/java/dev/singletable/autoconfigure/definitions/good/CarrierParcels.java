package dev.singletable.autoconfigure.definitions.good;

import java.util.List;

import dev.singletable.autoconfigure.definitions.bad.Parcel;
import dev.singletable.repository.VersionedRepository;

public interface CarrierParcels extends VersionedRepository<Parcel> {

	List<Parcel> findByCarrier(String carrier);

}
