package dev.singletable.core.internal.execution;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

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
	 * Runs a task by the rule, unless one failed already: its result kept at its place, or its failure.
	 * @param index the task's place among the tasks
	 * @param task the task
	 */
	void run(int index, Supplier<? extends T> task) {
		if (this.failed) {
			return;
		}
		try {
			done(index, task.get());
		}
		catch (Throwable ex) {
			fail(ex);
		}
	}

	/**
	 * Returns the results, in the tasks' order (a task not run, or that gave none, {@literal null}), to be asked
	 * once every task that ran has ended.
	 * @throws RuntimeException the first failure (a checked one in an {@link IllegalStateException}; an
	 * {@link Error} as it is)
	 */
	@SuppressWarnings("unchecked")
	synchronized List<T> results() {
		if (this.failure != null) {
			throw rethrow(this.failure);
		}
		return (List<T>) Arrays.asList(this.results);
	}

	/**
	 * Returns a task's failure to be thrown as it is: a checked one in an {@link IllegalStateException}; an
	 * {@link Error} is thrown here.
	 */
	static RuntimeException rethrow(Throwable failure) {
		if (failure instanceof RuntimeException runtime) {
			return runtime;
		}
		if (failure instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(failure);
	}

}
