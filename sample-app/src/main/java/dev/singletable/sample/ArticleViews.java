package dev.singletable.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;

/**
 * The view counter of an article, kept apart from the versioned article so that counting a view neither writes a
 * version nor conflicts with an edit. Plain and uncompressed, so that {@code views} is a number attribute that
 * DynamoDB increments atomically.
 *
 * @param id the id of the article counted
 * @param createdAt when the first view was counted
 * @param updatedAt when the last view was counted
 * @param views the number of views
 */
@SingleTableEntity(compression = Compression.DISABLED)
public record ArticleViews(@Id String id, @CreatedDate @Nullable Instant createdAt,
		@LastModifiedDate @Nullable Instant updatedAt, long views) {

	/** The name of the counted property. */
	public static final String VIEWS = "views";

	/**
	 * Creates a counter at zero.
	 * @param articleId the id of the article
	 * @return the new counter
	 */
	public static ArticleViews zero(String articleId) {
		return new ArticleViews(articleId, null, null, 0);
	}

}
