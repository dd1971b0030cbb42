package dev.singletable.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * How long and how much the harness measures.
 *
 * @param mode the name of these settings
 * @param articles published articles each contender stores for reading (at least 100)
 * @param pool articles each update operation cycles through
 * @param events events each contender stores for the stream operation
 * @param memoryItems items streamed by the memory check
 * @param warmup warm-up time per contender and operation on DynamoDB Local, spent in turns rotated like the rounds
 * @param rounds measured rounds per operation on DynamoDB Local
 * @param round time of one contender in one round on DynamoDB Local (at least one operation)
 * @param accountingOperations operations counted for requests and capacity per operation
 * @param cpuWarmup warm-up time per contender and operation without a server
 * @param cpuRounds measured rounds per operation without a server
 * @param cpuRound time of one contender in one round without a server
 * @param startupWarmups Spring context starts per variant before measuring, in this JVM
 * @param startupRuns measured Spring context starts per variant, in this JVM
 * @param coldStarts measured starts per variant, each in a new JVM
 * @param latency what the rows under a simulated network round trip measure
 * @param compression what the compression-level table measures
 * @param backfill what the backfill rows measure
 */
public record Settings(String mode, int articles, int pool, int events, int memoryItems, Duration warmup,
		int rounds, Duration round, int accountingOperations, Duration cpuWarmup, int cpuRounds, Duration cpuRound,
		int startupWarmups, int startupRuns, int coldStarts, Latency latency, Compression compression,
		Backfill backfill) {

	/**
	 * The full benchmark: about 15 minutes on 2 cores. The throughput rounds are many and short (21 of 400 ms per
	 * contender): a young collection of the JVM, which DynamoDB Local's allocations trigger every few seconds and
	 * which pauses for 50 to 240 ms, slows the one contender whose round it lands in, and the median ratio of many
	 * pairs of rounds measured close together is what such pauses do not move.
	 * @return the settings
	 */
	public static Settings full() {
		return new Settings("full", 1000, 50, 10_000, 100_000, Duration.ofMillis(3000), 21, Duration.ofMillis(400), 32,
				Duration.ofMillis(2000), 7, Duration.ofMillis(400), 2, 10, 5,
				new Latency(List.of(Duration.ZERO, Duration.ofMillis(5)), 1000, 10, 100, 4, Duration.ofMillis(600), 5,
						Duration.ofMillis(800)),
				new Compression(Duration.ofMillis(1000), 7, Duration.ofMillis(250)),
				new Backfill(10_000, 1, 3, List.of(Duration.ZERO, Duration.ofMillis(5)), List.of(10_000, 100_000)));
	}

	/**
	 * A shorter run to try the harness: about a minute.
	 * @return the settings
	 */
	public static Settings quick() {
		return new Settings("quick", 300, 5, 2_000, 20_000, Duration.ofMillis(300), 3, Duration.ofMillis(200), 16,
				Duration.ofMillis(300), 3, Duration.ofMillis(100), 1, 3, 1,
				new Latency(List.of(Duration.ZERO, Duration.ofMillis(5)), 300, 3, 100, 2, Duration.ofMillis(200), 3,
						Duration.ofMillis(200)),
				new Compression(Duration.ofMillis(200), 3, Duration.ofMillis(100)),
				new Backfill(2_000, 1, 2, List.of(Duration.ZERO, Duration.ofMillis(5)), List.of(2_000, 20_000)));
	}

	/**
	 * Tiny counts, for the smoke test: every benchmark runs, none measures anything meaningful.
	 * @return the settings
	 */
	public static Settings smoke() {
		return new Settings("smoke", 130, 2, 300, 2_000, Duration.ofMillis(20), 2, Duration.ofMillis(20), 2,
				Duration.ofMillis(20), 2, Duration.ofMillis(10), 0, 1, 0,
				new Latency(List.of(Duration.ZERO, Duration.ofMillis(5)), 130, 2, 30, 1, Duration.ZERO, 2,
						Duration.ofMillis(5)),
				new Compression(Duration.ofMillis(5), 2, Duration.ofMillis(5)),
				new Backfill(200, 0, 1, List.of(Duration.ZERO, Duration.ofMillis(5)), List.of(200, 1_000)));
	}

	/**
	 * The rows measured under a simulated network round trip: every contender's SDK client waits the delay
	 * before each HTTP request.
	 *
	 * @param delays the round-trip times, each measured in turn (zero first)
	 * @param batch articles read by one batch get (more than the 100 one request holds)
	 * @param pages pages of 100 read one after another through the type index
	 * @param versions versions in each history deleted
	 * @param deletes histories each contender deletes per round
	 * @param warmup warm-up time per contender and operation at each delay
	 * @param rounds measured rounds per operation and delay
	 * @param round time of one contender in one round (at least one operation)
	 */
	public record Latency(List<Duration> delays, int batch, int pages, int versions, int deletes, Duration warmup,
			int rounds, Duration round) {

	}

	/**
	 * The compression-level table: client CPU of versioned writes at each gzip level against replayed responses.
	 *
	 * @param warmup warm-up time per variant and document size
	 * @param rounds measured rounds per document size
	 * @param round time of one variant in one round
	 */
	public record Compression(Duration warmup, int rounds, Duration round) {

	}

	/**
	 * The backfill rows (issue 25): singletable's {@code reindex} against the floor's hand-written one, on tickets
	 * re-indexed for a new index key.
	 *
	 * @param items tickets each throughput run re-indexes
	 * @param warmups unmeasured runs per contender at each round-trip time
	 * @param rounds measured runs per contender at each round-trip time
	 * @param delays the round-trip times, each measured in turn
	 * @param heapItems the table sizes of the heap runs, smallest first (one run per contender each)
	 */
	public record Backfill(int items, int warmups, int rounds, List<Duration> delays, List<Integer> heapItems) {

	}

	/**
	 * Returns the settings of a mode.
	 * @param mode {@code full}, {@code quick} or {@code smoke}
	 * @return the settings
	 */
	public static Settings of(String mode) {
		return switch (mode) {
			case "full" -> full();
			case "quick" -> quick();
			case "smoke" -> smoke();
			default -> throw new IllegalArgumentException("Unknown mode '" + mode + "'; use full, quick or smoke");
		};
	}

}
