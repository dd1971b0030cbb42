package dev.singletable.evolution;

/**
 * Code a {@link SingleTableMigration} runs as one of its steps, on the one instance of the fleet that holds the
 * migrations' lease. A step that failed or whose instance stopped is run again from its start on the next attempt,
 * so the code must be safe to repeat.
 */
@FunctionalInterface
public interface MigrationAction {

	/**
	 * Runs the step.
	 * @param backfills the backfills (and through them the template) of the table being migrated
	 * @throws Exception when the step fails: the migration is recorded as failed and start-up stops
	 */
	void run(SingleTableBackfills backfills) throws Exception;

}
