package dev.singletable.evolution;

import java.time.Duration;

/**
 * What a backfill did, counted over the segments this instance worked (other instances sharing the run count
 * theirs).
 *
 * @param runId the run id its segments and checkpoints are kept under
 * @param operation the operation ({@code reindex}, {@code forEach}, {@code move}, {@code recompress},
 * {@code deleteAll})
 * @param type the entity type
 * @param itemsRead the items read
 * @param itemsWritten the items written (rewritten, moved or deleted)
 * @param itemsUnchanged the items read that needed no write
 * @param retries the conditional writes that lost to a concurrent write and were tried again on a fresh read
 * @param consumedCapacity the capacity units the run consumed, reads and writes
 * @param segmentsWorked the segments this instance finished
 * @param elapsed the time the run took on this instance
 */
public record BackfillResult(String runId, String operation, Class<?> type, long itemsRead, long itemsWritten,
		long itemsUnchanged, long retries, double consumedCapacity, int segmentsWorked, Duration elapsed) {

}
