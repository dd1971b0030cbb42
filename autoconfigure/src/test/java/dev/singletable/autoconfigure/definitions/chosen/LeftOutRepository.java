package dev.singletable.autoconfigure.definitions.chosen;

import java.util.List;

import dev.singletable.autoconfigure.definitions.bad.Parcel;
import dev.singletable.repository.VersionedRepository;

public interface LeftOutRepository extends VersionedRepository<Parcel> {

	List<Parcel> findByLabelLike(String pattern);

}
