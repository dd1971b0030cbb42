package dev.singletable.evolution;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a backfill whose work on one item failed for a reason of the caller's own, typically a
 * {@code forEach} transform that threw: the message names the run, the item and the cause. The run's other
 * threads stop and its segments are released with their checkpoints, so running the backfill again with the same
 * run id once the cause is fixed resumes it (an item already rewritten is found right and not written again).
 */
public class BackfillFailedException extends RuntimeException {

	private final BackfillResult result;

	private final String partitionKey;

	private final String sortKey;

	/**
	 * Creates an exception for a run that failed on an item.
	 * @param result what the run did on this instance before it failed
	 * @param partitionKey the {@code pk} of the item it failed on
	 * @param sortKey the {@code sk} of the item it failed on
	 * @param cause what the work on the item threw
	 */
	public BackfillFailedException(BackfillResult result, String partitionKey, String sortKey,
			@Nullable Throwable cause) {
		super("Backfill " + result.operation() + " " + result.type().getSimpleName() + " (run " + result.runId()
				+ ") failed on the item pk '" + partitionKey + "', sk '" + sortKey + "' after " + result.itemsRead()
				+ " items on this instance: " + cause + ". Fix the cause and run it again with run id '"
				+ result.runId() + "': it resumes from its checkpoints", cause);
		this.result = result;
		this.partitionKey = partitionKey;
		this.sortKey = sortKey;
	}

	/**
	 * Returns what the run did on this instance before it failed.
	 * @return the partial result
	 */
	public BackfillResult getResult() {
		return this.result;
	}

	/**
	 * Returns the partition key of the item the run failed on.
	 * @return its {@code pk}
	 */
	public String getPartitionKey() {
		return this.partitionKey;
	}

	/**
	 * Returns the sort key of the item the run failed on.
	 * @return its {@code sk}
	 */
	public String getSortKey() {
		return this.sortKey;
	}

}
