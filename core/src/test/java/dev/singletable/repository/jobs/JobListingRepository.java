package dev.singletable.repository.jobs;

import org.springframework.data.repository.PagingAndSortingRepository;

import dev.singletable.repository.ReadOnlySingleTableRepository;

/**
 * A read-only repository, also declared as Spring Data's plain {@code PagingAndSortingRepository}.
 */
public interface JobListingRepository extends ReadOnlySingleTableRepository<Job>, PagingAndSortingRepository<Job, String> {

}
