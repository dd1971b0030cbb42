package dev.singletable.autoconfigure.events;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.autoconfigure.SingleTableAutoConfiguration;
import dev.singletable.autoconfigure.client.ClientSettings;
import dev.singletable.autoconfigure.client.QuietNettyHttpClients;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.events.ChangeDeadLetterHandler;
import dev.singletable.events.ChangeWorkerTimings;
import dev.singletable.events.ResourceChangeListener;
import dev.singletable.events.ReactiveSingleTableChangeStream;
import dev.singletable.events.SingleTableChangeStream;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * {@link EnableAutoConfiguration Auto-configuration} of change events, when {@code singletable.changes.enabled=true}
 * and Amazon's DynamoDB Streams Kinesis adapter (with the KCL) is on the class path: a
 * {@link SingleTableChangeStream} on the application's template, started with the context and stopped gracefully
 * with it, the {@link ResourceChangeListener @ResourceChangeListener} methods of the application's beans registered
 * with it, the application's {@link ChangeDeadLetterHandler} bean (if any) given undeliverable changes, and, with
 * Micrometer, its meters ({@code singletable.changes.delivered}, {@code .retried}, {@code .dead-lettered},
 * {@code .lag}). The stream's client and the lease table's client connect as the application's
 * {@code DynamoDbClient} does (the embedded DynamoDB Local too); declare beans of those types to connect otherwise. With
 * {@code singletable.changes.cloudwatch-metrics=true} the KCL publishes its metrics with the application's
 * {@code CloudWatchAsyncClient} (else one in the DynamoDB client's region).
 */
@AutoConfiguration(after = SingleTableAutoConfiguration.class)
@ConditionalOnClass(name = { SingleTableChangeEventsAutoConfiguration.KCL,
		SingleTableChangeEventsAutoConfiguration.ADAPTER })
@ConditionalOnBooleanProperty(SingleTableChangeEventsAutoConfiguration.ENABLED_PROPERTY)
@ConditionalOnSingleCandidate(SingleTableTemplate.class)
@EnableConfigurationProperties(SingleTableChangesProperties.class)
public final class SingleTableChangeEventsAutoConfiguration {

	/** The property that switches change events on. */
	static final String ENABLED_PROPERTY = "singletable.changes.enabled";

	/** The Kinesis Client Library's scheduler. */
	static final String KCL = "software.amazon.kinesis.coordinator.Scheduler";

	/** Amazon's DynamoDB Streams adapter for the KCL. */
	static final String ADAPTER = "com.amazonaws.services.dynamodbv2.streamsadapter.StreamsSchedulerFactory";

	@Bean
	@ConditionalOnMissingBean
	DynamoDbStreamsClient singleTableStreamsClient(DynamoDbClient client) {
		var builder = DynamoDbStreamsClient.builder();
		ClientSettings.applyFrom(builder, client.serviceClientConfiguration());
		return builder.build();
	}

	@Bean
	SingleTableChangeStream singleTableChangeStream(SingleTableTemplate template, DynamoDbStreamsClient streams,
			DynamoDbClient client, ObjectProvider<DynamoDbAsyncClient> asyncClient,
			ObjectProvider<ChangeDeadLetterHandler> deadLetters, ObjectProvider<CloudWatchAsyncClient> cloudWatch,
			SingleTableChangesProperties properties) {
		// the application's async client when it has one (closed with its context, after the stream stopped); else
		// each worker makes its own, with the blocking client's connection, closed once the KCL has ended that worker
		DynamoDbAsyncClient application = asyncClient.getIfUnique();
		SingleTableChangeStream changes = (application != null)
				? new SingleTableChangeStream(template, streams, application)
				: new SingleTableChangeStream(template, streams, () -> {
					var builder = DynamoDbAsyncClient.builder();
					ClientSettings.applyFrom(builder, client.serviceClientConfiguration());
					// its event loops end at once when the worker has ended, not after Netty's quiet period of 2 s
					QuietNettyHttpClients.apply(builder, SingleTableChangeEventsAutoConfiguration.class.getClassLoader());
					return builder.build();
				});
		if (properties.leaseTable() != null) {
			changes.setLeaseTableName(properties.leaseTable());
		}
		changes.setStartFromOldest(properties.startFrom() == SingleTableChangesProperties.StartFrom.OLDEST);
		changes.setPollInterval(properties.pollInterval());
		changes.setFailoverTime(properties.failoverTime());
		changes.setShutdownTimeout(properties.shutdownTimeout());
		changes.setWorkerTimings(new ChangeWorkerTimings(properties.leaseAssignmentInterval(),
				properties.dispatchInterval(), properties.parentShardPollInterval(), properties.workerMetricsInterval(),
				properties.syncShardsAtStart()));
		changes.setRetry(properties.maxAttempts(), properties.initialBackoff(), properties.maxBackoff());
		deadLetters.ifUnique(changes::setDeadLetterHandler);
		if (properties.cloudwatchMetrics()) {
			changes.setCloudWatchMetrics(cloudWatch.getIfUnique(() -> {
				var builder = CloudWatchAsyncClient.builder();
				// the region and credentials of the DynamoDB client; never its endpoint, which is DynamoDB's
				if (client.serviceClientConfiguration().region() != null) {
					builder.region(client.serviceClientConfiguration().region());
				}
				var credentials = client.serviceClientConfiguration().credentialsProvider();
				if (credentials != null) {
					builder.credentialsProvider(credentials);
				}
				return builder.build();
			}));
		}
		return changes;
	}

	@Bean
	static ResourceChangeListenerRegistrar singleTableResourceChangeListenerRegistrar(
			ObjectProvider<SingleTableChangeStream> changes) {
		return new ResourceChangeListenerRegistrar(changes);
	}

	/**
	 * The changes as {@code Flux}es, when Reactor is on the class path.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "reactor.core.publisher.Flux")
	static class ReactiveChangeStreamConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ReactiveSingleTableChangeStream reactiveSingleTableChangeStream(SingleTableChangeStream changes) {
			return new ReactiveSingleTableChangeStream(changes);
		}

	}

	/**
	 * The change stream's meters.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class ChangeMetricsConfiguration {

		@Bean
		MeterBinder singleTableChangeMetrics(SingleTableChangeStream changes) {
			return (registry) -> {
				FunctionCounter.builder("singletable.changes.delivered", changes,
						SingleTableChangeStream::getDeliveredCount)
					.description("Changes of the table's resources delivered to a listener")
					.register(registry);
				FunctionCounter.builder("singletable.changes.retried", changes,
						SingleTableChangeStream::getRetriedCount)
					.description("Failed deliveries attempted again")
					.register(registry);
				FunctionCounter.builder("singletable.changes.dead-lettered", changes,
						SingleTableChangeStream::getDeadLetteredCount)
					.description("Changes handed to the dead-letter handler")
					.register(registry);
				Gauge.builder("singletable.changes.lag", changes, (stream) -> stream.getLag().toMillis() / 1000.0)
					.description("Age of the oldest change being delivered")
					.baseUnit("seconds")
					.register(registry);
			};
		}

	}

}
