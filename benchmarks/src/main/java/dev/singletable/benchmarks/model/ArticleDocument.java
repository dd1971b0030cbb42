package dev.singletable.benchmarks.model;

import java.util.List;
import java.util.Map;

/**
 * The content of an article, independent of how a contender stores it: about 10 KB of JSON with nested lists
 * and maps of text (see {@link Documents}).
 *
 * @param title the title
 * @param summary a two-sentence summary
 * @param status the publication status
 * @param author the author's name
 * @param tags the tags
 * @param sections the sections of the body
 * @param comments the readers' comments
 * @param metadata free-form metadata (language, reading time, canonical address, ...)
 */
public record ArticleDocument(String title, String summary, Status status, String author, List<String> tags,
		List<Section> sections, List<Comment> comments, Map<String, String> metadata) {

	/**
	 * Returns this document with another status.
	 * @param status the new status
	 * @return a copy
	 */
	public ArticleDocument withStatus(Status status) {
		return new ArticleDocument(this.title, this.summary, status, this.author, this.tags, this.sections,
				this.comments, this.metadata);
	}

}
