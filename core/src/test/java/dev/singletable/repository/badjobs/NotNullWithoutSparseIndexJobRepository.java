package dev.singletable.repository.badjobs;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.jobs.Job;

public interface NotNullWithoutSparseIndexJobRepository extends SingleTableRepository<Job> {

	List<Job> findByCustomerIdIsNotNull();

}
