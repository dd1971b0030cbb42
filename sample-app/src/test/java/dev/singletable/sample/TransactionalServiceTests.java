package dev.singletable.sample;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;

import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.sample.Article.Status;
import dev.singletable.test.autoconfigure.DataSingleTableTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Plain {@code @Transactional} in the sample, whose only transaction manager is the starter's: a service method's
 * writes are stored together, and none of them when it throws.
 */
@DataSingleTableTest
@Import(TransactionalServiceTests.Config.class)
class TransactionalServiceTests {

	@Autowired
	private Publisher publisher;

	@Autowired
	private ArticleRepository articles;

	@Autowired
	private CommentRepository comments;

	@Autowired
	private PlatformTransactionManager transactionManager;

	@Test
	void theStartersTransactionManagerIsTheDefaultOne() {
		assertThat(this.transactionManager).isInstanceOf(SingleTableTransactionManager.class);
	}

	@Test
	void aTransactionalMethodStoresAllItsWrites() {
		String author = "tx-" + UUID.randomUUID();

		Article article = this.publisher.publishWithComment(author, false);

		assertThat(this.articles.findById(article.id())).isPresent();
		assertThat(this.comments.findByArticleId(article.id())).hasSize(1);
	}

	@Test
	void aTransactionalMethodThatThrowsStoresNothing() {
		String author = "rollback-" + UUID.randomUUID();

		assertThatIllegalStateException().isThrownBy(() -> this.publisher.publishWithComment(author, true));

		assertThat(this.articles.findByAuthorOrderByUpdatedAtDesc(author,
				org.springframework.data.domain.ScrollPosition.keyset(), org.springframework.data.domain.Limit.of(10)))
			.isEmpty();
	}

	/** A service writing an article and its first comment in one transaction. */
	static class Publisher {

		private final ArticleRepository articles;

		private final CommentRepository comments;

		Publisher(ArticleRepository articles, CommentRepository comments) {
			this.articles = articles;
			this.comments = comments;
		}

		@Transactional
		public Article publishWithComment(String author, boolean fail) {
			Article article = this.articles.insert(Article.create("Title", "Text", Status.PUBLISHED, author, List.of()));
			this.comments.save(Comment.create(article.id(), "first", "Hello"));
			if (fail) {
				throw new IllegalStateException("failed after both writes");
			}
			return article;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Config {

		@Bean
		Publisher publisher(ArticleRepository articles, CommentRepository comments) {
			return new Publisher(articles, comments);
		}

	}

}
