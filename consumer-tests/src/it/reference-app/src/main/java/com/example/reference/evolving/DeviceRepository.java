package com.example.reference.evolving;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

public interface DeviceRepository extends VersionedRepository<Device> {

	List<Device> findByOwner(String owner);   // gsi2: refused while the stored devices are not indexed

}
