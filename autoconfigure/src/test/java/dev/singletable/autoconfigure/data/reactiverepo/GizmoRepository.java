package dev.singletable.autoconfigure.data.reactiverepo;

import java.util.List;

import dev.singletable.repository.VersionedRepository;

/**
 * The blocking repository.
 */
public interface GizmoRepository extends VersionedRepository<Gizmo> {

	List<Gizmo> findByColor(String color);

}
