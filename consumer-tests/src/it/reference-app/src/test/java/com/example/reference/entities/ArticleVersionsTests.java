package com.example.reference.entities;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionSummary;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The versions, singletons and expiry of entities.md.
 */
@DataSingleTableTest
class ArticleVersionsTests {

	@Autowired
	SingleTableTemplate template;

	@Test
	void readsRestoresAndDeletesVersions() {
		Article article = template.create(new Article(null, null, null, null, "Draft", Article.Status.DRAFT, "ann"));
		template.update(article.withTitle("Second draft"));
		String id = article.id();

		List<Article> history = template.findAllVersions(Article.class, id);           // newest first: v2, v1
		Article first = template.findVersion(Article.class, id, 1).orElseThrow();
		Article restored = template.restoreVersion(Article.class, id, 1);               // v3, with v1's content
		List<VersionSummary> summaries = template.findVersionSummaries(Article.class, id);
		boolean deleted = template.deleteVersion(Article.class, id, 2);                // v2 only: v0 and v3 stay

		assertThat(history).extracting(Article::version).containsExactly(2L, 1L);
		assertThat(first.title()).isEqualTo("Draft");
		assertThat(restored.version()).isEqualTo(3L);
		assertThat(restored.title()).isEqualTo("Draft");
		assertThat(summaries).extracting(VersionSummary::version).containsExactly(3L, 2L, 1L);
		assertThat(deleted).isTrue();
		assertThat(template.findAllVersions(Article.class, id)).extracting(Article::version).containsExactly(3L, 1L);
	}

	@Test
	void storesASingleton() {
		template.create(new SiteSettings(null, null, "light"));       // the id becomes "SiteSettings"
		SiteSettings settings = template.findSingleton(SiteSettings.class).orElseThrow();
		template.update(new SiteSettings(null, settings.updatedAt(), "dark"));

		assertThat(settings.id()).isEqualTo("SiteSettings");
		assertThat(template.findSingleton(SiteSettings.class).orElseThrow().theme()).isEqualTo("dark");
	}

	@Test
	void hidesExpiredItems() {
		Session gone = template.create(new Session(null, "ann", Instant.now().minusSeconds(60)));
		Session live = template.create(new Session(null, "ann", Instant.now().plusSeconds(3600)));

		assertThat(template.findById(Session.class, gone.id())).isEmpty();   // expired: hidden until DynamoDB deletes it
		assertThat(template.findById(Session.class, live.id())).map(Session::user).contains("ann");
	}

}
