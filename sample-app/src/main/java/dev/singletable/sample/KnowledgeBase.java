package dev.singletable.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Limit;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Service;

import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.repository.Cursors;

/**
 * The knowledge base: articles with their history, comments and view counters, all in one DynamoDB table.
 * <p>
 * Failures are the starter's {@link org.springframework.dao.DataAccessException}s, which the starter answers with
 * problem details by itself: {@link NoSuchResourceException} (404),
 * {@link dev.singletable.core.VersionConflictException} (409) and
 * {@link dev.singletable.core.query.InvalidCursorException} (400).
 */
@Service
public class KnowledgeBase {

	private final ArticleRepository articles;

	private final CommentRepository comments;

	private final SingleTableOperations operations;

	/**
	 * Creates the knowledge base.
	 * @param articles the article repository
	 * @param comments the comment repository
	 * @param operations the single-table operations, for the atomic view counter
	 */
	public KnowledgeBase(ArticleRepository articles, CommentRepository comments, SingleTableOperations operations) {
		this.articles = articles;
		this.comments = comments;
		this.operations = operations;
	}

	/**
	 * Creates an article as version 1.
	 * @param article the new article
	 * @return the stored article
	 */
	public Article create(Article article) {
		return this.articles.insert(article);
	}

	/**
	 * Reads the latest version of an article.
	 * @param id the id
	 * @return the article
	 * @throws NoSuchResourceException when it does not exist
	 */
	public Article get(String id) {
		return this.articles.findById(id).orElseThrow(() -> new NoSuchResourceException(Article.class, id, null));
	}

	/**
	 * Stores the next version of an article, provided the change is based on its latest version.
	 * @param id the id
	 * @param update the new content and the version it is based on
	 * @return the stored article
	 * @throws NoSuchResourceException when it does not exist
	 * @throws dev.singletable.core.VersionConflictException when the change is based on an older version; nothing
	 * is written
	 */
	public Article update(String id, ArticleUpdateRequest update) {
		return this.articles.update(update.applyTo(get(id)));
	}

	/**
	 * Deletes an article with its whole history, its comments and its view counter.
	 * @param id the id
	 * @throws NoSuchResourceException when it does not exist
	 */
	public void delete(String id) {
		if (!this.articles.existsById(id)) {
			throw new NoSuchResourceException(Article.class, id, null);
		}
		// The article goes first: once it is gone nothing can add comments or views to it
		this.articles.deleteAllVersions(id);
		this.comments.deleteAll(this.comments.findByArticleId(id));
		this.operations.deleteById(ArticleViews.class, id);
	}

	/**
	 * Lists the articles with a status, oldest first.
	 * @param status the status
	 * @param cursor the cursor of the page to read, or {@literal null} for the first
	 * @param size the page size
	 * @return one window
	 * @throws dev.singletable.core.query.InvalidCursorException when the cursor is not one of this listing
	 */
	public Window<Article> listByStatus(Article.Status status, @Nullable String cursor, int size) {
		return this.articles.findByStatus(status, Cursors.position(cursor), Limit.of(size));
	}

	/**
	 * Lists an author's articles, most recently updated first.
	 * @param author the author
	 * @param cursor the cursor of the page to read, or {@literal null} for the first
	 * @param size the page size
	 * @return one window
	 * @throws dev.singletable.core.query.InvalidCursorException when the cursor is not one of this listing
	 */
	public Window<Article> listByAuthor(String author, @Nullable String cursor, int size) {
		return this.articles.findByAuthorOrderByUpdatedAtDesc(author, Cursors.position(cursor), Limit.of(size));
	}

	/**
	 * Returns the stored versions of an article, newest first.
	 * @param id the id
	 * @return the versions
	 * @throws NoSuchResourceException when the article does not exist
	 */
	public List<Article> versions(String id) {
		List<Article> versions = this.articles.findVersions(id);
		if (versions.isEmpty()) {
			throw new NoSuchResourceException(Article.class, id, null);
		}
		return versions;
	}

	/**
	 * Returns one version of an article.
	 * @param id the id
	 * @param version the version
	 * @return that version
	 * @throws NoSuchResourceException when the article or the version does not exist
	 */
	public Article version(String id, long version) {
		return this.articles.findVersion(id, version)
			.orElseThrow(() -> new NoSuchResourceException(Article.class, id, version));
	}

	/**
	 * Stores the content of an earlier version as the next version.
	 * @param id the id
	 * @param version the version to restore
	 * @return the new latest version
	 * @throws NoSuchResourceException when the article or the version does not exist
	 */
	public Article restore(String id, long version) {
		return this.articles.restore(id, version);
	}

	/**
	 * Adds a comment to an article.
	 * @param articleId the article
	 * @param request the comment
	 * @return the stored comment
	 * @throws NoSuchResourceException when the article does not exist
	 */
	public Comment comment(String articleId, CommentRequest request) {
		requireArticle(articleId);
		return this.comments.insert(Comment.create(articleId, request.author(), request.text()));
	}

	/**
	 * Lists the comments on an article, oldest first.
	 * @param articleId the article
	 * @return the comments
	 * @throws NoSuchResourceException when the article does not exist
	 */
	public List<Comment> comments(String articleId) {
		requireArticle(articleId);
		return this.comments.findByArticleId(articleId);
	}

	/**
	 * Reads a page of an article's thread: the article (on the first page) and its comments, oldest first, with one
	 * {@code Query} per page.
	 * @param articleId the article
	 * @param cursor the cursor of the page, {@literal null} for the first
	 * @param size the page size
	 * @return the page
	 * @throws NoSuchResourceException when the article does not exist
	 */
	public ItemCollection thread(String articleId, @Nullable String cursor, int size) {
		ItemCollection page = this.comments.findThread("article#" + articleId, cursor, Limit.of(size));
		if (cursor == null && page.get(Article.class).isEmpty()) {
			throw new NoSuchResourceException(Article.class, articleId, null);
		}
		return page;
	}

	/**
	 * Counts one view of an article with an atomic increment, so concurrent views are all counted. The counter is
	 * created on the first view; when two first views race, one creates it and both increment it.
	 * @param articleId the article
	 * @return the number of views read just after this one was counted (it may include concurrent views)
	 * @throws NoSuchResourceException when the article does not exist
	 */
	public long view(String articleId) {
		requireArticle(articleId);
		try {
			return this.operations.increment(ArticleViews.class, articleId, ArticleViews.VIEWS, 1);
		}
		catch (NoSuchResourceException ex) {
			try {
				this.operations.create(ArticleViews.zero(articleId));
			}
			catch (DuplicateResourceException raced) {
				// Another request created the counter first: counting on it is just as good
			}
			return this.operations.increment(ArticleViews.class, articleId, ArticleViews.VIEWS, 1);
		}
	}

	/**
	 * Returns how many times an article was viewed.
	 * @param articleId the article
	 * @return the number of views
	 * @throws NoSuchResourceException when the article does not exist
	 */
	public long views(String articleId) {
		requireArticle(articleId);
		return this.operations.findById(ArticleViews.class, articleId).map(ArticleViews::views).orElse(0L);
	}

	private void requireArticle(String id) {
		if (!this.articles.existsById(id)) {
			throw new NoSuchResourceException(Article.class, id, null);
		}
	}

}
