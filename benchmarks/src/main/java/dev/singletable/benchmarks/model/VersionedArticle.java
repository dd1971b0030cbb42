package dev.singletable.benchmarks.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableEntity.Compression;

/**
 * The article as a versioned, compressed singletable resource: every update keeps the previous state as a
 * numbered version, at most {@link #MAX_VERSIONS}, and the item stores gzip(JSON) in {@code data}.
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
@SingleTableEntity(versioned = true, maxVersions = VersionedArticle.MAX_VERSIONS, compression = Compression.ENABLED)
@IndexKey(index = "gsi1", partition = "status#{status}")
public record VersionedArticle(@Id @Nullable String id, @Version @Nullable Long version,
		@CreatedDate @Nullable Instant createdAt, @LastModifiedDate @Nullable Instant updatedAt, String title,
		String summary, Status status, String author, List<String> tags, List<Section> sections,
		List<Comment> comments, Map<String, String> metadata) {

	/** Versions kept per article: older ones are deleted in the transaction that writes a new one. */
	public static final int MAX_VERSIONS = 5;

	/**
	 * Returns a new, unsaved article with the given content.
	 * @param document the content
	 * @return the article
	 */
	public static VersionedArticle of(ArticleDocument document) {
		return new VersionedArticle(null, null, null, null, document.title(), document.summary(), document.status(),
				document.author(), document.tags(), document.sections(), document.comments(), document.metadata());
	}

	/**
	 * Returns this article with another title.
	 * @param title the title
	 * @return a copy
	 */
	public VersionedArticle withTitle(String title) {
		return new VersionedArticle(this.id, this.version, this.createdAt, this.updatedAt, title, this.summary,
				this.status, this.author, this.tags, this.sections, this.comments, this.metadata);
	}

}
