package dev.singletable.repository.badjobs;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.jobs.Job;

public interface LikeJobRepository extends SingleTableRepository<Job> {

	List<Job> findByStatusAndAssigneeLike(String status, String pattern);

}
