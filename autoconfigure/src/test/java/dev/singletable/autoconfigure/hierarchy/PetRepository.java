package dev.singletable.autoconfigure.hierarchy;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

public interface PetRepository extends VersionedRepository<Pet> {

	List<Pet> findByOwner(String owner);

}
