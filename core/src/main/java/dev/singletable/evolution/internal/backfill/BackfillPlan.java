package dev.singletable.evolution.internal.backfill;

import java.time.Duration;

/**
 * What one backfill run does and how, as the engine needs it: the run's name, the operation and type (for the
 * ledger, the log and the meters), the segments and where they are read, the threads, the lease, the capacity limit,
 * the progress interval and the attempts per item.
 *
 * @param runId the run id its ledger items are kept under
 * @param operation the operation ({@code reindex}, {@code forEach}, ...)
 * @param typeName the entity type's simple name, for the log and the meters
 * @param typePrefix the type prefix the run works on (recorded in the run's header)
 * @param segments the segments proposed for a new run (a run that exists keeps its own)
 * @param typeIndex whether a new run reads the type index ({@literal false}: a parallel scan)
 * @param threads the threads of this instance
 * @param leaseDuration how long a segment's lease lasts without renewal
 * @param maxCapacityPerSecond the capacity units per second this instance may consume, {@code 0} for no limit
 * @param progressInterval the interval of progress lines, {@link Duration#ZERO} for none
 * @param maxAttempts the attempts per item
 * @param instanceId this instance's id, the owner of the segments it claims
 */
public record BackfillPlan(String runId, String operation, String typeName, String typePrefix, int segments,
		boolean typeIndex, int threads, Duration leaseDuration, double maxCapacityPerSecond, Duration progressInterval,
		int maxAttempts, String instanceId) {

	/**
	 * Describes the run for log lines: {@code reindex Ticket (run r)}.
	 */
	public String describe() {
		return this.operation + " " + this.typeName + " (run " + this.runId + ")";
	}

}
