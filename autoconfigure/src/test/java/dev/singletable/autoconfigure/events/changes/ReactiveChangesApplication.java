package dev.singletable.autoconfigure.events.changes;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.singletable.events.ResourceChange;
import dev.singletable.events.ResourceChangeListener;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;

/**
 * The application: listeners that answer with a {@code Mono} (failing its first completion for each parcel) and a
 * {@code CompletableFuture}, and a CloudWatch client whose {@code PutMetricData} requests are recorded before they are
 * sent (to a loopback port where nothing listens).
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ReactiveChangesApplication {

	@Bean
	ReactiveTracker reactiveTracker() {
		return new ReactiveTracker();
	}

	@Bean
	MetricsSent metricsSent() {
		return new MetricsSent();
	}

	@Bean
	CloudWatchAsyncClient cloudWatch(MetricsSent metricsSent) {
		return CloudWatchAsyncClient.builder()
			.region(Region.US_EAST_1)
			.endpointOverride(URI.create("http://127.0.0.1:9"))
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
			.overrideConfiguration((config) -> config.addExecutionInterceptor(metricsSent))
			.build();
	}

	/**
	 * Receives parcel changes through a {@code Mono} and a {@code CompletableFuture}.
	 */
	public static class ReactiveTracker {

		private final AtomicInteger monoCalls = new AtomicInteger();

		private final List<String> completedByMono = new CopyOnWriteArrayList<>();

		private final List<String> completedByFuture = new CopyOnWriteArrayList<>();

		@ResourceChangeListener
		Mono<Void> onMono(ResourceChange<Parcel> change) {
			int call = this.monoCalls.incrementAndGet();
			return Mono.defer(() -> (call == 1) ? Mono.error(new IllegalStateException("first completion fails"))
					: Mono.fromRunnable(() -> this.completedByMono.add(change.id())));
		}

		@ResourceChangeListener
		CompletableFuture<String> onFuture(ResourceChange<Parcel> change) {
			return CompletableFuture.supplyAsync(() -> {
				this.completedByFuture.add(change.id());
				return change.id();
			});
		}

		/**
		 * Returns how often the {@code Mono} listener was called.
		 * @return the calls
		 */
		public int monoCalls() {
			return this.monoCalls.get();
		}

		/**
		 * Returns the ids the {@code Mono} listener completed.
		 * @return the ids
		 */
		public List<String> completedByMono() {
			return List.copyOf(this.completedByMono);
		}

		/**
		 * Returns the ids the {@code CompletableFuture} listener completed.
		 * @return the ids
		 */
		public List<String> completedByFuture() {
			return List.copyOf(this.completedByFuture);
		}

	}

	/**
	 * Records the {@code PutMetricData} requests of a CloudWatch client.
	 */
	public static class MetricsSent implements ExecutionInterceptor {

		private final AtomicInteger requests = new AtomicInteger();

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
			if (context.request() instanceof PutMetricDataRequest) {
				this.requests.incrementAndGet();
			}
		}

		/**
		 * Returns how many {@code PutMetricData} requests were made.
		 * @return the count
		 */
		public int requests() {
			return this.requests.get();
		}

	}

}
