package dev.singletable.benchmarks.reactive;

import java.time.Duration;

/**
 * How much the reactive benchmark measures.
 *
 * @param mode the name of these settings ({@code full}, {@code quick} or {@code smoke})
 * @param lanes operations in flight at once for every API: each lane runs one operation after another, on its
 * own article
 * @param loopThreads the event-loop threads of each asynchronous client (the Netty client's)
 * @param blockingThreads the threads of the blocking API's pool
 * @param delay the simulated network round trip of every request
 * @param warmup warm-up time per API and operation, spent in turns rotated like the rounds
 * @param rounds measured rounds per operation
 * @param round time of one API in one round (its lanes finish the operation in flight after it)
 */
public record ReactiveSettings(String mode, int lanes, int loopThreads, int blockingThreads, Duration delay,
		Duration warmup, int rounds, Duration round) {

	/** The turns the warm-up is split into. */
	static final int WARMUP_TURNS = 3;

	/**
	 * The settings of a mode: {@code full} (issue 26's figures: 64 lanes, 4 event-loop threads, 64 blocking
	 * threads, 5 ms, 15 rounds of 1 s after 3 s of warm-up: many short rounds, so that the median of ratios paired
	 * by round is not moved by a pause or a burst of other work), {@code quick} (the same concurrency, 3 rounds of
	 * 1 s) or {@code smoke} (4 lanes, 2 event-loop threads, rounds of 60 ms: everything runs, nothing is measured).
	 * @param mode the mode
	 * @return the settings
	 */
	public static ReactiveSettings of(String mode) {
		return switch (mode) {
			case "full" -> new ReactiveSettings(mode, 64, 4, 64, Duration.ofMillis(5), Duration.ofMillis(3000), 15,
					Duration.ofMillis(1000));
			case "quick" -> new ReactiveSettings(mode, 64, 4, 64, Duration.ofMillis(5), Duration.ofMillis(1000), 3,
					Duration.ofMillis(1000));
			case "smoke" -> new ReactiveSettings(mode, 4, 2, 4, Duration.ofMillis(5), Duration.ofMillis(60), 2,
					Duration.ofMillis(60));
			default -> throw new IllegalArgumentException("Unknown mode '" + mode + "'; use full, quick or smoke");
		};
	}

}
