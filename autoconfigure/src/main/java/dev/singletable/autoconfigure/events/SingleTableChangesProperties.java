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
public record SingleTableChangesProperties(boolean enabled, @Nullable String leaseTable, StartFrom startFrom,
		Duration pollInterval, Duration failoverTime, @DefaultValue("5") int maxAttempts, Duration initialBackoff,
		Duration maxBackoff, Duration shutdownTimeout, boolean cloudwatchMetrics,
		@Nullable Duration leaseAssignmentInterval, Duration dispatchInterval, Duration parentShardPollInterval,
		Duration workerMetricsInterval, boolean syncShardsAtStart) {

	/**
	 * Gives each enum and duration that is not set its default. They are set here rather than by
	 * {@link DefaultValue @DefaultValue} parameters, which the binder would convert from text at every start (the
	 * booleans' defaults are the values an unbound primitive takes); the configuration metadata lists them from
	 * {@code META-INF/additional-spring-configuration-metadata.json}.
	 */
	public SingleTableChangesProperties {
		startFrom = (startFrom != null) ? startFrom : StartFrom.OLDEST;
		pollInterval = (pollInterval != null) ? pollInterval : Duration.ofMillis(250);
		failoverTime = (failoverTime != null) ? failoverTime : Duration.ofSeconds(10);
		initialBackoff = (initialBackoff != null) ? initialBackoff : Duration.ofMillis(100);
		maxBackoff = (maxBackoff != null) ? maxBackoff : Duration.ofSeconds(10);
		shutdownTimeout = (shutdownTimeout != null) ? shutdownTimeout : Duration.ofSeconds(30);
		dispatchInterval = (dispatchInterval != null) ? dispatchInterval : Duration.ofMillis(200);
		parentShardPollInterval = (parentShardPollInterval != null) ? parentShardPollInterval : Duration.ofSeconds(1);
		workerMetricsInterval = (workerMetricsInterval != null) ? workerMetricsInterval : Duration.ofMillis(250);
	}

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
