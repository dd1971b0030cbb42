package dev.singletable.sample;

import dev.singletable.repository.SingleTableRepository;

/**
 * The feed of published articles.
 */
public interface FeedEntryRepository extends SingleTableRepository<FeedEntry> {

}
