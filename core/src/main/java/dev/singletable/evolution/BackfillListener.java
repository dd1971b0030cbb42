package dev.singletable.evolution;

/**
 * Told when a backfill run is complete: every segment of the run is done, on this instance or another. Each
 * instance that took part tells its listeners, so a listener's work must be safe to repeat. The record of stored
 * definitions is one: a complete re-index records the type's index definitions as current.
 */
@FunctionalInterface
public interface BackfillListener {

	/**
	 * Called once the run is complete.
	 * @param result what the run did on this instance
	 */
	void completed(BackfillResult result);

}
