package dev.singletable.sample;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.domain.Limit;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;

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
	void leavesTheWebAndTheServicesOut() {
		assertThat(this.context.getBeanNamesForType(KnowledgeBase.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(ArticleController.class)).isEmpty();
	}

}
