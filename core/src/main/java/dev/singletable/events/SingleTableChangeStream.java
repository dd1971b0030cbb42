package dev.singletable.events;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.Assert;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.internal.execution.BlockingDriver;
import dev.singletable.internal.format.ChangeStreams;
import dev.singletable.core.internal.template.TemplateExecutors;
import dev.singletable.core.internal.write.item.ItemRequests;
import dev.singletable.events.internal.ChangeAttribution;
import dev.singletable.events.internal.ChangeDecoder;
import dev.singletable.events.internal.ChangeDispatcher;
import dev.singletable.events.internal.kcl.KclChangeConsumer;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeTableResponse;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Typed change events from the table's DynamoDB stream: every change of a resource's latest state, written by this
 * application, another instance or a Python service sharing the table, delivered to the listeners of its entity type
 * (or, with Reactor, as a {@link ReactiveSingleTableChangeStream#changes(Class) Flux}) as a {@link ResourceChange} with the old and new state read from the stored items (compressed or not).
 * <p>
 * Consumption runs on the Kinesis Client Library through Amazon's DynamoDB Streams adapter: the stream's shards are
 * leased to the instances sharing a lease table (by default named after the table, {@code <table>-changes}), each
 * shard is read by one instance at a time, its progress checkpointed after every batch delivered, and when an
 * instance stops or dies another takes its shards over from their checkpoints; resharding is the KCL's. The KCL's
 * CloudWatch metrics are off unless {@link #setCloudWatchMetrics configured}.
 * <p>
 * Delivery is at least once and in order per resource: a listener that throws is called again with exponential
 * backoff ({@link #setRetry}), and after the last attempt the change goes to the {@link ChangeDeadLetterHandler}
 * (logged at ERROR and counted by default), never dropped silently. History items, audit rows, per-type counts and
 * internal items make no events. A change of an {@code @Audited} type carries its audit row (one {@code Query} of the
 * audit index per change): {@link ResourceChange#changedBy() who made it}, and whether it was a restore. The table's
 * stream must carry new and old images ({@code NEW_AND_OLD_IMAGES}):
 * the schema initializer enables it when change events are used, and {@link #start()} fails naming the table when
 * it is missing.
 */
public class SingleTableChangeStream implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(SingleTableChangeStream.class);

	/** How many audit rows of a resource one look for a change's row reads. */
	private static final int AUDIT_ROWS_READ = 20;

	private final BlockingDriver driver;

	private final String tableName;

	private final DynamoDbStreamsClient streamsClient;

	private final Supplier<DynamoDbAsyncClient> leaseClients;

	/** Whether each worker makes its own lease client, closed when its KCL has ended. */
	private final boolean ownsLeaseClients;

	private final ChangeDispatcher dispatcher;

	private String leaseTableName;

	private String workerId = KclChangeConsumer.Settings.newWorkerId();

	private boolean fromOldest = true;

	private Duration pollInterval = Duration.ofMillis(250);

	private Duration failoverTime = Duration.ofSeconds(10);

	private Duration shutdownTimeout = Duration.ofSeconds(30);

	private @Nullable CloudWatchAsyncClient cloudWatch;

	private ChangeWorkerTimings timings = ChangeWorkerTimings.DEFAULTS;

	private volatile KclChangeConsumer consumer;

	private volatile @Nullable String streamArn;

	/**
	 * Creates a change stream of the template's table.
	 * @param template the template, whose converter reads the changed items and whose table's stream is read
	 * @param streamsClient the client of the table's stream
	 * @param leaseClient the client of the lease table (in the same account and region as the table), which the
	 * caller closes once the stream has stopped (the KCL may still use it after {@link #stop()} returned, for as long
	 * as its own end of a worker that was still starting lasts)
	 */
	public SingleTableChangeStream(SingleTableTemplate template, DynamoDbStreamsClient streamsClient,
			DynamoDbAsyncClient leaseClient) {
		this(template, streamsClient, supplying(leaseClient), false);
	}

	/**
	 * Creates a change stream of the template's table whose each worker makes its own client of the lease table,
	 * and closes it once the KCL has ended that worker: what an application context uses, so that closing its
	 * beans never takes a client from a KCL still ending.
	 * @param template the template, whose converter reads the changed items and whose table's stream is read
	 * @param streamsClient the client of the table's stream
	 * @param leaseClients makes a client of the lease table (in the same account and region as the table) for each
	 * start of the stream
	 */
	public SingleTableChangeStream(SingleTableTemplate template, DynamoDbStreamsClient streamsClient,
			Supplier<DynamoDbAsyncClient> leaseClients) {
		this(template, streamsClient, leaseClients, true);
	}

	private static Supplier<DynamoDbAsyncClient> supplying(DynamoDbAsyncClient leaseClient) {
		Assert.notNull(leaseClient, "DynamoDbAsyncClient must not be null");
		return () -> leaseClient;
	}

	private SingleTableChangeStream(SingleTableTemplate template, DynamoDbStreamsClient streamsClient,
			Supplier<DynamoDbAsyncClient> leaseClients, boolean ownsLeaseClients) {
		Assert.notNull(template, "SingleTableTemplate must not be null");
		Assert.notNull(streamsClient, "DynamoDbStreamsClient must not be null");
		Assert.notNull(leaseClients, "Supplier of DynamoDbAsyncClient must not be null");
		this.driver = TemplateExecutors.of(template);
		this.tableName = template.getTableName();
		this.streamsClient = streamsClient;
		this.leaseClients = leaseClients;
		this.ownsLeaseClients = ownsLeaseClients;
		this.leaseTableName = this.tableName + "-changes";
		this.dispatcher = new ChangeDispatcher(new ChangeDecoder(template.getConverter()),
				SingleTableChangeStream::logDeadLetter, Clock.systemUTC());
		// the changes of @Audited types carry their audit row: who made them, and whether an update was a restore
		this.dispatcher.setAttribution(new ChangeAttribution(template.getConverter()),
				(lookup) -> template.auditLog()
					.forResource(lookup.resourceType(), lookup.id())
					.since(lookup.since())
					.oldestFirst()
					.limit(AUDIT_ROWS_READ)
					.page(null)
					.items());
	}

	/**
	 * Adds a listener of an entity type's changes.
	 * @param type the entity type
	 * @param listener receives each change, in order per resource
	 */
	public <T> void addListener(Class<T> type, Consumer<ResourceChange<T>> listener) {
		addListener(type, listener.toString(), listener);
	}

	/**
	 * Adds a listener of an entity type's changes, named in logs and dead letters.
	 * @param type the entity type
	 * @param name the listener's name
	 * @param listener receives each change, in order per resource
	 */
	public <T> void addListener(Class<T> type, String name, Consumer<ResourceChange<T>> listener) {
		Assert.notNull(type, "Type must not be null");
		Assert.notNull(listener, "Listener must not be null");
		this.dispatcher.addListener(type, name, listener);
	}

	/**
	 * Returns the dispatcher that delivers the stream's changes, for {@link ReactiveSingleTableChangeStream}.
	 */
	ChangeDispatcher dispatcher() {
		return this.dispatcher;
	}

	/**
	 * Sets the lease table the instances consuming the stream share (the KCL's application name); by default
	 * {@code <table>-changes}. Instances with different lease tables each receive every change.
	 */
	public void setLeaseTableName(String leaseTableName) {
		Assert.hasText(leaseTableName, "Lease table name must not be empty");
		this.leaseTableName = leaseTableName;
	}

	/**
	 * Sets this instance's id in the fleet; a random one by default.
	 */
	public void setWorkerId(String workerId) {
		Assert.hasText(workerId, "Worker id must not be empty");
		this.workerId = workerId;
	}

	/**
	 * Sets where a shard without a checkpoint is read from: its oldest record (the default: the stream keeps 24 hours,
	 * so no change written while no instance ran is missed) or its latest.
	 */
	public void setStartFromOldest(boolean fromOldest) {
		this.fromOldest = fromOldest;
	}

	/**
	 * Sets the pause between reads of a shard that returned records (twice that after an empty read): the floor of a
	 * change's delivery latency. 250 ms by default.
	 */
	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	/**
	 * Sets how long a lease not renewed stays its owner's before another instance takes the shard over: 10 s by
	 * default.
	 */
	public void setFailoverTime(Duration failoverTime) {
		this.failoverTime = failoverTime;
	}

	/**
	 * Sets how long {@link #stop()} waits for the shard processors to finish their batches and checkpoint.
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Sets the KCL's timings of lease assignment and shard dispatch: how soon the worker reads the stream after it
	 * starts; {@link ChangeWorkerTimings#DEFAULTS} by default, {@link ChangeWorkerTimings#LOCAL} for a single worker
	 * on a local store.
	 */
	public void setWorkerTimings(ChangeWorkerTimings timings) {
		Assert.notNull(timings, "ChangeWorkerTimings must not be null");
		this.timings = timings;
	}

	/**
	 * Publishes the KCL's metrics of the consumption (records processed, shard leases, checkpoint and fetch times, at
	 * its summary level) to CloudWatch with the given client; off by default. The client is the application's: the
	 * change stream does not close it.
	 * @param cloudWatch the client, in the account and region the metrics go to
	 */
	public void setCloudWatchMetrics(CloudWatchAsyncClient cloudWatch) {
		Assert.notNull(cloudWatch, "CloudWatchAsyncClient must not be null");
		this.cloudWatch = cloudWatch;
	}

	/**
	 * Sets how often a failing listener is called for a change (5 by default, the first call included) and the
	 * backoff between calls, doubling from the initial one up to the maximum (100 ms and 10 s by default).
	 */
	public void setRetry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
		Assert.isTrue(maxAttempts >= 1, "Max attempts must be at least 1");
		this.dispatcher.setRetry(maxAttempts, initialBackoff, maxBackoff);
	}

	/**
	 * Sets where undeliverable changes go; by default they are logged at ERROR.
	 */
	public void setDeadLetterHandler(ChangeDeadLetterHandler deadLetterHandler) {
		Assert.notNull(deadLetterHandler, "ChangeDeadLetterHandler must not be null");
		this.dispatcher.setDeadLetterHandler(deadLetterHandler);
	}

	/**
	 * Starts consuming the table's stream.
	 * @throws IllegalStateException when the table has no stream of new and old images, naming it
	 */
	@Override
	public synchronized void start() {
		if (isRunning()) {
			return;
		}
		String streamArn = streamArn();
		this.streamArn = streamArn;
		this.dispatcher.reopenSubscriptions();
		KclChangeConsumer.Settings settings = new KclChangeConsumer.Settings(this.leaseTableName, this.workerId,
				this.fromOldest, this.pollInterval, this.failoverTime, this.cloudWatch, this.timings);
		KclChangeConsumer started = this.ownsLeaseClients
				? new KclChangeConsumer(this.streamsClient, this.leaseClients, this.dispatcher, settings)
				: new KclChangeConsumer(this.streamsClient, this.leaseClients.get(), this.dispatcher, settings);
		started.start(streamArn);
		this.consumer = started;
		logger.info("Delivering the changes of table '" + this.tableName + "' as worker " + this.workerId
				+ " (lease table '" + this.leaseTableName + "')");
	}

	/**
	 * Stops consuming: every {@link ReactiveSingleTableChangeStream#changes(Class) Flux of changes} completes (its
	 * subscriber's {@code onComplete}, so that a Server-Sent Events response or a WebSocket session on it ends and a
	 * graceful shutdown does not wait for it), each shard's batch in delivery finishes and is checkpointed, and the leases are given up to the other
	 * instances. A subscription made while the stream is stopped completes at once; {@link #start()} lets them stay
	 * open again.
	 */
	@Override
	public synchronized void stop() {
		this.dispatcher.endSubscriptions();
		KclChangeConsumer running = this.consumer;
		if (running != null) {
			this.consumer = null;
			running.stop(this.shutdownTimeout);
		}
	}

	/**
	 * Whether the worker runs: started and not stopped, and not ended because it could not be built (logged at
	 * ERROR).
	 */
	@Override
	public boolean isRunning() {
		KclChangeConsumer running = this.consumer;
		return running != null && running.isRunning();
	}

	/** Starts after the template's other beans, stops before them. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	/**
	 * Waits until every change written to the table before the call has been delivered to this instance's listeners
	 * and subscribers, or the timeout elapsed: for tests and local development, where a test writes, then waits for
	 * its listener to have seen the write, without sleeping.
	 * <p>
	 * How: the stream's shards are listed ({@code DescribeStream}) and, for each, the records after the last one this
	 * instance handled (from the shard's start when it handled none) are read to the shard's current end
	 * ({@code GetRecords}): the last of them is the shard's target. The call then returns once the dispatcher has
	 * handled, on every shard, its target or a later record (each record is handled once every listener of its type
	 * returned, or it was dead-lettered, or it makes no event); it returns at once when no shard has records beyond
	 * what was handled. It reads only the undelivered tail of each shard, and changes written after the call are not
	 * waited for (but may be delivered before it returns). On DynamoDB Local a write is in the stream when the write
	 * returns; on DynamoDB it reaches the stream within about a second, so a call at once after a write may return
	 * before that write was delivered.
	 * <p>
	 * The changes of shards this instance does not consume are waited for until the timeout: call it where one
	 * instance consumes the stream (a test context), started from the oldest record ({@code start-from=oldest}, the
	 * default; with {@code latest}, records written before the worker first read a shard are never delivered, and
	 * are waited for). A test context starting its worker pays the worker's first lease here: allow the timeout for it.
	 * @param timeout how long to wait at most
	 * @throws IllegalStateException when the stream is not running, naming it, or when the timeout elapsed, naming
	 * each shard whose changes were not all delivered and the sequence number waited for (a listener still retrying
	 * a change, or a {@code Flux} subscriber that requests no more, holds its shard)
	 */
	public void awaitDelivered(Duration timeout) {
		Assert.notNull(timeout, "Timeout must not be null");
		long deadline = System.nanoTime() + timeout.toNanos();
		String arn = this.streamArn;
		if (arn == null || !isRunning()) {
			throw new IllegalStateException("The change stream of table '" + this.tableName + "' is not running, so "
					+ "no change is delivered: start it (singletable.changes.enabled=true starts it with the context)");
		}
		Map<String, String> targets = new LinkedHashMap<>();
		String lastShard = null;
		do {
			String startShard = lastShard;
			DescribeStreamResponse described = this.streamsClient
				.describeStream((describe) -> describe.streamArn(arn).exclusiveStartShardId(startShard));
			for (Shard shard : described.streamDescription().shards()) {
				String tail = lastRecordAfter(arn, shard.shardId(), this.dispatcher.handledThrough(shard.shardId()),
						deadline);
				if (tail != null) {
					targets.put(shard.shardId(), tail);
				}
			}
			lastShard = described.streamDescription().lastEvaluatedShardId();
		}
		while (lastShard != null && System.nanoTime() < deadline);
		Map<String, String> pending;
		try {
			pending = this.dispatcher.awaitHandled(targets, deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for the changes of table '" + this.tableName
					+ "' to be delivered", ex);
		}
		if (!pending.isEmpty()) {
			throw new IllegalStateException("The changes of table '" + this.tableName + "' written before the call "
					+ "were not all delivered within " + timeout + ": shard(s) not delivered through " + pending
					+ " (a listener still retrying a change, a Flux subscriber without demand, a worker that holds "
					+ "no lease yet, or another instance holding the shard)");
		}
	}

	/**
	 * Reads a shard from after a record (from its start without one) to its current end.
	 * @return the sequence number of the last record read, {@literal null} when there is none after the given one
	 */
	private @Nullable String lastRecordAfter(String arn, String shardId, @Nullable String after, long deadline) {
		String iterator;
		try {
			iterator = this.streamsClient.getShardIterator((request) -> {
				request.streamArn(arn).shardId(shardId);
				if (after != null) {
					request.shardIteratorType(ShardIteratorType.AFTER_SEQUENCE_NUMBER).sequenceNumber(after);
				}
				else {
					request.shardIteratorType(ShardIteratorType.TRIM_HORIZON);
				}
			}).shardIterator();
		}
		catch (TrimmedDataAccessException | ResourceNotFoundException ex) {
			// the shard's records (or the shard) are past the stream's retention: nothing of it can be delivered
			return null;
		}
		String last = null;
		while (iterator != null && System.nanoTime() < deadline) {
			String current = iterator;
			GetRecordsResponse read = this.streamsClient.getRecords((request) -> request.shardIterator(current));
			if (read.records().isEmpty()) {
				break;
			}
			last = read.records().get(read.records().size() - 1).dynamodb().sequenceNumber();
			iterator = read.nextShardIterator();
		}
		return last;
	}

	/** How many changes were delivered to a listener. */
	public long getDeliveredCount() {
		return this.dispatcher.delivered();
	}

	/** How many failed deliveries were attempted again. */
	public long getRetriedCount() {
		return this.dispatcher.retried();
	}

	/** How many changes went to the dead-letter handler. */
	public long getDeadLetteredCount() {
		return this.dispatcher.deadLettered();
	}

	/** The age of the oldest change being delivered: zero when none is. */
	public Duration getLag() {
		return this.dispatcher.lag();
	}

	/** The lease table the instances consuming the stream share. */
	public String getLeaseTableName() {
		return this.leaseTableName;
	}

	private String streamArn() {
		DescribeTableResponse described = this.driver.run(ItemRequests
			.send(DescribeTableRequest.builder().tableName(this.tableName).build(), DescribeTableResponse.class));
		TableDescription table = described.table();
		String problem = ChangeStreams.problem(table);
		if (problem != null) {
			throw new IllegalStateException("Table '" + this.tableName + "' " + problem + "; the schema initializer "
					+ "creates or enables it when change events are used (singletable.table.create)");
		}
		return table.latestStreamArn();
	}

	private static void logDeadLetter(ChangeDeadLetterHandler.DeadLetter deadLetter) {
		logger.error("A change of " + deadLetter.key() + " (" + deadLetter.sequenceNumber() + ") was not delivered "
				+ ((deadLetter.listener() != null) ? "to " + deadLetter.listener() + " " : "") + "after "
				+ deadLetter.attempts() + " attempt(s): " + deadLetter.failure().getMessage(), deadLetter.failure());
	}

}
