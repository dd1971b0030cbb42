package dev.singletable.evolution;

import org.springframework.dao.NonTransientDataAccessException;

/**
 * Thrown when a recorded migration cannot be applied: a step failed (it is recorded as failed and resumes from its
 * checkpoints on the next run), or an applied migration's declaration no longer matches its recorded checksum.
 * The message names the migration, the step and what to do.
 */
public class MigrationFailedException extends NonTransientDataAccessException {

	private final String version;

	private final @org.jspecify.annotations.Nullable String appliedChecksum;

	private final @org.jspecify.annotations.Nullable String declaredChecksum;

	/**
	 * Creates a new exception.
	 * @param version the version of the migration
	 * @param message the message, naming the migration, the step and what to do
	 * @param cause the failure, or {@code null}
	 */
	public MigrationFailedException(String version, String message, @org.jspecify.annotations.Nullable Throwable cause) {
		super(message, cause);
		this.version = version;
		this.appliedChecksum = null;
		this.declaredChecksum = null;
	}

	/**
	 * Creates a new exception for an applied migration whose declaration changed since it was applied.
	 * @param version the version of the migration
	 * @param appliedChecksum the checksum recorded when it was applied
	 * @param declaredChecksum the checksum of its declaration now
	 * @param message the message, naming the migration, both declarations and what to do
	 */
	public MigrationFailedException(String version, String appliedChecksum, String declaredChecksum, String message) {
		super(message);
		this.version = version;
		this.appliedChecksum = appliedChecksum;
		this.declaredChecksum = declaredChecksum;
	}

	/**
	 * Returns the checksum recorded when the migration was applied, when the failure is that its declaration changed
	 * since.
	 * @return the applied checksum, or {@literal null} for any other failure
	 */
	public @org.jspecify.annotations.Nullable String getAppliedChecksum() {
		return this.appliedChecksum;
	}

	/**
	 * Returns the checksum of the migration's declaration now, when the failure is that it changed since it was
	 * applied.
	 * @return the declared checksum, or {@literal null} for any other failure
	 */
	public @org.jspecify.annotations.Nullable String getDeclaredChecksum() {
		return this.declaredChecksum;
	}

	/**
	 * Returns the version of the migration that failed.
	 * @return the version
	 */
	public String getVersion() {
		return this.version;
	}

}
