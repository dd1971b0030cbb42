/**
 * The benchmark of issue 34's change events: the outbox's write cost, the end-to-end latency of a change event, and
 * the consumer's throughput against a hand-written KCL consumer doing the same decoding, on one in-process DynamoDB
 * Local.
 */
@NullMarked
package dev.singletable.benchmarks.events;

import org.jspecify.annotations.NullMarked;
