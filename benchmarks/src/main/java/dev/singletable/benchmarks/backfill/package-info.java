/**
 * The backfill benchmark (issue 25): singletable's {@code reindex} against a hand-written raw-SDK parallel scan and
 * conditional update doing the same work, on a fixture of tickets written under one definition and re-indexed for
 * a new index key; throughput at each round-trip time and the heap at two table sizes.
 */
@NullMarked
package dev.singletable.benchmarks.backfill;

import org.jspecify.annotations.NullMarked;
