package dev.singletable.evolution;

import java.util.List;

/**
 * Applies recorded migrations to a table, once each and in version order, and tells where they stand. Spring
 * Boot runs {@link #migrate()} at start-up when migration beans exist; a command or a test may call it.
 *
 * <pre class="code">
 * SingleTableMigrations migrations = new SingleTableMigrations(backfills, List.of(ticketsByOwner));
 * migrations.migrate();
 * migrations.info().forEach(System.out::println);
 * </pre>
 *
 * The table records each migration (version, description, checksum, state, start and end, items processed). One
 * instance of a fleet runs a step at a time, holding a lease item that it renews; another takes over when the
 * holder stops renewing it. Instances that start while a backfill step runs claim its free segments and share the
 * work. A failed step stops the run with a {@link MigrationFailedException} and resumes from its checkpoints on the
 * next run.
 */
public class SingleTableMigrations {

	private final SingleTableBackfills backfills;

	private final List<SingleTableMigration> migrations;

	/**
	 * Creates migrations for the backfills' table.
	 * @param backfills the backfills (their defaults are the backfill steps' options)
	 * @param migrations the migrations, in any order
	 */
	public SingleTableMigrations(SingleTableBackfills backfills, List<SingleTableMigration> migrations) {
		this.backfills = backfills;
		this.migrations = List.copyOf(migrations);
	}

	/**
	 * Applies every pending (or failed, or abandoned) migration in version order, sharing running backfill steps with
	 * other instances, and returns when all are applied.
	 * @return the migrations as recorded at the end
	 * @throws MigrationFailedException when a step fails or an applied migration's checksum changed
	 */
	public List<MigrationInfo> migrate() {
		throw new UnsupportedOperationException("not yet built");
	}

	/**
	 * Returns every migration, declared or recorded, in version order: applied, running, failed and pending.
	 * @return the migrations
	 */
	public List<MigrationInfo> info() {
		throw new UnsupportedOperationException("not yet built");
	}

	/**
	 * Returns the backfills the migrations run on.
	 * @return the backfills
	 */
	public SingleTableBackfills getBackfills() {
		return this.backfills;
	}

	/**
	 * Returns the declared migrations in version order.
	 * @return the migrations
	 */
	public List<SingleTableMigration> getMigrations() {
		return this.migrations;
	}

}
