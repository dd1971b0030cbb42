package dev.singletable.core.internal.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Hides round trips: runs the independent requests of one operation side by side (at most
 * {@link #setMaxConcurrency maxConcurrency} in flight per operation, the calling thread being one of them) and
 * fetches a stream's next page while the current one is consumed. The helper threads come from a small pool of
 * daemon threads the template owns: at most {@code maxConcurrency} of them (at least one), started when needed and
 * ended after {@value #KEEP_ALIVE_SECONDS} idle seconds. When every helper is busy, an operation runs its requests
 * on its own thread, as it would sequentially, so nothing ever waits for a pool thread. Neither path changes which
 * requests are sent, only when.
 */
public final class ParallelRequests {

	/** Requests one operation has in flight at most, by default. */
	static final int DEFAULT_MAX_CONCURRENCY = 8;

	static final long KEEP_ALIVE_SECONDS = 30;

	private final ThreadPoolExecutor pool;

	private volatile int maxConcurrency = DEFAULT_MAX_CONCURRENCY;

	private volatile boolean prefetch = true;

	private final Observations observations;

	/**
	 * @param observations the operations whose requests the helper threads send as their own
	 */
	public ParallelRequests(String tableName, Observations observations) {
		this.observations = observations;
		this.pool = new ThreadPoolExecutor(0, DEFAULT_MAX_CONCURRENCY, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new SynchronousQueue<>(), BackgroundWork.daemons("singletable-" + tableName + "-"));
	}

	/**
	 * Sets how many requests one operation has in flight at most; {@code 0} or {@code 1} sends them one after
	 * another.
	 */
	public void setMaxConcurrency(int maxConcurrency) {
		// not Assert with a message supplier: a lambda, spun when the template is made
		if (maxConcurrency < 0) {
			throw new IllegalArgumentException("Max concurrency must be 0 or more but was " + maxConcurrency);
		}
		this.maxConcurrency = maxConcurrency;
		this.pool.setMaximumPoolSize(Math.max(1, maxConcurrency));
	}

	/**
	 * Sets whether streams fetch their next page while the current one is consumed.
	 */
	public void setPrefetch(boolean prefetch) {
		this.prefetch = prefetch;
	}

	/**
	 * Stops the pool: a request in flight finishes, later ones run on their callers' threads.
	 */
	public void shutdown() {
		this.pool.shutdown();
	}

	/**
	 * Runs every task and returns their results in the tasks' order. At most {@code maxConcurrency} run at once,
	 * the calling thread taking part. When a task fails, no further task starts; the ones in flight finish, then
	 * the first failure is thrown (later ones suppressed in it), so the caller knows every task that ran has ended:
	 * the rule of {@link SideBySide}.
	 * @param tasks the tasks, independent of each other
	 * @return the results, in the order of the tasks
	 */
	public <T> List<T> runAll(List<? extends Supplier<? extends T>> tasks) {
		int helpers = Math.min(this.maxConcurrency, tasks.size()) - 1;
		SideBySide<T> side = new SideBySide<>(tasks.size());
		AtomicInteger next = new AtomicInteger();
		// the tasks are taken in order by whichever thread is free
		Runnable work = () -> {
			for (int index = next.getAndIncrement(); index < tasks.size(); index = next.getAndIncrement()) {
				side.run(index, tasks.get(index));
			}
		};
		List<Future<?>> started = new ArrayList<>(Math.max(0, helpers));
		for (int i = 0; i < helpers; i++) {
			try {
				started.add(this.pool.submit(this.observations.inCurrentOperation(work)));
			}
			catch (RejectedExecutionException ex) {
				break; // every pool thread is busy (or the template is closed): fewer helpers
			}
		}
		work.run();
		boolean interrupted = false;
		for (Future<?> helper : started) {
			while (true) {
				try {
					helper.get();
					break;
				}
				catch (InterruptedException ex) {
					// stop starting tasks, but wait for the ones in flight: nothing runs on after this returns
					interrupted = true;
					side.fail(DriverFailures.interrupted("Interrupted while waiting for concurrent DynamoDB requests", ex));
				}
				catch (ExecutionException ex) {
					side.fail(ex.getCause());
					break;
				}
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
		return side.results();
	}

	/**
	 * Starts a fetch ahead of its use when asked: on a pool thread when streams prefetch and one is free, else
	 * when its result is asked for, on the caller's thread.
	 * @param fetch the fetch
	 * @param start whether to start it ahead (else it runs only when its result is asked for)
	 * @return the fetch, started or not
	 */
	public <T> Ahead<T> ahead(Supplier<T> fetch, boolean start) {
		Future<T> future = null;
		if (start && this.prefetch) {
			try {
				future = this.pool.submit(fetch::get);
			}
			catch (RejectedExecutionException ex) {
				// no free helper: the consumer fetches the page itself when it reaches it
			}
		}
		return new Ahead<>(fetch, future);
	}

	/**
	 * One fetch started ahead of its use.
	 */
	public static final class Ahead<T> {

		private final Supplier<T> fetch;

		private final @Nullable Future<T> future;

		private Ahead(Supplier<T> fetch, @Nullable Future<T> future) {
			this.fetch = fetch;
			this.future = future;
		}

		/**
		 * Returns what the fetch returned, waiting for it; throws what it threw.
		 */
		public T get() {
			if (this.future == null) {
				return this.fetch.get();
			}
			try {
				return this.future.get();
			}
			catch (ExecutionException ex) {
				throw SideBySide.rethrow(ex.getCause());
			}
			catch (InterruptedException ex) {
				this.future.cancel(true);
				Thread.currentThread().interrupt();
				throw DriverFailures.interrupted("Interrupted while waiting for the next page of a DynamoDB query", ex);
			}
		}

		/**
		 * Gives the fetch up: a request in flight is interrupted and its result or failure dropped.
		 */
		public void cancel() {
			if (this.future != null) {
				this.future.cancel(true);
			}
		}

	}

}
