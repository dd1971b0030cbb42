package com.example.python;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

public interface IncidentRepository extends SingleTableRepository<Incident> {

	List<Incident> findByTeam(String team);

}
