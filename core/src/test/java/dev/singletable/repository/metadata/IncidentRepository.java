package dev.singletable.repository.metadata;

import java.util.List;

import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.VersionedRepository;

public interface IncidentRepository extends VersionedRepository<Incident> {

	@AllowFiltering
	List<Incident> findByStatus(String status);

	@AllowFiltering
	List<Incident> findByStatusAndPriorityGreaterThanEqual(String status, int priority);

	@AllowFiltering
	List<Incident> findByStatusAndBody(String status, String body);

	@AllowFiltering
	long countByStatus(String status);

}
