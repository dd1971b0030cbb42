package dev.singletable.evolution.internal.backfill;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ConditionFailures;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.evolution.internal.backfill.BackfillProgress.Outcome;
import dev.singletable.evolution.internal.backfill.RunLedger.Header;
import dev.singletable.evolution.internal.backfill.RunLedger.Segment;
import dev.singletable.evolution.internal.backfill.RunRequests.RunStoppedException;
import dev.singletable.evolution.internal.plan.PlanRunner;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One backfill run on this instance: opens the run's {@link RunLedger ledger}, then works segments on a pool of
 * {@code threads} threads until every segment of the run is done, here or on another instance. Each thread claims a
 * free segment (or one whose lease expired), reads it a page at a time from its checkpoint, hands each item to the
 * {@link ItemProcessor} (a failed condition: read again and retry, up to the attempts allowed), and records a
 * checkpoint with its counts and a renewed lease after each page; with no segment free it waits, polling the
 * ledger. A lost lease stops that segment here without error. {@link #stop()} (or an interrupt of the thread that
 * called {@link #run()}) stops the threads between items and releases the leases of their unfinished segments, so
 * that another instance takes them at once; an instance that dies without releasing them leaves them to be taken
 * over when their lease expires. The calling thread logs progress while it waits.
 */
public final class BackfillRun {

	private static final Log logger = LogFactory.getLog(BackfillRun.class);

	private final BackfillPlan plan;

	private final ItemSelection selection;

	private final ItemProcessor processor;

	private final BackfillProgress progress;

	private final RunRequests requests;

	private final RunLedger ledger;

	private final @Nullable SingleTableMetrics metrics;

	/** The run's threads. */
	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	/** The segments this instance's threads are working. */
	private final Set<Integer> active = ConcurrentHashMap.newKeySet();

	private final Object pause = new Object();

	private volatile boolean stopped;

	/** Whether {@link #stop()} was called. */
	private volatile boolean stopRequested;

	/** Whether the calling thread was interrupted (rather than the run stopped). */
	private volatile boolean interrupted;

	/** Set by the thread that finds every segment done, so that the others end without polling again. */
	private volatile boolean complete;

	/**
	 * Creates a run.
	 * @param driver runs the run's plans: the template's driver
	 * @param tableName the table's name
	 */
	public BackfillRun(PlanRunner driver, String tableName, BackfillPlan plan, ItemSelection selection,
			ItemProcessor processor, @Nullable SingleTableMetrics metrics) {
		this.plan = plan;
		this.selection = selection;
		this.processor = processor;
		this.metrics = metrics;
		this.progress = new BackfillProgress(plan, metrics);
		this.requests = new RunRequests(driver, tableName, new CapacityLimiter(plan.maxCapacityPerSecond()),
				this.progress);
		this.ledger = new RunLedger(tableName, plan.runId());
	}

	/**
	 * Returns what the run did on this instance so far.
	 */
	public BackfillProgress progress() {
		return this.progress;
	}

	/**
	 * Runs until every segment of the run is done.
	 * @throws InterruptedException when the calling thread was interrupted or {@link #stop()} was called: the run's
	 * threads stopped and released their segments
	 */
	public BackfillProgress run() throws InterruptedException {
		String tableName = this.requests.tableName();
		Header header = this.requests.run(this.ledger.open(this.plan,
				() -> TypeIndexSource.bounds(tableName, this.selection, this.plan.segments())));
		int segments = header.segments();
		if (header.bounds() != null && header.bounds().isEmpty()) {
			// the type had no item when the run opened: no segment has anything to read (items written since were
			// written with the current definitions), so there is nothing to claim, by this instance or another
			this.progress.segmentsLeft(0);
			this.progress.log(segments);
			return this.progress;
		}
		SegmentSource source = (header.bounds() != null)
				? new TypeIndexSource(tableName, this.selection, header.bounds())
				: new TableScanSource(tableName, this.selection, segments);
		this.progress.segmentsLeft(segments);
		int threads = Math.min(this.plan.threads(), segments);
		AtomicInteger names = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(threads, (task) -> {
			Thread thread = new Thread(task, "singletable-backfill-" + this.plan.runId() + "-" + names.incrementAndGet());
			thread.setDaemon(true);
			this.threads.add(thread);
			return thread;
		});
		AutoCloseable gauge = (this.metrics != null) ? this.metrics.backfillSegmentsRemaining(this.plan.runId(),
				this.plan.operation(), this.plan.typeName(), this.progress::segmentsLeft) : null;
		try {
			CompletionService<Void> workers = new ExecutorCompletionService<>(pool);
			for (int i = 0; i < threads; i++) {
				workers.submit(() -> work(source, segments), null);
			}
			await(workers, threads, segments);
			this.progress.log(segments);
			return this.progress;
		}
		finally {
			halt();
			pool.shutdown();
			awaitQuietly(pool);
			closeQuietly(gauge);
		}
	}

	/**
	 * Returns whether {@link #run()} ended because its thread was interrupted (the caller sets its interrupt status
	 * again), rather than by {@link #stop()}.
	 */
	public boolean wasInterrupted() {
		return this.interrupted;
	}

	/**
	 * Returns whether a thread is one of the run's own (which cannot wait for the run to end).
	 */
	public boolean runsOn(Thread thread) {
		return this.threads.contains(thread);
	}

	/**
	 * Returns whether {@link #stop()} was called: the run was asked to stop rather than failed.
	 */
	public boolean isStopped() {
		return this.stopRequested;
	}

	/**
	 * Stops the run's threads between items; they release their segments.
	 */
	public void stop() {
		this.stopRequested = true;
		halt();
	}

	/**
	 * Stops the run's threads between items (the run ends: done, failed, interrupted or stopped).
	 */
	private void halt() {
		this.stopped = true;
		wakeUp();
	}

	private void wakeUp() {
		synchronized (this.pause) {
			this.pause.notifyAll();
		}
	}

	/**
	 * Waits for the run's threads, taking each as it ends and logging progress between; the first that fails stops
	 * the others and its failure is thrown at once.
	 */
	private void await(CompletionService<Void> workers, int threads, int segments) throws InterruptedException {
		long interval = this.plan.progressInterval().toMillis();
		long nextLog = System.currentTimeMillis() + interval;
		for (int left = threads; left > 0;) {
			Future<Void> ended;
			try {
				ended = (interval > 0) ? workers.poll(Math.max(1, nextLog - System.currentTimeMillis()),
						TimeUnit.MILLISECONDS) : workers.take();
			}
			catch (InterruptedException ex) {
				this.interrupted = true;
				stop();
				throw ex;
			}
			if (ended != null) {
				failure(ended);
				left--;
			}
			if (interval > 0 && System.currentTimeMillis() >= nextLog) {
				this.progress.log(segments);
				nextLog = System.currentTimeMillis() + interval;
			}
		}
		if (this.stopped) {
			throw new InterruptedException("Backfill " + this.plan.describe() + " stopped");
		}
	}

	/**
	 * Throws what a finished thread failed with, if anything (a stop as an {@link InterruptedException}).
	 */
	private void failure(Future<?> worker) throws InterruptedException {
		try {
			worker.get();
		}
		catch (ExecutionException ex) {
			halt();
			Throwable cause = ex.getCause();
			if (cause instanceof RunStoppedException) {
				throw new InterruptedException("Backfill " + this.plan.describe() + " stopped");
			}
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}

	/**
	 * One thread's loop: claim a segment and work it, until all are done or the run stops.
	 */
	private void work(SegmentSource source, int segments) {
		// a segment another instance released is taken within half a second
		long poll = Math.max(50, Math.min(500, this.plan.leaseDuration().toMillis() / 4));
		while (!this.stopped) {
			if (this.complete) {
				return;
			}
			Map<Integer, Segment> stored = this.requests.run(this.ledger.segments());
			long done = stored.values().stream().filter(Segment::done).count();
			this.progress.segmentsLeft((int) (segments - done));
			if (done >= segments) {
				this.complete = true;
				wakeUp();
				return;
			}
			Segment claimed = claimOne(stored, segments);
			if (claimed != null) {
				try {
					workSegment(source, claimed);
				}
				finally {
					this.active.remove(claimed.number());
				}
			}
			else {
				pause(poll);
			}
		}
		throw new RunStoppedException();
	}

	private @Nullable Segment claimOne(Map<Integer, Segment> stored, int segments) {
		long now = System.currentTimeMillis();
		int offset = ThreadLocalRandom.current().nextInt(segments);
		for (int i = 0; i < segments && !this.stopped; i++) {
			int number = (offset + i) % segments;
			Segment segment = stored.get(number);
			if ((segment != null && !segment.claimable(this.plan.instanceId(), now)) || !this.active.add(number)) {
				continue;
			}
			Segment claimed = this.requests
				.run(this.ledger.claim(number, this.plan.instanceId(), now, now + leaseMillis()));
			if (claimed != null) {
				return claimed;
			}
			this.active.remove(number);
		}
		return null;
	}

	/**
	 * Works a claimed segment from its checkpoint to its end, or until the lease is lost or the run stops.
	 */
	private void workSegment(SegmentSource source, Segment segment) {
		int number = segment.number();
		String me = this.plan.instanceId();
		Map<String, AttributeValue> start = segment.checkpoint();
		long leaseUntil = System.currentTimeMillis() + leaseMillis();
		boolean released = false;
		// the part of the current page done so far: kept as the checkpoint when the run stops in its middle
		Map<String, AttributeValue> doneUpTo = null;
		long items = 0;
		long written = 0;
		try {
			while (true) {
				checkStopped();
				SegmentSource.Page page = this.requests.run(source.read(number, start));
				for (Map<String, AttributeValue> item : page.items()) {
					checkStopped();
					if (System.currentTimeMillis() > leaseUntil - leaseMillis() / 2) {
						long renewed = System.currentTimeMillis() + leaseMillis();
						if (!holds(this.ledger.renew(number, me, renewed))) {
							released = true;
							return;
						}
						leaseUntil = renewed;
					}
					if (this.selection.matches(item)) {
						Outcome outcome = processWithRetries(item);
						this.progress.item(outcome);
						items++;
						written += (outcome == Outcome.WRITTEN) ? 1 : 0;
					}
					doneUpTo = item;
				}
				if (page.lastKey() == null) {
					if (holds(this.ledger.finish(number, me, items, written))) {
						this.progress.segmentWorked();
					}
					released = true;
					// the threads waiting for a segment look again: this one may have been the last
					wakeUp();
					return;
				}
				leaseUntil = System.currentTimeMillis() + leaseMillis();
				if (!holds(this.ledger.checkpoint(number, me, page.lastKey(), items, written, leaseUntil))) {
					released = true;
					return;
				}
				start = page.lastKey();
				doneUpTo = null;
				items = 0;
				written = 0;
			}
		}
		finally {
			if (!released) {
				release(number, (doneUpTo != null) ? source.positionAfter(doneUpTo) : null, items, written);
			}
		}
	}

	private Outcome processWithRetries(Map<String, AttributeValue> read) {
		Map<String, AttributeValue> item = read;
		for (int attempt = 1;; attempt++) {
			try {
				return this.processor.process(item, this.requests);
			}
			catch (RuntimeException ex) {
				if (!(ex instanceof ItemProcessor.StaleItemException) && !ConditionFailures.isStale(ex)) {
					if ((ex instanceof DataAccessException && !(ex instanceof InvalidDataAccessApiUsageException))
							|| ex instanceof RunStoppedException) {
						throw ex;
					}
					// the processor's own failure (a transform that threw, or returned what may not be written): name
					// the item it failed on
					throw new ItemFailedException(this.plan, ItemProcessor.keyOf(item), ex);
				}
				if (attempt >= this.plan.maxAttempts()) {
					throw new ConcurrencyFailureException("Backfill " + this.plan.describe() + " found item "
							+ ItemProcessor.keyOf(item) + " changed by concurrent writes " + attempt
							+ " times in a row; run the backfill again (it resumes from its checkpoints) or allow more "
							+ "attempts (BackfillOptions.withMaxAttempts)", ex);
				}
				this.progress.retried();
				Map<String, AttributeValue> fresh = this.requests.readAgain(ItemProcessor.keyOf(item));
				if (fresh == null) {
					return Outcome.SKIPPED;
				}
				item = fresh;
			}
		}
	}

	/**
	 * Gives up a segment's lease, with the checkpoint of the part of its page done when it stopped in the middle of
	 * one (also from an interrupted thread: the interrupt is kept for afterwards).
	 */
	private void release(int number, @Nullable Map<String, AttributeValue> doneUpTo, long items, long written) {
		boolean interrupted = Thread.interrupted();
		try {
			if (doneUpTo != null) {
				this.requests.run(this.ledger.release(number, this.plan.instanceId(), doneUpTo, items, written));
			}
			else {
				this.requests.run(this.ledger.release(number, this.plan.instanceId()));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Backfill " + this.plan.describe() + " could not release segment " + number
					+ "; another instance takes it over when its lease expires", ex);
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Runs a write of the ledger conditioned on this instance's lease: whether it still held it.
	 */
	private boolean holds(Step<Boolean> write) {
		return Boolean.TRUE.equals(this.requests.run(write));
	}

	private void checkStopped() {
		if (this.stopped || Thread.currentThread().isInterrupted()) {
			throw new RunStoppedException();
		}
	}

	private long leaseMillis() {
		return this.plan.leaseDuration().toMillis();
	}

	private void pause(long millis) {
		synchronized (this.pause) {
			if (this.stopped || this.complete) {
				return;
			}
			try {
				this.pause.wait(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new RunStoppedException();
			}
		}
	}

	private static void awaitQuietly(ExecutorService pool) {
		try {
			if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
				pool.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			pool.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	private static void closeQuietly(@Nullable AutoCloseable closeable) {
		if (closeable != null) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				// a gauge that could not be removed only stays registered
			}
		}
	}

}
