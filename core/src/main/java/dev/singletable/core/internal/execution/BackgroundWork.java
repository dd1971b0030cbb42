package dev.singletable.core.internal.execution;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.util.CustomizableThreadCreator;

/**
 * Where the drivers run the plans of a {@link dev.singletable.internal.plan.Request.Background}: a pool of at
 * most {@value #THREADS} daemon threads per process for the blocking driver (the work is requests, so its threads
 * mostly wait for answers: one thread would do one prune per two round trips and make every caller wait once it
 * fell behind), subscriptions the reactive driver does not wait for, both bounded by the same count of plans waiting
 * or running ({@value #MAX_PENDING}); beyond it the caller runs the plan itself, so that a burst of writes slows down
 * instead of piling up work. Plans handed off with the same serial key (the prunes of one resource) run one after
 * the other, in the order handed off ({@link #turn}); a plan waiting for its turn holds no thread. Tests wait for it
 * with {@link #awaitIdle}.
 */
public final class BackgroundWork {

	private static final Log logger = LogFactory.getLog(BackgroundWork.class);

	/** Plans waiting or running at most. */
	static final int MAX_PENDING = 1024;

	/** Threads of the blocking driver's plans at most; idle ones end after {@link #IDLE}. */
	static final int THREADS = 16;

	private static final Duration IDLE = Duration.ofSeconds(30);

	private final Semaphore slots = new Semaphore(MAX_PENDING);

	private final AtomicInteger pending = new AtomicInteger();

	/** Notified when the last pending task ends, for {@link #awaitIdle}. */
	private final Object idle = new Object();

	/** The end of the last plan handed off, by serial key, while it waits or runs. */
	private final ConcurrentHashMap<String, CompletableFuture<@Nullable Void>> lastBySerial = new ConcurrentHashMap<>();

	/** Whether the callers run the plans themselves (a harness that measures a write with all it sends). */
	private volatile boolean inline;

	private final ThreadPoolExecutor threads;

	private BackgroundWork() {
		this.threads = new ThreadPoolExecutor(THREADS, THREADS, IDLE.toMillis(), TimeUnit.MILLISECONDS,
				new LinkedBlockingQueue<>(), daemons("singletable-background-"));
		this.threads.allowCoreThreadTimeOut(true);
	}

	/**
	 * The threads of the drivers' pools, this one's and the blocking template's helpers ({@link ParallelRequests}):
	 * daemons, so that no pool keeps a process alive, named with the prefix and numbered from 1.
	 * @param prefix the start of their names
	 */
	static ThreadFactory daemons(String prefix) {
		CustomizableThreadCreator threads = new CustomizableThreadCreator(prefix);
		threads.setDaemon(true);
		return threads::createThread;
	}

	/**
	 * Returns the process's background work.
	 */
	public static BackgroundWork shared() {
		return Shared.WORK;
	}

	/**
	 * Takes the turn of a plan handed off with a serial key: it starts once the plan handed off before it with the
	 * same key ended ({@link Turn#previous}), and ends its own turn with {@link #end}. Called when the plan is handed
	 * off, so turns follow the order of the writes that hand them off.
	 * @param serial the key, {@literal null} for a plan that waits for none
	 */
	Turn turn(@Nullable String serial) {
		if (serial == null) {
			return Turn.FREE;
		}
		CompletableFuture<@Nullable Void> done = new CompletableFuture<>();
		CompletableFuture<@Nullable Void> previous = this.lastBySerial.put(serial, done);
		return new Turn(serial, (previous != null) ? previous : Turn.ENDED, done);
	}

	/**
	 * Ends a turn: the next plan of its key may start.
	 */
	void end(Turn turn) {
		String serial = turn.serial();
		if (serial != null) {
			turn.done().complete(null);
			this.lastBySerial.remove(serial, turn.done());
		}
	}

	/**
	 * Runs a task on a background thread, or on the calling one when {@value #MAX_PENDING} wait already.
	 */
	void submit(Runnable task) {
		submit(task, null);
	}

	/**
	 * Runs a task on a background thread once the tasks handed off before it with the same serial key ended, or on
	 * the calling one (waiting for them) when {@value #MAX_PENDING} wait already.
	 * @param serial the key, {@literal null} for none
	 */
	void submit(Runnable task, @Nullable String serial) {
		Turn turn = turn(serial);
		if (this.inline || !this.slots.tryAcquire()) {
			try {
				turn.previous().join();
				runLogged(task);
			}
			finally {
				end(turn);
			}
			return;
		}
		this.pending.incrementAndGet();
		Runnable inTurn = () -> {
			try {
				runLogged(task);
			}
			finally {
				end(turn);
				finished();
			}
		};
		// no thread waits for the previous task of the key: this one is queued when that one ended
		turn.previous().whenComplete((ended, failure) -> execute(inTurn));
	}

	private void execute(Runnable task) {
		try {
			this.threads.execute(task);
		}
		catch (RuntimeException ex) {
			task.run();
		}
	}

	/**
	 * Takes a slot for work the caller starts itself without waiting for it (a reactive subscription), to be given
	 * back with {@link #finished}.
	 * @return whether a slot was free (none: the caller waits for the work instead)
	 */
	boolean tryStart() {
		if (this.inline || !this.slots.tryAcquire()) {
			return false;
		}
		this.pending.incrementAndGet();
		return true;
	}

	/**
	 * Gives back the slot of a task that ended.
	 */
	void finished() {
		int left = this.pending.decrementAndGet();
		this.slots.release();
		if (left == 0) {
			synchronized (this.idle) {
				this.idle.notifyAll();
			}
		}
	}

	/**
	 * Makes the callers run the plans themselves, before they answer, or hands them off again: for a harness that
	 * measures a write's client CPU with everything it sends, in one order (answers replayed in sequence).
	 * @param inline whether the callers run them
	 */
	public void setInline(boolean inline) {
		this.inline = inline;
	}

	/**
	 * Waits until no task waits or runs, at most the given time (for tests, and for a context that closes): returns
	 * as the last one ends, not at the next poll.
	 * @return whether all ended in time
	 */
	public boolean awaitIdle(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.idle) {
			// woken by the task that leaves none pending: a check and a wait under the lock it notifies with
			while (this.pending.get() > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.idle, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * The turn of a plan handed off with a serial key.
	 * @param serial the key, {@literal null} for a plan that waits for none
	 * @param previous ends when the plan handed off before it with the same key ended
	 * @param done completed when this plan ends
	 */
	record Turn(@Nullable String serial, CompletableFuture<@Nullable Void> previous,
			CompletableFuture<@Nullable Void> done) {

		static final CompletableFuture<@Nullable Void> ENDED = CompletableFuture.completedFuture(null);

		static final Turn FREE = new Turn(null, ENDED, ENDED);

	}

	private static void runLogged(Runnable task) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
	}

	/**
	 * Logs the failure of a plan handed off, which no caller waits for (or which its caller runs in line without
	 * failing the write that handed it off), for both drivers.
	 */
	static void failed(Throwable ex) {
		logger.warn("Background work after a write failed", ex);
	}

	/**
	 * Holds the process's background work, made at its first use ({@link #shared()}) rather than when a template's
	 * helpers take their thread factory ({@link #daemons}): its pool and semaphore are for plans handed off by writes.
	 */
	private static final class Shared {

		static final BackgroundWork WORK = new BackgroundWork();

	}

}
