package dev.singletable.sample;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The feed of published articles, kept from the table's change events on the embedded DynamoDB Local: every version
 * stored as published gets an entry, drafts none.
 */
@SpringBootTest
class PublicationFeedIntegrationTests {

	@Autowired
	KnowledgeBase knowledgeBase;

	@Autowired
	PublicationFeed feed;

	@Test
	void everyPublishedVersionReachesTheFeedAndADraftDoesNot() {
		Article draft = this.knowledgeBase
			.create(Article.create("Draft", "body", Article.Status.DRAFT, "ann", List.of()));
		Article published = this.knowledgeBase
			.create(Article.create("Streams", "body", Article.Status.PUBLISHED, "bob", List.of("events")));
		this.knowledgeBase.update(published.id(), new ArticleUpdateRequest(1L, "Streams, again", "body 2",
				Article.Status.PUBLISHED, List.of("events")));

		await().atMost(Duration.ofSeconds(180))
			.untilAsserted(() -> assertThat(this.feed.latest())
				.filteredOn((entry) -> entry.articleId().equals(published.id()))
				.extracting(FeedEntry::version, FeedEntry::title)
				.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1L, "Streams"),
						org.assertj.core.groups.Tuple.tuple(2L, "Streams, again")));
		assertThat(this.feed.latest()).extracting(FeedEntry::articleId).doesNotContain(draft.id());
	}

}
