package dev.singletable.test.autoconfigure.changes;

import dev.singletable.repository.VersionedRepository;

/**
 * The parcels.
 */
public interface ParcelRepository extends VersionedRepository<Parcel> {
}
