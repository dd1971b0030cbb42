package dev.singletable.sample;

import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Service;

import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The knowledge base's articles on the reactive API (profile {@code reactive}): the same operations as
 * {@link KnowledgeBase}, none of which holds a thread while DynamoDB answers. Failures are the same exceptions,
 * answered with the same problem details.
 */
@Service
@Profile("reactive")
public class ReactiveKnowledgeBase {

	private final ReactiveSingleTableOperations operations;

	/**
	 * Creates the knowledge base.
	 * @param operations the reactive single-table operations
	 */
	public ReactiveKnowledgeBase(ReactiveSingleTableOperations operations) {
		this.operations = operations;
	}

	/**
	 * Creates an article as version 1.
	 * @param article the new article
	 * @return the stored article
	 */
	public Mono<Article> create(Article article) {
		return this.operations.create(article);
	}

	/**
	 * Reads the latest version of an article.
	 * @param id the id
	 * @return the article, or a {@link NoSuchResourceException} when it does not exist
	 */
	public Mono<Article> get(String id) {
		return this.operations.findById(Article.class, id)
			.switchIfEmpty(Mono.error(() -> new NoSuchResourceException(Article.class, id, null)));
	}

	/**
	 * Stores the next version of an article, provided the change is based on its latest version.
	 * @param id the id
	 * @param update the new content and the version it is based on
	 * @return the stored article, or a {@link dev.singletable.core.VersionConflictException} when the change is
	 * based on an older version (nothing is written)
	 */
	public Mono<Article> update(String id, ArticleUpdateRequest update) {
		return get(id).map(update::applyTo).flatMap(this.operations::update);
	}

	/**
	 * Deletes an article with its whole history and its view counter.
	 * @param id the id
	 * @return completes once deleted, or a {@link NoSuchResourceException} when it does not exist
	 */
	public Mono<Void> delete(String id) {
		return this.operations.deleteById(Article.class, id)
			.flatMap((deleted) -> deleted ? this.operations.deleteById(ArticleViews.class, id).then()
					: Mono.error(new NoSuchResourceException(Article.class, id, null)));
	}

	/**
	 * Lists the articles with a status, oldest first ({@code gsi1}).
	 * @param status the status
	 * @param cursor the cursor of the page to read, or {@literal null} for the first
	 * @param size the page size
	 * @return one page
	 */
	public Mono<QueryPage<Article>> listByStatus(Article.Status status, @Nullable String cursor, int size) {
		return this.operations.query(Article.class).index("gsi1").partition("status#" + status.name()).limit(size).page(cursor);
	}

	/**
	 * Lists an author's articles, most recently updated first ({@code gsi3}).
	 * @param author the author
	 * @param cursor the cursor of the page to read, or {@literal null} for the first
	 * @param size the page size
	 * @return one page
	 */
	public Mono<QueryPage<Article>> listByAuthor(String author, @Nullable String cursor, int size) {
		return this.operations.query(Article.class)
			.index("gsi3")
			.partition("author#" + author)
			.descending()
			.limit(size)
			.page(cursor);
	}

	/**
	 * Returns the stored versions of an article, newest first.
	 * @param id the id
	 * @return the versions, or a {@link NoSuchResourceException} when the article does not exist
	 */
	public Flux<Article> versions(String id) {
		return this.operations.findAllVersions(Article.class, id)
			.switchIfEmpty(Mono.error(() -> new NoSuchResourceException(Article.class, id, null)));
	}

	/**
	 * Returns one version of an article.
	 * @param id the id
	 * @param version the version
	 * @return that version, or a {@link NoSuchResourceException} when the article or the version does not exist
	 */
	public Mono<Article> version(String id, long version) {
		return this.operations.findVersion(Article.class, id, version)
			.switchIfEmpty(Mono.error(() -> new NoSuchResourceException(Article.class, id, version)));
	}

	/**
	 * Stores the content of an earlier version as the next version.
	 * @param id the id
	 * @param version the version to restore
	 * @return the new latest version
	 */
	public Mono<Article> restore(String id, long version) {
		return this.operations.restoreVersion(Article.class, id, version);
	}

}
