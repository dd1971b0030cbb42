package dev.singletable.evolution;

/**
 * Where a recorded migration stands.
 */
public enum MigrationState {

	/** Declared by the application, not yet started on this table. */
	PENDING,

	/** Started and not finished: an instance holds its lease, or held it and stopped. */
	RUNNING,

	/** Applied. */
	SUCCESS,

	/** Failed: tried again, from its checkpoints, by the next run. */
	FAILED

}
