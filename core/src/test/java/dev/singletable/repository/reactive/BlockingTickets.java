package dev.singletable.repository.reactive;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

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
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;

/**
 * The blocking repository of {@link RepositoryBehaviourSuite}; {@link ReactiveTickets} declares the same methods
 * reactively, and the suite calls both through this interface ({@link BlockingView} blocks on the reactive one).
 */
public interface BlockingTickets extends VersionedRepository<Ticket> {

	List<Ticket> findByStatus(Status status);

	List<Ticket> findByStatus(Status status, Limit limit);

	List<Ticket> findByStatus(Status status, Pageable pageable);

	List<Ticket> findByAssigneeIn(Collection<String> assignees);

	Slice<Ticket> findByProjectIn(Collection<String> projects, Pageable pageable);

	Slice<Ticket> findSliceByStatus(Status status, Pageable pageable);

	boolean existsByStatus(Status status);

	long countByProject(String project);

	Window<Ticket> findByProject(String project, ScrollPosition position, Limit limit);

	Page<Ticket> findPageByProject(String project, Pageable pageable);

	List<Ticket> findByAssigneeAndDueDateBetween(String assignee, LocalDate from, LocalDate to);

	List<Ticket> findByAssigneeAndDueDateBefore(String assignee, LocalDate before);

	List<Ticket> findByAssignee(String assignee, Sort sort);

	Optional<Ticket> findFirstByAssigneeOrderByDueDateDesc(String assignee);

	Optional<Ticket> findOneByAssigneeAndDueDate(String assignee, LocalDate due);

	Optional<Ticket> findOneByProject(String project);

	List<Ticket> findTop2ByAssigneeAndDueDateGreaterThanEqual(String assignee, LocalDate from);

	@AllowFiltering
	List<Ticket> findByStatusAndPriorityGreaterThan(Status status, int priority);

	@IndexQuery(index = "gsi3", sort = IndexQuery.SortCondition.BEGINS_WITH)
	List<Ticket> dueInMonth(String assigneeKey, String monthPrefix);

	List<TicketSummary> findSummariesByProject(String project);

	List<TicketTitle> findTitlesByStatus(Status status);

	<P> List<P> findByAssignee(String assignee, Class<P> type);

	long deleteByProject(String project);

	List<Ticket> removeByStatus(Status status);

}
