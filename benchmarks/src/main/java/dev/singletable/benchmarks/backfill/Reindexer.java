package dev.singletable.benchmarks.backfill;

/**
 * One contender of the backfill benchmark: re-indexes every stored ticket for {@link Ticket}'s definitions, with
 * 4 segments of a parallel table scan on 4 threads.
 */
public interface Reindexer {

	/**
	 * Re-indexes every stored ticket and returns when every segment is done.
	 * @return what the run did
	 */
	Reindexed reindex();

	/**
	 * What one run did.
	 *
	 * @param runId the run id its segment items are kept under
	 * @param itemsRead the latest copies of tickets read
	 * @param itemsWritten the latest copies written (re-indexed)
	 */
	record Reindexed(String runId, long itemsRead, long itemsWritten) {
	}

}
