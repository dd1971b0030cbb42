package dev.singletable.events;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * The Kinesis Client Library's timings of a {@link SingleTableChangeStream}'s worker that decide how soon it reads the
 * stream after it starts, and how soon a shard it was given is read: the defaults ({@link #DEFAULTS}) suit a fleet on
 * DynamoDB; a single worker on a local store (the embedded DynamoDB Local, a test) can take much shorter ones
 * ({@link #LOCAL}), at the cost of more requests to the lease table.
 *
 * @param leaseAssignmentInterval how often the fleet's leader assigns the unassigned and expired leases (the KCL's
 * lease assignment manager), and so how soon a new worker gets its first shard; each worker looks for the leases
 * assigned to it twice as often. {@literal null} for a fifth of the failover time (the KCL's own default is twice
 * the failover time)
 * @param dispatchInterval the pause of the worker's loop that creates the processors of the shards it was assigned
 * and moves them through their states (waiting on a parent, initialising, processing): a shard is read a few loops
 * after its lease is assigned (the KCL's {@code shardConsumerDispatchPollIntervalMillis}, 1 s by default in the KCL)
 * @param parentShardPollInterval how often a shard whose parent is not finished checks it again (the KCL's
 * {@code parentShardPollIntervalMillis}, 10 s in the KCL)
 * @param workerMetricsInterval how often the worker samples its own utilisation, which the leader needs before it
 * assigns the worker a lease: the first report goes out after twice this (the KCL's
 * {@code inMemoryWorkerMetricsCaptureFrequencyMillis}, 1 s in the KCL)
 * @param syncShardsAtStart whether the worker creates the leases of the stream's shards (the KCL's own shard sync)
 * as soon as it is built, when the lease table is empty: otherwise the KCL waits a random 1 to 30 s, checking the
 * table every 3 s, for another worker of the fleet to do it (which keeps a fleet starting at once from syncing all
 * together); a single worker waits for nobody
 */
public record ChangeWorkerTimings(@Nullable Duration leaseAssignmentInterval, Duration dispatchInterval,
		Duration parentShardPollInterval, Duration workerMetricsInterval, boolean syncShardsAtStart) {

	/** The defaults, for a fleet on DynamoDB. */
	public static final ChangeWorkerTimings DEFAULTS = new ChangeWorkerTimings(null, Duration.ofMillis(200),
			Duration.ofSeconds(1), Duration.ofMillis(250), false);

	/** For a single worker on a local store: the first change in about a second after the start. */
	public static final ChangeWorkerTimings LOCAL = new ChangeWorkerTimings(Duration.ofMillis(100),
			Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(100), true);

	/**
	 * Checks the timings.
	 */
	public ChangeWorkerTimings {
		Assert.isTrue(leaseAssignmentInterval == null || leaseAssignmentInterval.toMillis() >= 60,
				"Lease assignment interval must be at least 60 ms");
		Assert.isTrue(dispatchInterval != null && dispatchInterval.toMillis() >= 1,
				"Dispatch interval must be at least 1 ms");
		Assert.isTrue(parentShardPollInterval != null && parentShardPollInterval.toMillis() >= 1,
				"Parent shard poll interval must be at least 1 ms");
		Assert.isTrue(workerMetricsInterval != null && workerMetricsInterval.toMillis() >= 1,
				"Worker metrics interval must be at least 1 ms");
	}

}
