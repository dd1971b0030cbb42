package com.example.events;

import dev.singletable.repository.VersionedRepository;

public interface ParcelRepository extends VersionedRepository<Parcel> {

}
