package com.example.reference.tasks;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;

import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.IndexQuery;
import dev.singletable.repository.IndexQuery.SortCondition;
import dev.singletable.repository.SingleTableRepository;

public interface TaskRepository extends SingleTableRepository<Task> {

	List<Task> findByProject(String project);                                                  // gsi1, id order

	List<Task> findByAssigneeAndDueBetween(String assignee, LocalDate from, LocalDate to);     // gsi3

	Window<Task> findByAssigneeOrderByDueAsc(String assignee, ScrollPosition position, Limit limit);

	Slice<Task> findByProjectIn(Collection<String> projects, Pageable pageable);               // gsi1, merged

	@AllowFiltering
	List<Task> findByProjectAndDoneFalse(String project);                                      // gsi1 + filter

	long countByProject(String project);

	long deleteByProject(String project);

	@IndexQuery(index = "gsi3", sort = SortCondition.BEGINS_WITH)
	List<Task> findDue(String assigneeKey, String duePrefix);                                  // raw key values

	List<TaskTitle> findTitlesByProject(String project);
	<T> List<T> findByAssignee(String assignee, Class<T> type);
	Optional<TaskTitle> findTitleById(String id);

}
