package dev.singletable.benchmarks;

import java.time.Duration;

/**
 * How long and how much the harness measures.
 *
 * @param mode the name of these settings
 * @param articles published articles each contender stores for reading (at least 100)
 * @param pool articles each update operation cycles through
 * @param events events each contender stores for the stream operation
 * @param memoryItems items streamed by the memory check
 * @param warmup warm-up time per contender and operation on DynamoDB Local
 * @param rounds measured rounds per operation on DynamoDB Local
 * @param round time of one contender in one round on DynamoDB Local (at least one operation)
 * @param accountingOperations operations counted for requests and capacity per operation
 * @param cpuWarmup warm-up time per contender and operation without a server
 * @param cpuRounds measured rounds per operation without a server
 * @param cpuRound time of one contender in one round without a server
 * @param startupWarmups Spring context starts per variant before measuring, in this JVM
 * @param startupRuns measured Spring context starts per variant, in this JVM
 * @param coldStarts measured starts per variant, each in a new JVM
 */
public record Settings(String mode, int articles, int pool, int events, int memoryItems, Duration warmup,
		int rounds, Duration round, int accountingOperations, Duration cpuWarmup, int cpuRounds, Duration cpuRound,
		int startupWarmups, int startupRuns, int coldStarts) {

	/**
	 * The full benchmark: about 7 minutes on 2 cores.
	 * @return the settings
	 */
	public static Settings full() {
		return new Settings("full", 300, 50, 10_000, 100_000, Duration.ofMillis(1500), 7, Duration.ofMillis(800), 32,
				Duration.ofMillis(2000), 7, Duration.ofMillis(400), 2, 10, 5);
	}

	/**
	 * A shorter run to try the harness: about a minute.
	 * @return the settings
	 */
	public static Settings quick() {
		return new Settings("quick", 120, 5, 2_000, 20_000, Duration.ofMillis(300), 3, Duration.ofMillis(200), 16,
				Duration.ofMillis(300), 3, Duration.ofMillis(100), 1, 3, 1);
	}

	/**
	 * Tiny counts, for the smoke test: every benchmark runs, none measures anything meaningful.
	 * @return the settings
	 */
	public static Settings smoke() {
		return new Settings("smoke", 100, 2, 300, 2_000, Duration.ofMillis(20), 2, Duration.ofMillis(20), 2,
				Duration.ofMillis(20), 2, Duration.ofMillis(10), 0, 1, 0);
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
