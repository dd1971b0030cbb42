package dev.singletable.repository.query.depots;

import java.util.Collection;
import java.util.List;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.singletable.core.fixtures.Task;
import dev.singletable.repository.SingleTableRepository;

/**
 * Derived {@code In} queries on an enum partition property of {@code gsi1}, whose sort key is the table's
 * {@code pk}: the merged order is the order of the ids.
 */
public interface StatusTaskRepository extends SingleTableRepository<Task> {

	Window<Task> findByStatusIn(Collection<Task.Status> statuses, ScrollPosition position, Limit limit);

	List<Task> findByStatusInOrderByIdDesc(Collection<Task.Status> statuses);

}
