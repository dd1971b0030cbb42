package dev.singletable.sample;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;

/**
 * A comment on an article: a plain (unversioned) item whose properties are stored as top-level attributes,
 * listed per article through {@code gsi2} in creation order.
 *
 * @param id the id, a ULID assigned on create
 * @param createdAt when the comment was written
 * @param updatedAt when the comment was last changed
 * @param articleId the article commented on
 * @param author who wrote the comment
 * @param text the comment
 */
@SingleTableEntity(compression = Compression.DISABLED)
@IndexKey(index = "gsi2", partition = "article#{articleId}")
public record Comment(@Id @Nullable String id, @CreatedDate @Nullable Instant createdAt,
		@LastModifiedDate @Nullable Instant updatedAt, String articleId, String author, String text) {

	/**
	 * Creates a new comment, without id or timestamps.
	 * @param articleId the article
	 * @param author the author
	 * @param text the comment
	 * @return the new comment, ready to be created
	 */
	public static Comment create(String articleId, String author, String text) {
		return new Comment(null, null, null, articleId, author, text);
	}

}
