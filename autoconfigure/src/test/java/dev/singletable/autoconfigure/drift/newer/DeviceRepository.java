package dev.singletable.autoconfigure.drift.newer;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

/**
 * Devices, found by owner through the new index.
 */
public interface DeviceRepository extends VersionedRepository<Device> {

	List<Device> findByOwner(String owner);

}
