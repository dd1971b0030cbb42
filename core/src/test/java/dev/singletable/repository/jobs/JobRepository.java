package dev.singletable.repository.jobs;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.SingleTableRepository;

public interface JobRepository extends SingleTableRepository<Job> {

	List<Job> findTop3ByStatusOrderByUpdatedAtDesc(String status);

	Optional<Job> findFirstByCustomerId(String customerId);

	List<Job> findTop2ByStatus(String status, Sort sort);

	Page<Job> findTop5ByStatus(String status, Pageable pageable);

	List<Job> findByStatus(String status, Limit limit);

	List<Job> findFirst3ByStatus(String status, Limit limit);

	List<Job> findByAssigneeIsNotNull();

	List<Job> findByAssigneeIsNotNullAndAssigneeStartingWith(String prefix);

	@AllowFiltering
	List<Job> findByCustomerIdAndAssigneeIsNull(String customerId);

	@AllowFiltering
	List<Job> findByCustomerIdAndExpiresAtIsNotNull(String customerId);

	List<Job> findByStatusIn(Collection<String> statuses);

	List<Job> findByStatusInOrderByUpdatedAtDesc(Collection<String> statuses);

	List<Job> findTop3ByStatusIn(Collection<String> statuses, Sort sort);

	Stream<Job> streamByStatusIn(Collection<String> statuses);

	long countByStatusIn(Collection<String> statuses);

	boolean existsByStatusIn(Collection<String> statuses);

	Page<Job> findPageByStatusIn(Collection<String> statuses, Pageable pageable);

	Slice<Job> findSliceByStatusIn(Collection<String> statuses, Pageable pageable);

	Window<Job> findWindowByStatusIn(Collection<String> statuses, ScrollPosition position, Limit limit);

	Optional<Job> findFirstByStatusInOrderByUpdatedAtDesc(Collection<String> statuses);

	List<Job> findByCustomerIdIn(String... customerIds);

	List<JobViews.JobNumber> findNumbersByStatusInOrderByUpdatedAtDesc(Collection<String> statuses);

	<T> Page<T> findProjectedByStatusIn(Collection<String> statuses, Pageable pageable, Class<T> type);

	Page<JobViews.JobSummary> findSummariesByStatus(String status, Pageable pageable);

}
