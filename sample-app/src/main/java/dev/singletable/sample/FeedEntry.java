package dev.singletable.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * An entry of the feed of published articles, a read model the {@link PublicationFeed} keeps from the table's change
 * events: one entry per published version, so that a change delivered again writes the same entry again.
 *
 * @param id the article's id and the version published, {@code <article>-v<version>}
 * @param createdAt when the entry was written
 * @param articleId the article
 * @param version the version published
 * @param title its title
 * @param author its author
 */
@SingleTableEntity
public record FeedEntry(@Id String id, @CreatedDate @Nullable Instant createdAt, String articleId, long version,
		String title, String author) {

	/**
	 * Returns the entry of a published version.
	 * @param article the version, as stored
	 * @return the entry
	 */
	public static FeedEntry of(Article article) {
		return new FeedEntry(article.id() + "-v" + article.version(), null, article.id(), article.version(),
				article.title(), article.author());
	}

}
