package dev.singletable.sample;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

import dev.singletable.repository.VersionedRepository;

/**
 * Articles, with their version history. The query methods are derived onto the indexes {@link Article} declares
 * and scroll with opaque cursors ({@link dev.singletable.repository.Cursors}).
 */
public interface ArticleRepository extends VersionedRepository<Article> {

	/**
	 * Lists the articles with a status, oldest first ({@code gsi1}).
	 * @param status the status
	 * @param position where to continue
	 * @param limit the page size
	 * @return one window of articles
	 */
	Window<Article> findByStatus(Article.Status status, ScrollPosition position, Limit limit);

	/**
	 * Lists an author's articles, most recently updated first ({@code gsi3}).
	 * @param author the author
	 * @param position where to continue
	 * @param limit the page size
	 * @return one window of articles
	 */
	Window<Article> findByAuthorOrderByUpdatedAtDesc(String author, ScrollPosition position, Limit limit);

}
