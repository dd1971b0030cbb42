package dev.singletable.evolution.internal.backfill;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.singletable.core.observation.SingleTableMetrics;

/**
 * What a run did on this instance, counted by its threads: items read, written, unchanged, skipped (gone when
 * written), retries, capacity consumed, segments finished; the segments of the run not yet done (as the ledger
 * last said); its progress lines and meters.
 */
public final class BackfillProgress {

	private static final Log logger = LogFactory.getLog(BackfillProgress.class);

	/** What became of an item. */
	public enum Outcome {

		/** Rewritten (or moved, or deleted). */
		WRITTEN,

		/** Already as it should be: nothing written. */
		UNCHANGED,

		/** Gone when it was read again after a failed condition. */
		SKIPPED

	}

	private final BackfillPlan plan;

	private final @Nullable SingleTableMetrics metrics;

	private final long startedAt = System.nanoTime();

	private final AtomicLong read = new AtomicLong();

	private final AtomicLong written = new AtomicLong();

	private final AtomicLong unchanged = new AtomicLong();

	private final AtomicLong skipped = new AtomicLong();

	private final AtomicLong retries = new AtomicLong();

	private final DoubleAdder capacity = new DoubleAdder();

	private final AtomicInteger segmentsWorked = new AtomicInteger();

	private final AtomicInteger segmentsLeft;

	BackfillProgress(BackfillPlan plan, @Nullable SingleTableMetrics metrics) {
		this.plan = plan;
		this.metrics = metrics;
		this.segmentsLeft = new AtomicInteger(plan.segments());
	}

	void item(Outcome outcome) {
		this.read.incrementAndGet();
		switch (outcome) {
			case WRITTEN -> this.written.incrementAndGet();
			case UNCHANGED -> this.unchanged.incrementAndGet();
			case SKIPPED -> this.skipped.incrementAndGet();
		}
		if (this.metrics != null) {
			this.metrics.backfillItem(this.plan.operation(), this.plan.typeName(), outcome.name().toLowerCase(Locale.ROOT));
		}
	}

	void retried() {
		this.retries.incrementAndGet();
		if (this.metrics != null) {
			this.metrics.backfillItem(this.plan.operation(), this.plan.typeName(), "retried");
		}
	}

	void consumed(double units) {
		if (units > 0) {
			this.capacity.add(units);
			if (this.metrics != null) {
				this.metrics.backfillCapacity(this.plan.operation(), this.plan.typeName(), units);
			}
		}
	}

	void segmentWorked() {
		this.segmentsWorked.incrementAndGet();
	}

	void segmentsLeft(int left) {
		this.segmentsLeft.set(left);
	}

	int segmentsLeft() {
		return this.segmentsLeft.get();
	}

	/**
	 * Logs one progress line: {@code Backfill reindex Ticket (run r): 4,000 items, 1,250 items/s, 3 of 4 segments
	 * left, about 6 s left}.
	 */
	void log(int segments) {
		if (logger.isInfoEnabled()) {
			logger.info(line(segments));
		}
	}

	/**
	 * The progress line: items, items per second, segments left, and the time left as the segments done so far
	 * took.
	 */
	String line(int segments) {
		double seconds = Math.max(0.001, elapsed().toNanos() / 1e9);
		int left = this.segmentsLeft.get();
		int finished = segments - left;
		String estimate = (left == 0) ? "done"
				: (finished > 0) ? String.format(Locale.ROOT, "about %,d s left", Math.round(seconds * left / finished))
						: "time left not known yet";
		return String.format(Locale.ROOT, "Backfill %s: %,d items, %,d items/s, %d of %d segments left, %s",
				this.plan.describe(), this.read.get(), Math.round(this.read.get() / seconds), left, segments, estimate);
	}

	/**
	 * The time since the run started on this instance.
	 */
	private Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startedAt);
	}

	/**
	 * What the run did on this instance so far, read at one moment.
	 */
	public Counts counts() {
		return new Counts(this.read.get(), this.written.get(), this.unchanged.get(), this.skipped.get(),
				this.retries.get(), this.capacity.sum(), this.segmentsWorked.get(), elapsed());
	}

	/**
	 * The counts of a run on this instance at one moment.
	 *
	 * @param read the items read
	 * @param written the items rewritten (or moved, or deleted)
	 * @param unchanged the items already as they should be
	 * @param skipped the items gone when read again after a failed condition
	 * @param retries the writes attempted again
	 * @param capacity the capacity units consumed
	 * @param segmentsWorked the segments finished
	 * @param elapsed the time since the run started on this instance
	 */
	public record Counts(long read, long written, long unchanged, long skipped, long retries, double capacity,
			int segmentsWorked, Duration elapsed) {

	}

}
