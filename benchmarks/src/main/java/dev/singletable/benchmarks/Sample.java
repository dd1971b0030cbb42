package dev.singletable.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * One timed run of an operation on one thread: how many operations, how long, how many bytes the thread
 * allocated.
 *
 * @param operations the number of operations
 * @param nanos the elapsed wall time
 * @param allocatedBytes the bytes the thread allocated, or -1 when the JVM cannot tell
 * @param results the sum of the operations' result counts
 * @param cpuNanos the CPU time of the thread that ran the operations, or -1 when the JVM cannot tell
 */
public record Sample(long operations, long nanos, long allocatedBytes, long results, long cpuNanos) {

	private static final com.sun.management.@Nullable ThreadMXBean THREADS = threads();

	/** Measures the thread's CPU time, whether or not the JVM counts its allocation. */
	private static final java.lang.management.ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

	/**
	 * Runs an operation until the given time has passed, at least once.
	 * @param operation the operation
	 * @param contender the contender
	 * @param duration the minimum time
	 * @return the sample
	 */
	public static Sample run(Operation operation, Contender contender, Duration duration) {
		return time(() -> operation.run(contender), duration);
	}

	/**
	 * Runs a piece of work until the given time has passed, at least once.
	 * @param work the work; returns a number so that it cannot be optimized away
	 * @param duration the minimum time
	 * @return the sample
	 */
	public static Sample time(LongSupplier work, Duration duration) {
		return time(work, duration, null);
	}

	/**
	 * Runs an operation until the given time has passed, at least once, with the CPU caches flushed before each
	 * operation when a flush is given.
	 * @param operation the operation
	 * @param contender the contender
	 * @param duration the minimum time
	 * @param flush evicts the caches before each operation; {@literal null} for none
	 * @return the sample; with a flush, its CPU time is the operations' alone (read before and after each), and
	 * its wall time includes the flushes
	 */
	public static Sample run(Operation operation, Contender contender, Duration duration, @Nullable CacheFlush flush) {
		return time(() -> operation.run(contender), duration, flush);
	}

	/**
	 * Runs a piece of work until the given time has passed, at least once, with the caches flushed before each run
	 * when a flush is given (see {@link #run(Operation, Contender, Duration, CacheFlush)}).
	 */
	static Sample time(LongSupplier work, Duration duration, @Nullable CacheFlush flush) {
		long budget = duration.toNanos();
		long allocatedBefore = allocated();
		long cpuBefore = cpu();
		long start = System.nanoTime();
		long elapsed;
		long operations = 0;
		long results = 0;
		long cpuBetweenFlushes = 0;
		do {
			if (flush != null) {
				flush.run();
				long before = cpu();
				results += work.getAsLong();
				cpuBetweenFlushes += cpu() - before;
			}
			else {
				results += work.getAsLong();
			}
			operations++;
			elapsed = System.nanoTime() - start;
		}
		while (elapsed < budget);
		long cpuAfter = cpu();
		long allocatedAfter = allocated();
		long cpuNanos = (cpuBefore < 0) ? -1 : (flush != null) ? cpuBetweenFlushes : cpuAfter - cpuBefore;
		return new Sample(operations, elapsed, (allocatedBefore >= 0) ? allocatedAfter - allocatedBefore : -1, results,
				cpuNanos);
	}

	/**
	 * Returns the throughput.
	 * @return operations per second
	 */
	public double perSecond() {
		return this.operations * 1e9 / this.nanos;
	}

	/**
	 * Returns the time per operation.
	 * @return nanoseconds per operation
	 */
	public double nanosPerOperation() {
		return (double) this.nanos / this.operations;
	}

	/**
	 * Returns the CPU time of the running thread per operation: what the operations cost the client whether or not
	 * the machine's other processes kept the thread waiting for a core.
	 * @return nanoseconds of thread CPU per operation; the wall time when the JVM cannot measure a thread's CPU
	 */
	public double cpuNanosPerOperation() {
		return (this.cpuNanos >= 0) ? (double) this.cpuNanos / this.operations : nanosPerOperation();
	}

	/**
	 * Returns the allocation per operation.
	 * @return bytes per operation, or -1 when unknown
	 */
	public double bytesPerOperation() {
		return (this.allocatedBytes >= 0) ? (double) this.allocatedBytes / this.operations : -1;
	}

	private static long allocated() {
		return (THREADS != null) ? THREADS.getCurrentThreadAllocatedBytes() : -1;
	}

	private static long cpu() {
		return CPU.isCurrentThreadCpuTimeSupported() ? CPU.getCurrentThreadCpuTime() : -1;
	}

	private static com.sun.management.@Nullable ThreadMXBean threads() {
		if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads
				&& threads.isThreadAllocatedMemorySupported()) {
			threads.setThreadAllocatedMemoryEnabled(true);
			return threads;
		}
		return null;
	}

	/**
	 * Median and range of repeated measurements.
	 *
	 * @param median the median
	 * @param min the smallest value
	 * @param max the largest value
	 * @param count how many values
	 */
	public record Spread(double median, double min, double max, int count) {

		/**
		 * Summarizes values.
		 * @param values the values; not empty
		 * @return the spread
		 */
		public static Spread of(List<Double> values) {
			List<Double> sorted = new ArrayList<>(values);
			Collections.sort(sorted);
			int n = sorted.size();
			double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
			return new Spread(median, sorted.get(0), sorted.get(n - 1), n);
		}

		/**
		 * Summarizes the ratios of paired values: {@code numerators[i] / denominators[i]} for every round.
		 * @param numerators the values of one contender, by round
		 * @param denominators the values of the other, by round; as many
		 * @return the spread of the ratios
		 */
		public static Spread ofRatios(List<Double> numerators, List<Double> denominators) {
			if (numerators.size() != denominators.size() || numerators.isEmpty()) {
				throw new IllegalArgumentException("Paired values need as many rounds on each side, got "
						+ numerators.size() + " and " + denominators.size());
			}
			List<Double> ratios = new ArrayList<>(numerators.size());
			for (int i = 0; i < numerators.size(); i++) {
				ratios.add(numerators.get(i) / denominators.get(i));
			}
			return of(ratios);
		}

		/**
		 * Returns the range as a fraction of the median, e.g. 0.08 for values within 8% of each other.
		 * @return (max - min) / median
		 */
		public double relativeRange() {
			return (this.median != 0) ? (this.max - this.min) / this.median : 0;
		}

	}

}
