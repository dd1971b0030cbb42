package dev.singletable.events.internal.kcl;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import dev.singletable.events.ChangeWorkerTimings;
import dev.singletable.events.internal.ChangeDispatcher;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.StreamConfig;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.lifecycle.TaskResult;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;
import software.amazon.kinesis.processor.StreamTracker;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * Runs one KCL worker on the table's stream: builds its scheduler through the DynamoDB Streams adapter (leases in the
 * lease table, CloudWatch metrics off), runs it on a thread of its own, and shuts it down gracefully (every shard
 * processor checkpoints what it delivered, and the leases are given up for the other workers to take).
 * <p>
 * The clients a worker makes for itself (its lease client, when given a supplier, and a CloudWatch client without
 * metrics) are closed when the KCL has ended, which may be after {@link #stop(Duration)} returned: the KCL's end of a
 * worker still starting waits for its leader election (up to 60 s for its lease assignment pool, whose leader lock
 * attempt sleeps 30 s between tries, then up to 60 s for its worker metrics pool), and a client closed under it (by a
 * closing application context) fails every request it still sends.
 */
public final class KclChangeConsumer {

	private static final Log logger = LogFactory.getLog(KclChangeConsumer.class);

	/** KCL 3's index of its lease table, created with the table so that the KCL need not add it and wait. */
	private static final String LEASE_OWNER_INDEX = "LeaseOwnerToLeaseKeyIndex";

	private final DynamoDbStreamsClient streams;

	private final Supplier<DynamoDbAsyncClient> leases;

	private final boolean ownsLeaseClients;

	private final ChangeDispatcher dispatcher;

	private final Settings settings;

	private final AtomicReference<@Nullable Running> running = new AtomicReference<>();

	/**
	 * Creates a consumer.
	 * @param streams the client of the table's stream
	 * @param leases the client of the lease table (the KCL's leases, coordinator state and worker metrics)
	 * @param dispatcher delivers the batches
	 * @param settings the worker's settings
	 */
	public KclChangeConsumer(DynamoDbStreamsClient streams, DynamoDbAsyncClient leases, ChangeDispatcher dispatcher,
			Settings settings) {
		this(streams, () -> leases, false, dispatcher, settings);
	}

	/**
	 * Creates a consumer whose worker makes its own client of the lease table, and closes it when the KCL has ended.
	 * @param streams the client of the table's stream
	 * @param leaseClients makes the worker's client of the lease table
	 * @param dispatcher delivers the batches
	 * @param settings the worker's settings
	 */
	public KclChangeConsumer(DynamoDbStreamsClient streams, Supplier<DynamoDbAsyncClient> leaseClients,
			ChangeDispatcher dispatcher, Settings settings) {
		this(streams, leaseClients, true, dispatcher, settings);
	}

	private KclChangeConsumer(DynamoDbStreamsClient streams, Supplier<DynamoDbAsyncClient> leases, boolean owned,
			ChangeDispatcher dispatcher, Settings settings) {
		this.streams = streams;
		this.leases = leases;
		this.ownsLeaseClients = owned;
		this.dispatcher = dispatcher;
		this.settings = settings;
	}

	/**
	 * Starts the worker on a stream, and returns at once: the worker's thread creates what it needs (on DynamoDB
	 * Local, the lease table), builds the KCL's scheduler and runs it, as the KCL's own initialisation (leases, shard
	 * sync) already runs there. A worker that cannot be built is logged at ERROR and ends; {@link #isRunning()} then
	 * answers {@literal false}, as it does once the scheduler ends by itself.
	 * @param streamArn the stream's ARN, as the table describes it
	 * @throws IllegalStateException when the worker runs already
	 */
	public void start(String streamArn) {
		Running current = new Running();
		if (!this.running.compareAndSet(null, current)) {
			throw new IllegalStateException("The change stream's worker is running already");
		}
		Thread thread = new Thread(() -> run(streamArn, current), "singletable-changes-" + this.settings.leaseTable());
		thread.setDaemon(true);
		thread.start();
	}

	/** The worker's thread: builds the scheduler and runs it, unless the worker was stopped meanwhile. */
	private void run(String streamArn, Running current) {
		Worker worker;
		try {
			worker = build(streamArn);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.error("The change stream's worker (lease table '" + this.settings.leaseTable()
					+ "') could not start, so no changes are delivered: " + ex.getMessage(), ex);
			this.running.compareAndSet(current, null);
			return;
		}
		if (!current.attach(worker)) {
			// stopped while it was being built: it never ran, so nothing is handed over
			worker.release();
			worker.release();
			return;
		}
		try {
			if (this.settings.timings().syncShardsAtStart()) {
				syncShardsAtStart(worker.scheduler());
			}
			worker.scheduler().run();
		}
		finally {
			// a scheduler that ended by itself, not stopped, no longer runs, and nothing stops it
			if (this.running.compareAndSet(current, null)) {
				worker.release();
			}
			worker.release();
		}
	}

	/**
	 * Creates the leases of the stream's shards with the KCL's own shard sync when the lease table exists and is
	 * empty, before the scheduler runs: the scheduler then finds leases and skips its random wait of 1 to 30 s for
	 * another worker to create them. A failure is left to the scheduler, which syncs itself after its wait.
	 */
	private void syncShardsAtStart(Scheduler scheduler) {
		try {
			if (scheduler.leaseRefresher().leaseTableExists() && scheduler.leaseRefresher().isLeaseTableEmpty()) {
				for (StreamConfig stream : scheduler.currentStreamConfigMap().values()) {
					TaskResult result = scheduler.shardSyncTaskManagerProvider().apply(stream).callShardSyncTask();
					if (result.getException() != null) {
						throw result.getException();
					}
				}
			}
		}
		catch (Exception ex) {
			logger.debug("The shard sync at the start of the worker failed; the KCL syncs the shards itself", ex);
		}
	}

	private Worker build(String streamArn) {
		DynamoDbAsyncClient leases = this.leases.get();
		try {
			return build(streamArn, leases);
		}
		catch (RuntimeException | LinkageError ex) {
			if (this.ownsLeaseClients) {
				leases.close();
			}
			throw ex;
		}
	}

	private Worker build(String streamArn, DynamoDbAsyncClient leases) {
		Region region = this.streams.serviceClientConfiguration().region();
		Region kclRegion = (region != null) ? region : Region.US_EAST_1;
		String kclArn = StreamArnClient.kclArn(streamArn, kclRegion);
		if (!kclArn.equals(streamArn)) {
			// DynamoDB Local: create the lease table as the KCL would, with its index at once
			createLeaseTable(leases);
		}
		AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(
				StreamArnClient.forKcl(this.streams, kclArn, streamArn), kclRegion);
		StreamTracker tracker = StreamsSchedulerFactory.createSingleStreamTracker(kclArn,
				InitialPositionInStreamExtended.newInitialPosition(this.settings.fromOldest()
						? InitialPositionInStream.TRIM_HORIZON : InitialPositionInStream.LATEST));
		CloudWatchAsyncClient published = this.settings.cloudWatch();
		// without metrics, the KCL still needs a client: one that is never called, on an HTTP client that holds no
		// connection nor thread (so nothing to wait for when the worker ends), closed with the worker
		CloudWatchAsyncClient cloudWatch = (published != null) ? published
				: CloudWatchAsyncClient.builder()
					.region(kclRegion)
					.credentialsProvider(AnonymousCredentialsProvider.create())
					.httpClient(new NoMetricsHttpClient())
					.build();
		try {
			ConfigsBuilder configs = new ConfigsBuilder(tracker, this.settings.leaseTable(), adapter, leases,
					cloudWatch, this.settings.workerId(), () -> new ShardProcessor(this.dispatcher));
			DynamoDBStreamsPollingConfig polling = new DynamoDBStreamsPollingConfig(adapter);
			polling.idleTimeBetweenReadsInMillis(this.settings.pollInterval().toMillis());
			RetrievalConfig retrieval = configs.retrievalConfig().retrievalSpecificConfig(polling);
			ChangeWorkerTimings timings = this.settings.timings();
			Duration assignment = (timings.leaseAssignmentInterval() != null) ? timings.leaseAssignmentInterval()
					: this.settings.failoverTime().dividedBy(5);
			LeaseManagementConfig lease = configs.leaseManagementConfig()
				.failoverTimeMillis(this.settings.failoverTime().toMillis())
				.leaseAssignmentIntervalMillis(assignment.toMillis())
				// the adapter sets it to 0 anyway (DynamoDB Streams has no hash-range holes), with a WARN
				.leasesRecoveryAuditorInconsistencyConfidenceThreshold(0)
				// no idle minute after each shard sync (the KCL's default): new shards are leased as soon as seen
				.shardSyncIntervalMillis(0);
			lease.workerUtilizationAwareAssignmentConfig()
				.inMemoryWorkerMetricsCaptureFrequencyMillis(timings.workerMetricsInterval().toMillis());
			Scheduler scheduler = StreamsSchedulerFactory.createScheduler(configs.checkpointConfig(),
					configs.coordinatorConfig()
						.parentShardPollIntervalMillis(timings.parentShardPollInterval().toMillis())
						.shardConsumerDispatchPollIntervalMillis(timings.dispatchInterval().toMillis())
						.skipShardSyncAtWorkerInitializationIfLeasesExist(true),
					lease, configs.lifecycleConfig(),
					(published != null) ? configs.metricsConfig().metricsLevel(MetricsLevel.SUMMARY)
							: configs.metricsConfig()
								.metricsFactory(new NullMetricsFactory())
								.metricsLevel(MetricsLevel.NONE),
					configs.processorConfig(), retrieval, adapter);
			return new Worker(scheduler, (published != null) ? null : cloudWatch,
					this.ownsLeaseClients ? leases : null);
		}
		catch (RuntimeException ex) {
			if (published == null) {
				cloudWatch.close();
			}
			throw ex;
		}
	}

	/** How long a stop waits for the KCL's end of a worker that holds no lease. */
	static final Duration QUICK_SHUTDOWN = Duration.ofSeconds(3);

	/**
	 * Shuts the worker down: gracefully while it holds leases (each shard's processor finishes its batch and
	 * checkpoints, and the worker gives up its leases), waiting at most the given time; else at once. The KCL's own
	 * end of a worker that holds nothing to hand over — a worker stopped while it starts, which the KCL keeps busy for
	 * up to 30 s on an empty lease table, and whose shutdown waits for its lease assignment's leader lock — goes on
	 * on a daemon thread of its own, so that the caller (a closing application context, its shutdown hook) waits for
	 * it at most {@link #QUICK_SHUTDOWN} (or the given time, if shorter).
	 */
	public void stop(Duration timeout) {
		Running running = this.running.getAndSet(null);
		Worker current = (running != null) ? running.stop() : null;
		if (current == null) {
			// not started, or still being built: its thread sees the stop and never runs it
			return;
		}
		Scheduler scheduler = current.scheduler();
		if (holdsLeases(scheduler)) {
			try {
				scheduler.startGracefulShutdown().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
				current.release();
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				logger.warn("The change stream's worker did not shut down gracefully within " + timeout
						+ "; its shards are taken over from their last checkpoints", ex);
			}
		}
		Thread shutdown = new Thread(() -> {
			try {
				// its lease discovery and renewal first: the KCL's shutdown stops them only after its leader election
				// ended, which can outlast the stop by up to two minutes, and they would go on sending requests on a
				// client its application context may already have closed
				stopLeaseCoordinator(scheduler);
				scheduler.shutdown();
			}
			finally {
				current.release();
			}
		}, "singletable-changes-shutdown-" + this.settings.leaseTable());
		shutdown.setDaemon(true);
		shutdown.start();
		// a worker that ends quickly (on a local store, with the local timings) ends before the caller goes on to
		// close the clients and servers it still uses, so that it logs no failure of theirs
		try {
			shutdown.join(Math.min(timeout.toMillis(), QUICK_SHUTDOWN.toMillis()));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static void stopLeaseCoordinator(Scheduler scheduler) {
		try {
			scheduler.leaseCoordinator().stop();
		}
		catch (RuntimeException ex) {
			logger.debug("The lease coordinator of a worker holding no lease did not stop; the KCL stops it", ex);
		}
	}

	/** Whether the worker holds a lease, whose shard's batch a graceful shutdown finishes and checkpoints. */
	private static boolean holdsLeases(Scheduler scheduler) {
		try {
			return !scheduler.leaseCoordinator().getAssignments().isEmpty();
		}
		catch (RuntimeException ex) {
			// not initialised far enough to tell: shut it down gracefully, as a worker that may hold leases
			return true;
		}
	}

	/**
	 * Returns whether the worker runs.
	 */
	public boolean isRunning() {
		return this.running.get() != null;
	}

	private void createLeaseTable(DynamoDbAsyncClient leases) {
		try {
			leases.createTable((table) -> table.tableName(this.settings.leaseTable())
				.attributeDefinitions(attribute("leaseKey"), attribute("leaseOwner"))
				.keySchema(KeySchemaElement.builder().attributeName("leaseKey").keyType(KeyType.HASH).build())
				.globalSecondaryIndexes(GlobalSecondaryIndex.builder()
					.indexName(LEASE_OWNER_INDEX)
					.keySchema(KeySchemaElement.builder().attributeName("leaseOwner").keyType(KeyType.HASH).build(),
							KeySchemaElement.builder().attributeName("leaseKey").keyType(KeyType.RANGE).build())
					.projection((projection) -> projection.projectionType(ProjectionType.KEYS_ONLY))
					.build())
				.billingMode(BillingMode.PAY_PER_REQUEST)).join();
		}
		catch (RuntimeException ex) {
			if (!(ex.getCause() instanceof ResourceInUseException)) {
				throw ex;
			}
		}
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

	/**
	 * A worker's settings.
	 * @param leaseTable the lease table, which names the application to the KCL: the workers sharing it share the
	 * stream's shards
	 * @param workerId this worker's id, unique in the fleet
	 * @param fromOldest whether a shard without a checkpoint is read from its oldest record (else its latest)
	 * @param pollInterval the pause between reads of a shard that returned records (twice that after an empty one)
	 * @param failoverTime how long a lease not renewed stays its owner's, before another worker takes the shard
	 * @param cloudWatch the client the KCL publishes its metrics with (its summary level), {@literal null} for none:
	 * the application's, not closed by the worker
	 * @param timings the KCL's timings of lease assignment and shard dispatch (a {@literal null} lease assignment
	 * interval: a fifth of the failover time)
	 */
	public record Settings(String leaseTable, String workerId, boolean fromOldest,
			Duration pollInterval, Duration failoverTime, @Nullable CloudWatchAsyncClient cloudWatch,
			ChangeWorkerTimings timings) {

		/**
		 * Settings with the given lease assignment interval and the default timings otherwise.
		 */
		public Settings(String leaseTable, String workerId, boolean fromOldest, Duration pollInterval,
				Duration failoverTime, Duration leaseAssignmentInterval, @Nullable CloudWatchAsyncClient cloudWatch) {
			this(leaseTable, workerId, fromOldest, pollInterval, failoverTime, cloudWatch,
					new ChangeWorkerTimings(leaseAssignmentInterval, ChangeWorkerTimings.DEFAULTS.dispatchInterval(),
							ChangeWorkerTimings.DEFAULTS.parentShardPollInterval(),
							ChangeWorkerTimings.DEFAULTS.workerMetricsInterval(),
							ChangeWorkerTimings.DEFAULTS.syncShardsAtStart()));
		}

		/**
		 * Returns a worker id unique to this process and worker.
		 */
		public static String newWorkerId() {
			return UUID.randomUUID().toString();
		}

	}

	/**
	 * The HTTP client of the CloudWatch client a worker without metrics must still give the KCL, which never calls it
	 * (its metrics factory publishes nothing): a request sent on it fails, naming why.
	 */
	private static final class NoMetricsHttpClient implements SdkAsyncHttpClient {

		@Override
		public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
			return CompletableFuture.failedFuture(new IllegalStateException("The change stream's worker publishes no "
					+ "CloudWatch metrics (singletable.changes.cloudwatch-metrics is off), yet a request was sent to "
					+ request.request().getUri()));
		}

		@Override
		public String clientName() {
			return "singletable-no-metrics";
		}

		@Override
		public void close() {
			// nothing held
		}

	}

	/** A started worker: built on its thread, or stopped before it was. */
	private static final class Running {

		private @Nullable Worker worker;

		private boolean stopped;

		/** Hands the built worker over; {@literal false} when the worker was stopped meanwhile. */
		synchronized boolean attach(Worker built) {
			if (this.stopped) {
				return false;
			}
			this.worker = built;
			return true;
		}

		/** Marks the worker stopped and returns it, {@literal null} when it is not built yet. */
		synchronized @Nullable Worker stop() {
			this.stopped = true;
			return this.worker;
		}

	}

	/**
	 * A built worker: its scheduler, and the clients it made for itself, closed once both its scheduler's thread and
	 * its stop are done with them (a scheduler that ends by itself, or is never run, is released twice at once).
	 */
	private static final class Worker {

		private final Scheduler scheduler;

		private final @Nullable CloudWatchAsyncClient cloudWatch;

		private final @Nullable DynamoDbAsyncClient leases;

		/** The scheduler's thread and the stop: the clients are closed when both have released them. */
		private final AtomicInteger holders = new AtomicInteger(2);

		Worker(Scheduler scheduler, @Nullable CloudWatchAsyncClient cloudWatch, @Nullable DynamoDbAsyncClient leases) {
			this.scheduler = scheduler;
			this.cloudWatch = cloudWatch;
			this.leases = leases;
		}

		Scheduler scheduler() {
			return this.scheduler;
		}

		/** Releases the clients the worker made for itself, closing them at the last release. */
		void release() {
			if (this.holders.decrementAndGet() != 0) {
				return;
			}
			if (this.cloudWatch != null) {
				this.cloudWatch.close();
			}
			if (this.leases != null) {
				this.leases.close();
			}
		}

	}

}
