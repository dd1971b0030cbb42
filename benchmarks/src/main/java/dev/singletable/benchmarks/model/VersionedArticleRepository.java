package dev.singletable.benchmarks.model;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.singletable.repository.VersionedRepository;

/**
 * Repository of {@link VersionedArticle}: its derived query reads a page of the {@code gsi1} partition of a
 * status.
 */
public interface VersionedArticleRepository extends VersionedRepository<VersionedArticle> {

	/**
	 * Reads one window of the articles of a status, in {@code gsi1} order.
	 * @param status the status
	 * @param position where to continue
	 * @param limit the window size
	 * @return the window
	 */
	Window<VersionedArticle> findByStatus(Status status, ScrollPosition position, Limit limit);

}
