package dev.singletable.repository.reactive;

import java.time.LocalDate;
import java.util.Collection;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Sort;
import org.springframework.data.domain.Window;

import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive repository of {@link RepositoryBehaviourSuite}: the methods of {@link BlockingTickets}, reactive.
 */
public interface ReactiveTickets extends ReactiveVersionedRepository<Ticket> {

	Flux<Ticket> findByStatus(Status status);

	Flux<Ticket> findByStatus(Status status, Limit limit);

	Flux<Ticket> findByStatus(Status status, Pageable pageable);

	Flux<Ticket> findByAssigneeIn(Collection<String> assignees);

	Mono<Slice<Ticket>> findByProjectIn(Collection<String> projects, Pageable pageable);

	Mono<Slice<Ticket>> findSliceByStatus(Status status, Pageable pageable);

	Mono<Boolean> existsByStatus(Status status);

	Mono<Long> countByProject(String project);

	Mono<Window<Ticket>> findByProject(String project, ScrollPosition position, Limit limit);

	Mono<Page<Ticket>> findPageByProject(String project, Pageable pageable);

	Flux<Ticket> findByAssigneeAndDueDateBetween(String assignee, LocalDate from, LocalDate to);

	Flux<Ticket> findByAssigneeAndDueDateBefore(String assignee, LocalDate before);

	Flux<Ticket> findByAssignee(String assignee, Sort sort);

	Mono<Ticket> findFirstByAssigneeOrderByDueDateDesc(String assignee);

	Mono<Ticket> findOneByAssigneeAndDueDate(String assignee, LocalDate due);

	Mono<Ticket> findOneByProject(String project);

	Flux<Ticket> findTop2ByAssigneeAndDueDateGreaterThanEqual(String assignee, LocalDate from);

	@AllowFiltering
	Flux<Ticket> findByStatusAndPriorityGreaterThan(Status status, int priority);

	@IndexQuery(index = "gsi3", sort = IndexQuery.SortCondition.BEGINS_WITH)
	Flux<Ticket> dueInMonth(String assigneeKey, String monthPrefix);

	Flux<TicketSummary> findSummariesByProject(String project);

	Flux<TicketTitle> findTitlesByStatus(Status status);

	<P> Flux<P> findByAssignee(String assignee, Class<P> type);

	Mono<Long> deleteByProject(String project);

	Flux<Ticket> removeByStatus(Status status);

}
