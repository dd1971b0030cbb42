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

}
