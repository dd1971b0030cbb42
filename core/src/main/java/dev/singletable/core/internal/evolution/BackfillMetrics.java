package dev.singletable.core.internal.evolution;

import java.util.function.Supplier;

/**
 * Where a run publishes what it does, besides its log lines ({@link MicrometerBackfillMetrics} with a Micrometer
 * registry). Outcomes are {@code written}, {@code unchanged}, {@code skipped} (the item was gone) and
 * {@code retried} (a write lost to a concurrent one and was tried again).
 */
public interface BackfillMetrics {

	/**
	 * Counts one item outcome.
	 */
	void item(String operation, String type, String outcome);

	/**
	 * Counts consumed capacity units.
	 */
	void capacity(String operation, String type, double units);

	/**
	 * Publishes the segments of a run not yet done, while it runs.
	 * @return a handle that stops publishing it
	 */
	AutoCloseable segmentsRemaining(String runId, String operation, String type, Supplier<Number> remaining);

}
