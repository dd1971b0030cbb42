package dev.singletable.evolution;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * Thrown when a recorded migration cannot be applied: a step failed (it is recorded as failed and resumes from its
 * checkpoints on the next run), or an applied migration's declaration no longer matches its recorded checksum.
 * The message names the migration, the step and what to do.
 */
public class MigrationFailedException extends NonTransientDataAccessException {

	private final String version;

	/**
	 * Creates a new exception.
	 * @param version the version of the migration
	 * @param message the message, naming the migration, the step and what to do
	 * @param cause the failure, or {@code null}
	 */
	public MigrationFailedException(String version, String message, @org.jspecify.annotations.Nullable Throwable cause) {
		super(message, cause);
		this.version = version;
	}

	/**
	 * Returns the version of the migration that failed.
	 * @return the version
	 */
	public String getVersion() {
		return this.version;
	}

}
