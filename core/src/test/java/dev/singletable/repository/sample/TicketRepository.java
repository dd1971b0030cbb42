package dev.singletable.repository.sample;

import java.time.Instant;
import java.time.LocalDate;
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
import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.VersionedRepository;
import dev.singletable.repository.sample.Ticket.Status;

public interface TicketRepository extends VersionedRepository<Ticket> {

	List<Ticket> findByStatus(Status status);

	List<Ticket> findByStatusOrderByIdDesc(Status status);

	Slice<Ticket> findByStatus(Status status, Pageable pageable);

	Stream<Ticket> streamByStatus(Status status);

	boolean existsByStatus(Status status);

	Window<Ticket> findByProject(String project, ScrollPosition position, Limit limit);

	Page<Ticket> findPageByProject(String project, Pageable pageable);

	long countByProject(String project);

	List<Ticket> findByAssigneeAndDueDateBetween(String assignee, LocalDate from, LocalDate to);

	List<Ticket> findByAssigneeAndDueDateBefore(String assignee, LocalDate before);

	List<Ticket> findByAssignee(String assignee, Sort sort);

	Optional<Ticket> findFirstByAssigneeOrderByDueDateDesc(String assignee);

	List<Ticket> findTop2ByAssigneeAndDueDateGreaterThanEqual(String assignee, LocalDate from);

	List<Ticket> findAllByOrderByUpdatedAtDesc();

	List<Ticket> findByUpdatedAtAfter(Instant after);

	@AllowFiltering
	List<Ticket> findByStatusAndPriorityGreaterThan(Status status, int priority);

	@IndexQuery(index = "gsi3", sort = IndexQuery.SortCondition.BEGINS_WITH)
	List<Ticket> dueInMonth(String assigneeKey, String monthPrefix);

}
