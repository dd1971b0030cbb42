package dev.singletable.evolution.internal.migration;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One migration as the table records it (pk {@value MigrationRecords#PARTITION}, sk {@code version#<version>}).
 *
 * @param version the version, as declared
 * @param description the description
 * @param checksum the checksum of the declaration
 * @param state {@code RUNNING}, {@code SUCCESS} or {@code FAILED}
 * @param step the step running or last run, from 0
 * @param steps the number of steps
 * @param stepNames the descriptions of the steps, as declared when the record was written
 * @param startedAt when the migration first started
 * @param endedAt when it succeeded or failed, else {@literal null}
 * @param items the items its finished backfill steps processed, over every instance
 * @param holder the instance running it, else {@literal null}
 * @param error the failure, when it failed
 */
public record MigrationRecord(String version, String description, String checksum, String state, int step, int steps,
		List<String> stepNames, @Nullable Instant startedAt, @Nullable Instant endedAt, long items,
		@Nullable String holder, @Nullable String error) {

	/** The state of a migration that is being applied, or was and stopped without failing. */
	public static final String RUNNING = "RUNNING";

	/** The state of an applied migration. */
	public static final String SUCCESS = "SUCCESS";

	/** The state of a migration whose step failed. */
	public static final String FAILED = "FAILED";

	public MigrationRecord {
		stepNames = List.copyOf(stepNames);
	}

	public boolean succeeded() {
		return SUCCESS.equals(this.state);
	}

}
