package dev.singletable.repository.projection;

import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.VersionedRepository;
import dev.singletable.repository.sample.Ticket;
import dev.singletable.repository.sample.Ticket.Status;

public interface ProjectedTicketRepository extends VersionedRepository<Ticket> {

	List<TicketViews.Title> findTitlesByStatus(Status status);

	List<TicketViews.Open> findOpenByStatus(Status status);

	List<TicketViews.Summary> findSummariesByStatus(Status status);

	List<TicketViews.TitleAndPriority> findRecordsByProject(String project);

	<T> List<T> findByAssignee(String assignee, Class<T> type);

	Optional<TicketViews.Title> findTitleById(String id);

	<T> Optional<T> findById(String id, Class<T> type);

	@IndexQuery(index = "gsi2")
	List<TicketViews.Summary> declaredSummaries(String projectKey);

	@IndexQuery(index = "gsi2")
	<T> List<T> declared(String projectKey, Class<T> type);

	Page<TicketViews.Title> findTitlePageByProject(String project, Pageable pageable);

}
