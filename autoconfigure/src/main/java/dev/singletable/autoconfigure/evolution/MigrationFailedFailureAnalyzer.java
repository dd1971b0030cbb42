package dev.singletable.autoconfigure.evolution;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.evolution.MigrationFailedException;

/**
 * Explains a start-up stopped by a recorded migration, however deep in the chain of bean creation failures the
 * {@link MigrationFailedException} lies: which migration, which step and why (its message), and the ways out.
 */
class MigrationFailedFailureAnalyzer extends AbstractFailureAnalyzer<MigrationFailedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MigrationFailedException cause) {
		String applied = cause.getAppliedChecksum();
		String declared = cause.getDeclaredChecksum();
		if (applied != null && declared != null) {
			return changedMigration(cause, applied, declared);
		}
		String description = "The recorded migrations of the table could not be applied at start-up. "
				+ cause.getMessage();
		String action = "Fix what the message names and start the application again: a failed migration resumes "
				+ "from its checkpoints (backfill steps from their segments, code steps from their start). "
				+ "/actuator/singletablemigrations (when exposed) shows where each migration stands; "
				+ SingleTableMigrationsAutoConfiguration.ENABLED_PROPERTY
				+ "=false starts the application without applying migration " + cause.getVersion()
				+ " and the ones after it.";
		return new FailureAnalysis(description, action, cause);
	}

	/**
	 * An applied migration whose declaration (version, description, steps) no longer has the checksum recorded when
	 * it ran: what the table went through differs from what the application declares.
	 */
	private static FailureAnalysis changedMigration(MigrationFailedException cause, String applied, String declared) {
		String version = cause.getVersion();
		String description = "Migration " + version + " was applied to the table with checksum " + applied
				+ ", but the application now declares it differently (checksum " + declared + "): an applied "
				+ "migration must not change, so the table and the application no longer agree on what it did.\n\n    "
				+ cause.getMessage();
		String action = "Make the declaration of migration " + version + " match what was applied, one of:\n"
				+ "    - restore its description and steps as applied (the description names them) so that its "
				+ "checksum is " + applied + " again, and declare what you changed as a new migration with a "
				+ "version higher than every applied one\n"
				+ "    - to apply the new declaration (checksum " + declared + ") to the table again, delete the "
				+ "migration's record (the item with pk '_INTERNAL#Migrations' and version " + version + ") before "
				+ "starting: all its steps then run again, so do this only when each is safe to repeat";
		return new FailureAnalysis(description, action, cause);
	}

}
