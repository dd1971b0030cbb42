package dev.singletable.benchmarks.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;

/**
 * {@link VersionedArticle} with an audit log: every update also writes an audit row with the changed fields, in
 * the same transaction.
 *
 * @param id the id
 * @param version the version
 * @param createdAt the creation time
 * @param updatedAt the last modification time
 * @param title the title
 * @param summary the summary
 * @param status the status; the {@code gsi1} partition
 * @param author the author
 * @param tags the tags
 * @param sections the sections
 * @param comments the comments
 * @param metadata the metadata
 */
@Audited
@SingleTableEntity(versioned = true, maxVersions = VersionedArticle.MAX_VERSIONS, compression = Compression.ENABLED)
@IndexKey(index = "gsi1", partition = "status#{status}")
public record AuditedArticle(@Id @Nullable String id, @Version @Nullable Long version,
		@CreatedDate @Nullable Instant createdAt, @LastModifiedDate @Nullable Instant updatedAt, String title,
		String summary, Status status, String author, List<String> tags, List<Section> sections,
		List<Comment> comments, Map<String, String> metadata) {

	/**
	 * Returns a new, unsaved article with the given content.
	 * @param document the content
	 * @return the article
	 */
	public static AuditedArticle of(ArticleDocument document) {
		return new AuditedArticle(null, null, null, null, document.title(), document.summary(), document.status(),
				document.author(), document.tags(), document.sections(), document.comments(), document.metadata());
	}

	/**
	 * Returns this article with another title.
	 * @param title the title
	 * @return a copy
	 */
	public AuditedArticle withTitle(String title) {
		return new AuditedArticle(this.id, this.version, this.createdAt, this.updatedAt, title, this.summary,
				this.status, this.author, this.tags, this.sections, this.comments, this.metadata);
	}

}
