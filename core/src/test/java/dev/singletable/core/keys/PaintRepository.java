package dev.singletable.core.keys;

import java.util.List;

import dev.singletable.repository.SingleTableRepository;

/**
 * Derived queries over {@link Paint}'s index keys.
 */
public interface PaintRepository extends SingleTableRepository<Paint> {

	List<Paint> findByColor(Paint.Color color);

	List<Paint> findByPriority(int priority);

	List<Paint> findByBatchAndSequenceBetweenOrderBySequenceAsc(String batch, int low, int high);

	List<Paint> findByBatchAndSequence(String batch, int sequence);

}
