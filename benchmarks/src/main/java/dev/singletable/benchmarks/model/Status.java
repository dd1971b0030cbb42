package dev.singletable.benchmarks.model;

/**
 * Publication status of an article; the {@code gsi1} partition of {@link VersionedArticle} and
 * {@link PlainArticle}.
 */
public enum Status {

	/** Being written. */
	DRAFT,

	/** Visible to readers. */
	PUBLISHED,

	/** No longer listed. */
	ARCHIVED

}
