package dev.singletable.evolution;

/**
 * Thrown by a backfill that was stopped before every segment of its run was done: the calling thread was
 * interrupted (its interrupt status is set again) or {@link SingleTableBackfills#stop()} was called. The segments
 * this instance was working were released with their checkpoints, so another instance takes them over at once, and
 * running the backfill again with the same run id resumes it.
 */
public class BackfillStoppedException extends RuntimeException {

	private final BackfillResult result;

	/**
	 * Creates an exception for a stopped run.
	 * @param result what the run did on this instance before it stopped
	 */
	public BackfillStoppedException(BackfillResult result) {
		super("Backfill " + result.operation() + " " + result.type().getSimpleName() + " (run " + result.runId()
				+ ") stopped after " + result.itemsRead() + " items on this instance; its segments were released with "
				+ "their checkpoints: run it again with run id '" + result.runId() + "' to resume");
		this.result = result;
	}

	/**
	 * Returns what the run did on this instance before it stopped.
	 * @return the partial result
	 */
	public BackfillResult getResult() {
		return this.result;
	}

}
