package dev.singletable.sample;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A knowledge-base article. Every save keeps the previous state as a numbered version (the 20 newest are kept)
 * and, being versioned, it is stored as gzip-compressed JSON. Two indexes serve the listings: {@code gsi1} by
 * status (in creation order) and {@code gsi3} by author, sorted by the time of the last update.
 *
 * @param id the id, a ULID assigned on create
 * @param version the version, from 1
 * @param createdAt when the article was created
 * @param updatedAt when this version was written
 * @param title the title
 * @param body the text
 * @param status the publication status
 * @param author who wrote the article
 * @param tags free-form tags
 */
@SingleTableEntity(versioned = true, maxVersions = 20)
@IndexKey(index = "gsi1", partition = "status#{status}")
@IndexKey(index = "gsi3", partition = "author#{author}", sort = "{updatedAt}")
@IndexKey(index = "gsi2", partition = "article#{id}")
public record Article(@Id @Nullable String id, @Version @Nullable Long version, @CreatedDate @Nullable Instant createdAt,
		@LastModifiedDate @Nullable Instant updatedAt, String title, String body, Status status, String author,
		List<String> tags) {

	/**
	 * Creates the state of a new article, without id, version or timestamps.
	 * @param title the title
	 * @param body the text
	 * @param status the status
	 * @param author the author
	 * @param tags the tags
	 * @return the new article, ready to be created
	 */
	public static Article create(String title, String body, Status status, String author, List<String> tags) {
		return new Article(null, null, null, null, title, body, status, author, List.copyOf(tags));
	}

	/**
	 * Returns the next state of this article with new content, based on the version the client last saw.
	 * @param basedOn the version the change is based on
	 * @param title the new title
	 * @param body the new text
	 * @param status the new status
	 * @param tags the new tags
	 * @return the changed article
	 */
	public Article withContent(long basedOn, String title, String body, Status status, List<String> tags) {
		return new Article(this.id, basedOn, this.createdAt, this.updatedAt, title, body, status, this.author,
				List.copyOf(tags));
	}

	/**
	 * Publication status of an article.
	 */
	public enum Status {

		/** Being written. */
		DRAFT,

		/** Visible to readers. */
		PUBLISHED,

		/** Kept for reference only. */
		ARCHIVED

	}

}
