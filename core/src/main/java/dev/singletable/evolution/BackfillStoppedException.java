package dev.singletable.evolution;

import org.jspecify.annotations.Nullable;

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
		this(result, null);
	}

	/**
	 * Creates an exception for a stopped run, with what a request on its way when it stopped threw (a client closed
	 * with its context).
	 * @param result what the run did on this instance before it stopped
	 * @param cause what the run's caller would have got otherwise, or {@literal null}
	 */
	public BackfillStoppedException(BackfillResult result, @Nullable Throwable cause) {
		super("Backfill " + result.operation() + " " + result.type().getSimpleName() + " (run " + result.runId()
				+ ") stopped after " + result.itemsRead() + " items on this instance; its segments were released with "
				+ "their checkpoints: run it again with run id '" + result.runId() + "' to resume", cause);
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
