package dev.singletable.repository.badjobs;

import java.util.Collection;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.singletable.repository.SingleTableRepository;
import dev.singletable.repository.jobs.Job;

public interface ScrollingInJobRepository extends SingleTableRepository<Job> {

	Window<Job> findByStatusIn(Collection<String> statuses, ScrollPosition position, Limit limit);

}
