package dev.singletable.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Limit;

import dev.singletable.core.query.ItemCollection;
import dev.singletable.repository.CollectionQuery;
import dev.singletable.repository.SingleTableRepository;

/**
 * Comments on articles.
 */
public interface CommentRepository extends SingleTableRepository<Comment> {

	/**
	 * Lists the comments on an article, oldest first ({@code gsi2}).
	 * @param articleId the article
	 * @return the comments
	 */
	List<Comment> findByArticleId(String articleId);

	/**
	 * Reads a page of an article's thread: the article and its comments, oldest first, one {@code Query} per page
	 * ({@code gsi2}, which both declare as {@code article#...}).
	 * @param articleKey the partition, {@code article#<id>}
	 * @param cursor the cursor of the page, {@literal null} for the first
	 * @param limit the page size
	 * @return the page, grouped by type
	 */
	@CollectionQuery(index = "gsi2", types = { Article.class, Comment.class })
	ItemCollection findThread(String articleKey, @Nullable String cursor, Limit limit);

}
