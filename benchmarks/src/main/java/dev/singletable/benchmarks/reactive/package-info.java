/**
 * The reactive benchmark (issue 26): at a simulated network round trip, many concurrent versioned updates and gets
 * through the reactive API on a few event-loop threads, the blocking API on a thread per concurrent operation, and
 * the SDK's Enhanced async client; throughput and the threads each used, as ratios measured in one run.
 */
@NullMarked
package dev.singletable.benchmarks.reactive;

import org.jspecify.annotations.NullMarked;
