package dev.singletable.sample;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Component;

import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;

/**
 * Keeps the feed of published articles from the table's change events: every version stored as published, by this
 * instance, another one or a Python service sharing the table, gets an entry. Changes are delivered at least once, so
 * an entry is written under the version's own id, the same on every delivery.
 */
@Component
public class PublicationFeed {

	private final FeedEntryRepository entries;

	/**
	 * Creates the feed.
	 * @param entries the feed's entries
	 */
	public PublicationFeed(FeedEntryRepository entries) {
		this.entries = entries;
	}

	/**
	 * Adds the entry of a version stored as published.
	 * @param change the change of an article
	 */
	@ResourceChangeListener
	void on(ResourceChange<Article> change) {
		Article article = change.newState();
		if (article != null && article.status() == Article.Status.PUBLISHED) {
			this.entries.save(FeedEntry.of(article));
		}
	}

	/**
	 * Returns the feed, latest first.
	 * @return the entries
	 */
	public List<FeedEntry> latest() {
		return this.entries.findAll()
			.stream()
			.sorted(Comparator.comparing(FeedEntry::createdAt, Comparator.nullsLast(Comparator.reverseOrder())))
			.toList();
	}

}
