package dev.singletable.evolution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.DynamoDbLocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A migration version equal as a dotted number (from issue 25) is the same migration and is not applied twice.
 */
class MigrationVersionIdentityIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Test
	void aVersionEqualAsADottedNumberIsTheSameMigrationAndIsNotAppliedTwice() {
		java.util.List<String> ran = new java.util.concurrent.CopyOnWriteArrayList<>();
		SingleTableBackfills backfills = new SingleTableBackfills(template());
		new SingleTableMigrations(backfills, java.util.List.of(SingleTableMigration.version("5")
			.description("five")
			.run("count", (ignored) -> ran.add("5"))
			.build())).migrate();
		assertThat(ran).containsExactly("5");

		// declared again as 5.0 (equal to 5, as the ordering says): not a new migration to run again
		SingleTableMigrations renamed = new SingleTableMigrations(backfills, java.util.List.of(SingleTableMigration
			.version("5.0")
			.description("five")
			.run("count", (ignored) -> ran.add("5.0"))
			.build()));
		assertThat(renamed.info()).singleElement().satisfies((info) -> assertThat(info.state()).isEqualTo(MigrationState.SUCCESS));
		// one migration, one checksum (computed from the canonical version): accepted as applied, not run again
		assertThat(renamed.migrate()).singleElement()
			.satisfies((info) -> assertThat(info.state()).isEqualTo(MigrationState.SUCCESS));
		assertThat(ran).containsExactly("5");
	}

	private static SingleTableTemplate template() {
		return BackfillFixtures.template(dynamo.client(), dynamo.tableName());
	}

}
