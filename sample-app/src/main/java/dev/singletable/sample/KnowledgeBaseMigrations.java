package dev.singletable.sample;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.evolution.SingleTableMigration;

/**
 * The recorded migrations of the knowledge base's table. The starter applies them at start-up, once each and in
 * version order, records them in the table and shows them at {@code /actuator/singletablemigrations}; several
 * instances started together share a migration's backfill.
 */
@Configuration(proxyBeanMethods = false)
public class KnowledgeBaseMigrations {

	/**
	 * Comments gained their index by article ({@code gsi2}) after the first comments were stored: this migration
	 * writes the index key on the comments stored before, so that listing an article's comments finds them all.
	 * @return the migration
	 */
	@Bean
	SingleTableMigration commentsByArticle() {
		return SingleTableMigration.version("1")
			.description("index comments by article")
			.reindex(Comment.class)
			.build();
	}

	/**
	 * An article and its comments became one item collection on {@code gsi2} ({@code article#{id}}, read with one
	 * {@code Query} per page): this migration writes the index key on the articles stored before.
	 * @return the migration
	 */
	@Bean
	SingleTableMigration articleThreads() {
		return SingleTableMigration.version("2")
			.description("index articles with their comments")
			.reindex(Article.class)
			.build();
	}

}
