package dev.singletable.autoconfigure.transaction.events;

import dev.singletable.repository.SingleTableRepository;

/**
 * The repository of {@link Parcel}s.
 */
public interface ParcelRepository extends SingleTableRepository<Parcel> {

}
