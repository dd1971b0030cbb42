package dev.singletable.benchmarks.events;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import com.amazonaws.services.dynamodbv2.streamsadapter.AmazonDynamoDBStreamsAdapterClient;
import com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory;
import com.amazonaws.services.dynamodbv2.streamsadapter.adapter.DynamoDBStreamsClientRecord;
import com.amazonaws.services.dynamodbv2.streamsadapter.model.DynamoDBStreamsProcessRecordsInput;
import com.amazonaws.services.dynamodbv2.streamsadapter.polling.DynamoDBStreamsPollingConfig;
import com.amazonaws.services.dynamodbv2.streamsadapter.processor.DynamoDBStreamsShardRecordProcessor;
import dev.singletable.core.convert.SingleTableConverter;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamRequest;
import software.amazon.awssdk.services.dynamodb.model.DescribeStreamResponse;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsRequest;
import software.amazon.awssdk.services.dynamodb.model.GetRecordsResponse;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorRequest;
import software.amazon.awssdk.services.dynamodb.model.GetShardIteratorResponse;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsRequest;
import software.amazon.awssdk.services.dynamodb.model.ListStreamsResponse;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsServiceClientConfiguration;
import software.amazon.kinesis.common.ConfigsBuilder;
import software.amazon.kinesis.common.InitialPositionInStream;
import software.amazon.kinesis.common.InitialPositionInStreamExtended;
import software.amazon.kinesis.coordinator.Scheduler;
import software.amazon.kinesis.lifecycle.events.InitializationInput;
import software.amazon.kinesis.lifecycle.events.LeaseLostInput;
import software.amazon.kinesis.lifecycle.events.ShardEndedInput;
import software.amazon.kinesis.lifecycle.events.ShutdownRequestedInput;
import software.amazon.kinesis.metrics.MetricsLevel;
import software.amazon.kinesis.metrics.NullMetricsFactory;

/**
 * The floor of the consumer: a KCL worker written by hand on the DynamoDB Streams adapter, with the same settings as
 * singletable's (poll interval, failover, lease assignment, shard sync), whose processor does the same decoding (the
 * latest copy's old and new image read by the converter) and counts, with a checkpoint after each batch.
 */
final class FloorConsumer {

	private final AtomicLong decoded = new AtomicLong();

	private final Scheduler scheduler;

	private final CloudWatchAsyncClient cloudWatch;

	FloorConsumer(DynamoDbStreamsClient streams, DynamoDbAsyncClient leases, String streamArn, String leaseTable,
			SingleTableConverter converter, long pollMillis) {
		String kclArn = streamArn.replace(":ddblocal:", ":us-east-1:");
		AmazonDynamoDBStreamsAdapterClient adapter = new AmazonDynamoDBStreamsAdapterClient(
				new LocalArns(streams, kclArn, streamArn), Region.US_EAST_1);
		this.cloudWatch = CloudWatchAsyncClient.builder()
			.region(Region.US_EAST_1)
			.credentialsProvider(AnonymousCredentialsProvider.create())
			.build();
		ConfigsBuilder configs = new ConfigsBuilder(
				StreamsSchedulerFactory.createSingleStreamTracker(kclArn,
						InitialPositionInStreamExtended.newInitialPosition(InitialPositionInStream.TRIM_HORIZON)),
				leaseTable, adapter, leases, this.cloudWatch, UUID.randomUUID().toString(),
				() -> new Processor(converter, this.decoded));
		DynamoDBStreamsPollingConfig polling = new DynamoDBStreamsPollingConfig(adapter);
		polling.idleTimeBetweenReadsInMillis(pollMillis);
		var lease = configs.leaseManagementConfig()
			.failoverTimeMillis(10_000)
			.leaseAssignmentIntervalMillis(2_000L)
			.shardSyncIntervalMillis(0);
		lease.workerUtilizationAwareAssignmentConfig().inMemoryWorkerMetricsCaptureFrequencyMillis(250);
		this.scheduler = StreamsSchedulerFactory.createScheduler(configs.checkpointConfig(),
				configs.coordinatorConfig()
					.parentShardPollIntervalMillis(1000)
					.shardConsumerDispatchPollIntervalMillis(200)
					.skipShardSyncAtWorkerInitializationIfLeasesExist(true),
				lease, configs.lifecycleConfig(),
				configs.metricsConfig().metricsFactory(new NullMetricsFactory()).metricsLevel(MetricsLevel.NONE),
				configs.processorConfig(), configs.retrievalConfig().retrievalSpecificConfig(polling), adapter);
	}

	void start() {
		Thread thread = new Thread(this.scheduler, "floor-consumer");
		thread.setDaemon(true);
		thread.start();
	}

	long decoded() {
		return this.decoded.get();
	}

	void stop() throws Exception {
		this.scheduler.startGracefulShutdown().get(60, TimeUnit.SECONDS);
		this.cloudWatch.close();
	}

	private static final class Processor implements DynamoDBStreamsShardRecordProcessor {

		private final SingleTableConverter converter;

		private final AtomicLong decoded;

		Processor(SingleTableConverter converter, AtomicLong decoded) {
			this.converter = converter;
			this.decoded = decoded;
		}

		@Override
		public void initialize(InitializationInput input) {
		}

		@Override
		public void processRecords(DynamoDBStreamsProcessRecordsInput input) {
			for (DynamoDBStreamsClientRecord client : input.records()) {
				Record record = client.getRecord();
				Map<String, AttributeValue> keys = record.dynamodb().keys();
				if (!"v0".equals(keys.get("sk").s()) || !keys.get("pk").s().startsWith("Order#")) {
					continue;
				}
				Order newState = record.dynamodb().hasNewImage()
						? this.converter.read(Order.class, record.dynamodb().newImage()) : null;
				Order oldState = record.dynamodb().hasOldImage()
						? this.converter.read(Order.class, record.dynamodb().oldImage()) : null;
				if (newState != null || oldState != null) {
					this.decoded.incrementAndGet();
				}
			}
			try {
				input.checkpointer().checkpoint();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void leaseLost(LeaseLostInput input) {
		}

		@Override
		public void shardEnded(ShardEndedInput input) {
			try {
				input.checkpointer().checkpoint();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

		@Override
		public void shutdownRequested(ShutdownRequestedInput input) {
		}

	}

	/** DynamoDB Local's stream ARN, whose region the adapter refuses, mapped for the KCL. */
	private record LocalArns(DynamoDbStreamsClient delegate, String kclArn, String streamArn)
			implements DynamoDbStreamsClient {

		@Override
		public DescribeStreamResponse describeStream(DescribeStreamRequest request) {
			DescribeStreamResponse response = this.delegate.describeStream(request.toBuilder()
				.streamArn(this.kclArn.equals(request.streamArn()) ? this.streamArn : request.streamArn())
				.build());
			return response.toBuilder()
				.streamDescription(response.streamDescription().toBuilder().streamArn(this.kclArn).build())
				.build();
		}

		@Override
		public GetShardIteratorResponse getShardIterator(GetShardIteratorRequest request) {
			return this.delegate.getShardIterator(request.toBuilder().streamArn(this.streamArn).build());
		}

		@Override
		public GetRecordsResponse getRecords(GetRecordsRequest request) {
			return this.delegate.getRecords(request);
		}

		@Override
		public ListStreamsResponse listStreams(ListStreamsRequest request) {
			return this.delegate.listStreams(request);
		}

		@Override
		public String serviceName() {
			return this.delegate.serviceName();
		}

		@Override
		public DynamoDbStreamsServiceClientConfiguration serviceClientConfiguration() {
			return this.delegate.serviceClientConfiguration();
		}

		@Override
		public void close() {
		}

	}

}
