package dev.singletable.autoconfigure.events;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Change events from the table's stream, bound from {@code singletable.changes.*}.
 *
 * @param enabled Whether to deliver the changes of the table's resources, read from its DynamoDB stream by the Kinesis
 * Client Library, to '@ResourceChangeListener' methods; the schema initializer then creates or enables the stream
 * (NEW_AND_OLD_IMAGES) and validation requires it.
 * @param leaseTable The lease table the instances consuming the stream share: each change is delivered to one instance
 * of the fleet. Defaults to the table name followed by '-changes'.
 * @param startFrom Where a shard without a checkpoint is read from: 'oldest' (the stream keeps 24 hours) or 'latest'.
 * @param pollInterval The pause between reads of a shard that returned records (twice that after an empty read): the
 * floor of a change's delivery latency.
 * @param failoverTime How long the lease of an instance that stopped renewing it stays its own before another instance
 * takes its shards over.
 * @param maxAttempts How many times a failing listener is called for a change before the change goes to the
 * dead-letter handler (the first call included).
 * @param initialBackoff The pause before the second call of a failing listener; it doubles for each further call.
 * @param maxBackoff The longest pause between two calls of a failing listener.
 * @param shutdownTimeout How long shutting down waits for the batches in delivery to finish and be checkpointed.
 * @param cloudwatchMetrics Whether the Kinesis Client Library publishes its metrics of the consumption to CloudWatch
 * (its summary level), with the application's CloudWatchAsyncClient bean, else a client in the DynamoDB client's
 * region and credentials.
 * @param leaseAssignmentInterval How often the fleet's leader assigns unassigned and expired shard leases, and so how
 * soon a starting instance gets its first shard; each instance looks for the leases assigned to it twice as often.
 * Defaults to a fifth of the failover time (the Kinesis Client Library's own default is twice the failover time).
 * @param dispatchInterval The pause of the worker's loop that creates the processors of the shards it was assigned
 * and moves them through their states: a shard is read a few loops after its lease is assigned.
 * @param parentShardPollInterval How often a shard whose parent shard is not finished checks the parent again.
 * @param workerMetricsInterval How often the worker samples its utilisation, which the leader needs before it assigns
 * the worker a lease; its first report goes out after twice this.
 * @param syncShardsAtStart Whether a starting worker creates the leases of the stream's shards at once when the lease
 * table is empty, rather than wait a random 1 to 30 s for another instance of the fleet to do it (the Kinesis Client
 * Library's behaviour, which keeps a fleet starting at once from syncing all together). Set with the embedded DynamoDB
 * Local.
 */
@ConfigurationProperties("singletable.changes")
public record SingleTableChangesProperties(@DefaultValue("false") boolean enabled, @Nullable String leaseTable,
		@DefaultValue("oldest") StartFrom startFrom, @DefaultValue("250ms") Duration pollInterval,
		@DefaultValue("10s") Duration failoverTime, @DefaultValue("5") int maxAttempts,
		@DefaultValue("100ms") Duration initialBackoff, @DefaultValue("10s") Duration maxBackoff,
		@DefaultValue("30s") Duration shutdownTimeout, @DefaultValue("false") boolean cloudwatchMetrics,
		@Nullable Duration leaseAssignmentInterval, @DefaultValue("200ms") Duration dispatchInterval,
		@DefaultValue("1s") Duration parentShardPollInterval, @DefaultValue("250ms") Duration workerMetricsInterval,
		@DefaultValue("false") boolean syncShardsAtStart) {

	/**
	 * Where a shard without a checkpoint is read from.
	 */
	public enum StartFrom {

		/** Its oldest record: nothing the stream still holds is missed. */
		OLDEST,

		/** Its latest record: only changes made from now on. */
		LATEST

	}

}
