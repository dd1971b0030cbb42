package dev.singletable.sample;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * An article, or one version of it, as the API returns it.
 *
 * @param id the id
 * @param version the version
 * @param createdAt when the article was created
 * @param updatedAt when this version was written
 * @param title the title
 * @param body the text
 * @param status the status
 * @param author the author
 * @param tags the tags
 */
public record ArticleResponse(@Nullable String id, @Nullable Long version, @Nullable Instant createdAt,
		@Nullable Instant updatedAt, String title, String body, Article.Status status, String author,
		List<String> tags) {

	/**
	 * Returns the response for an article.
	 * @param article the article
	 * @return the response
	 */
	public static ArticleResponse of(Article article) {
		return new ArticleResponse(article.id(), article.version(), article.createdAt(), article.updatedAt(),
				article.title(), article.body(), article.status(), article.author(),
				(article.tags() != null) ? article.tags() : List.of());
	}

}
