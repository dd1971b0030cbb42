package dev.singletable.benchmarks.backfill;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.singletable.benchmarks.Sample.Spread;
import dev.singletable.benchmarks.Side;

/**
 * What the backfill benchmark measured in one run.
 *
 * @param items tickets re-indexed by each throughput run
 * @param latestBytes the size of a ticket's latest copy as DynamoDB counts it, before re-indexing (mean of the
 * first 16)
 * @param warmups unmeasured runs per contender at each round-trip time
 * @param rounds measured rounds per round-trip time
 * @param throughput by round-trip time and contender
 * @param heap the heap runs, by table size then contender
 * @param measured the contenders measured: the floor, and singletable when its backfill is built
 */
public record BackfillFigures(int items, double latestBytes, int warmups, int rounds,
		Map<Duration, Map<Side, Throughput>> throughput, List<Heap> heap, List<Side> measured) {

	/**
	 * One contender's throughput at one round-trip time.
	 *
	 * @param itemsPerSecond tickets re-indexed per second, median and range over rounds
	 * @param rounds tickets per second in each round, for ratios paired by round
	 * @param requests requests per ticket by operation (over the measured rounds)
	 * @param written tickets written per run (the same in every run, else the run notes it)
	 * @param exact tickets whose latest copy was exactly as re-indexed after the first measured run (checked by
	 * reading the table)
	 * @param tailMillis milliseconds from the answer to the run's last {@code UpdateItem} (its last write: an item
	 * or the last segment's completion) to the run's return, median and range over rounds
	 */
	public record Throughput(Spread itemsPerSecond, List<Double> rounds, Map<String, Double> requests, long written,
			long exact, Spread tailMillis) {

		/**
		 * Returns the requests per ticket, every operation together.
		 * @return the requests
		 */
		public double totalRequests() {
			return this.requests.values().stream().mapToDouble(Double::doubleValue).sum();
		}

	}

	/**
	 * The heap of one backfill run: used heap after a full collection before the run, at every tenth of the
	 * tickets written while it runs, and after it.
	 *
	 * @param side the contender
	 * @param items the tickets in the table
	 * @param before before the run
	 * @param samples while running, in order
	 * @param after after the run
	 * @param elapsed how long the run took (collections included)
	 */
	public record Heap(Side side, int items, long before, List<Long> samples, long after, Duration elapsed) {

		/**
		 * Returns the highest sample while running.
		 * @return bytes
		 */
		public long peak() {
			return this.samples.stream().mapToLong(Long::longValue).max().orElse(this.after);
		}

		/**
		 * Returns how far the heap rose above where it was before the run: what the backfill held at its peak.
		 * @return bytes, negative when it stayed below
		 */
		public long growth() {
			return peak() - this.before;
		}

	}

}
