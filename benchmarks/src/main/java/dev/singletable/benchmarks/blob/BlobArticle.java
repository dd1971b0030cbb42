package dev.singletable.benchmarks.blob;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.benchmarks.model.VersionedArticle;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;

/**
 * A versioned article whose attachment is stored in S3: {@code BlobArticle/{id}/v{n}/attachment}, the raw bytes,
 * uncompressed. The item itself is small (the title and the references); at most
 * {@link VersionedArticle#MAX_VERSIONS} versions are kept, so every measured update prunes one and deletes the
 * object only that version used.
 *
 * @param id the id
 * @param version the version
 * @param createdAt the creation time
 * @param updatedAt the last modification time
 * @param title the title
 * @param attachment the attachment; {@literal null} as read (loaded explicitly)
 */
@SingleTableEntity(versioned = true, maxVersions = VersionedArticle.MAX_VERSIONS)
public record BlobArticle(@Id @Nullable String id, @Version @Nullable Long version,
		@CreatedDate @Nullable Instant createdAt, @LastModifiedDate @Nullable Instant updatedAt, String title,
		@BlobField byte @Nullable [] attachment) {

	/**
	 * Returns this article with another title and attachment.
	 * @param title the title
	 * @param attachment the attachment
	 * @return a copy
	 */
	public BlobArticle with(String title, byte[] attachment) {
		return new BlobArticle(this.id, this.version, this.createdAt, this.updatedAt, title, attachment);
	}

}
