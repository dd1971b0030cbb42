package dev.singletable.core.internal.execution;

import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The rule of running independent tasks side by side, the same for every execution model: each task's result is
 * kept at its place, once one fails no task not yet started starts ({@link #failed()}), the first failure is the one
 * signalled and later ones are suppressed in it, and the results are given only once every task that ran has ended.
 * {@link ParallelRequests} runs the tasks on the calling thread and its helper threads, the {@link ReactiveDriver} as
 * publishers a few at a time; both keep their results and failures here.
 *
 * @param <T> the results
 */
final class SideBySide<T> {

	private final @Nullable Object[] results;

	private @Nullable Throwable failure;

	private volatile boolean failed;

	/**
	 * @param size the number of tasks
	 */
	SideBySide(int size) {
		this.results = new Object[size];
	}

	/**
	 * Returns whether a task failed: then no task not yet started starts.
	 */
	boolean failed() {
		return this.failed;
	}

	/**
	 * Keeps the result of a task.
	 * @param index the task's place among the tasks
	 */
	void done(int index, @Nullable Object result) {
		this.results[index] = result;
	}

	/**
	 * Keeps a task's failure: the first one, later ones suppressed in it.
	 */
	synchronized void fail(Throwable ex) {
		if (this.failure == null) {
			this.failure = ex;
		}
		else if (this.failure != ex) {
			this.failure.addSuppressed(ex);
		}
		this.failed = true;
	}

	/**
	 * Returns the first failure, {@literal null} when every task succeeded.
	 */
	synchronized @Nullable Throwable failure() {
		return this.failure;
	}

	/**
	 * Returns the results, in the tasks' order (a task not run, or that gave none, {@literal null}).
	 */
	@SuppressWarnings("unchecked")
	synchronized List<T> results() {
		return (List<T>) Arrays.asList(this.results);
	}

}
