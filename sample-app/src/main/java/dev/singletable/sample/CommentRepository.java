package dev.singletable.sample;

import java.util.List;

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

}
