package dev.singletable.repository.jobs;

import dev.singletable.repository.SingleTableRepository;

public interface JobRepository extends SingleTableRepository<Job> {

}
