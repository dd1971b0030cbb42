package dev.singletable.sample;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.repository.core.RepositoryInformation;
import org.springframework.data.repository.core.support.RepositoryFactoryInformation;

import dev.singletable.core.query.ItemCollection;
import dev.singletable.sample.Article.Status;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The repositories of the sample on their own, in a {@link DataSingleTableTest @DataSingleTableTest}: no web layer and
 * no {@link KnowledgeBase}, the embedded DynamoDB Local that every test context of the build shares.
 */
@DataSingleTableTest
class ArticleRepositoryTests {

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private CommentRepository comments;

	@Autowired
	private ApplicationContext context;

	@Test
	void listsAnAuthorsArticlesMostRecentlyUpdatedFirstAndKeepsTheirHistory() {
		String author = "ann-" + UUID.randomUUID();
		Article first = this.articles.save(Article.create("First", "Text", Status.DRAFT, author, List.of()));
		Article second = this.articles.save(Article.create("Second", "Text", Status.DRAFT, author, List.of()));
		Article revised = this.articles
			.save(first.withContent(first.version(), "First, revised", "Text", Status.PUBLISHED, List.of("news")));

		Window<Article> page = this.articles.findByAuthorOrderByUpdatedAtDesc(author, ScrollPosition.keyset(),
				Limit.of(10));
		assertThat(page.getContent()).extracting(Article::title).containsExactly("First, revised", "Second");
		assertThat(this.articles.findVersions(first.id())).extracting(Article::version).containsExactly(2L, 1L);
		assertThat(revised.createdAt()).isEqualTo(first.createdAt());
		assertThat(second.version()).isEqualTo(1L);
	}

	@Test
	void listsTheCommentsOfAnArticle() {
		Article article = this.articles
			.save(Article.create("Commented", "Text", Status.PUBLISHED, "cy-" + UUID.randomUUID(), List.of()));
		Comment comment = this.comments.save(Comment.create(article.id(), "dee", "Nice."));

		assertThat(this.comments.findByArticleId(article.id())).containsExactly(comment);
	}

	@Test
	void readsTheThreadOfAnArticleAsOneItemCollection() {
		Article article = this.articles
			.save(Article.create("Thread", "Text", Status.PUBLISHED, "eve-" + UUID.randomUUID(), List.of()));
		Comment first = this.comments.save(Comment.create(article.id(), "fay", "First."));
		Comment second = this.comments.save(Comment.create(article.id(), "gus", "Second."));

		ItemCollection thread = this.comments.findThread("article#" + article.id(), null, Limit.of(10));

		assertThat(thread.first(Article.class)).contains(article);
		assertThat(thread.get(Comment.class)).containsExactlyInAnyOrder(first, second);
		assertThat(thread.nextCursor()).isNull();
	}

	/**
	 * Run with {@code spring.aot.enabled} (the build's {@code aot-tests} execution), the repositories are the code
	 * {@code process-aot} generated: every query method, derived or {@code @CollectionQuery}, runs in the
	 * repository's {@code …Impl__AotRepository}, none through Spring Data's query lookup.
	 */
	@Test
	void runsTheQueryMethodsInTheGeneratedFragmentsInAotMode() {
		for (String repository : List.of("articleRepository", "commentRepository")) {
			RepositoryInformation information = this.context
				.getBean("&" + repository, RepositoryFactoryInformation.class)
				.getRepositoryInformation();
			if (AotDetector.useGeneratedArtifacts()) {
				assertThat(information.getQueryMethods()).as(repository + "'s methods left to the query lookup")
					.isEmpty();
			}
			else {
				assertThat(information.getQueryMethods()).as(repository + "'s query methods").isNotEmpty();
			}
		}
	}

	@Test
	void leavesTheWebAndTheServicesOut() {
		assertThat(this.context.getBeanNamesForType(KnowledgeBase.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ArticleController.class)).isEmpty();
	}

}
