package dev.singletable.autoconfigure.evolution.after;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

import dev.singletable.evolution.SingleTableMigration;

/**
 * The application after the change: its package holds the entities with their new index keys, and it declares the
 * migration that re-indexes the items stored before.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class AfterApplication {

	@Bean
	SingleTableMigration indexByOwnerAndAuthor() {
		return SingleTableMigration.version("2")
			.description("index tickets by owner and notes by author")
			.reindex(Ticket.class)
			.reindex(Note.class)
			.build();
	}

}
