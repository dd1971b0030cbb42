package dev.singletable.repository.gizmos;

import dev.singletable.repository.VersionedRepository;

public interface ShelfRepository extends VersionedRepository<Shelf> {

}
