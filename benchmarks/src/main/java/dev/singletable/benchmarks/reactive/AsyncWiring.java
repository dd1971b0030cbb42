package dev.singletable.benchmarks.reactive;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.singletable.benchmarks.sdk.DelayedAsyncHttpClient;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.RequestCounter;
import io.netty.util.concurrent.DefaultThreadFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedAsyncClientOption;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * The asynchronous SDK client of one API, pointed at DynamoDB Local: the Netty client on an event-loop group of a
 * fixed number of threads, with room for every lane's request at once, behind a {@link DelayedAsyncHttpClient} (the
 * simulated network, whose requests wait on timers of the same event loops). The SDK completes its futures on
 * the event-loop thread that read the response ({@link SdkAdvancedAsyncClientOption#FUTURE_COMPLETION_EXECUTOR}
 * {@code Runnable::run}, as a non-blocking application configures it) instead of handing them to its default pool
 * of up to 64 {@code sdk-async-response} threads, and its scheduler (time-outs, retry back-off) is one thread:
 * every thread the client can use is named after the API. Both asynchronous APIs get the same configuration.
 *
 * @param client the client
 * @param network the simulated network below it
 * @param requests counts its requests (attempts)
 * @param loops the event-loop group, closed with the client
 * @param scheduler the SDK's scheduler, closed with the client
 */
record AsyncWiring(DynamoDbAsyncClient client, DelayedAsyncHttpClient network, RequestCounter requests,
		SdkEventLoopGroup loops, ScheduledExecutorService scheduler) implements AutoCloseable {

	/**
	 * Makes the client of an API.
	 * @param api the API, whose thread prefix names every thread of the client
	 * @param loopThreads the event-loop threads
	 * @param maxConcurrency the connections the client may open at once
	 * @return the wiring
	 */
	static AsyncWiring create(Api api, int loopThreads, int maxConcurrency) {
		SdkEventLoopGroup loops = SdkEventLoopGroup.builder()
			.numberOfThreads(loopThreads)
			.threadFactory(new DefaultThreadFactory(api.threadPrefix() + "loop", true))
			.build();
		SdkAsyncHttpClient netty = NettyNioAsyncHttpClient.builder()
			.eventLoopGroup(loops)
			.maxConcurrency(maxConcurrency)
			.connectionAcquisitionTimeout(Duration.ofSeconds(30))
			.build();
		DelayedAsyncHttpClient network = new DelayedAsyncHttpClient(netty, loops.eventLoopGroup());
		RequestCounter requests = new RequestCounter();
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
				new DefaultThreadFactory(api.threadPrefix() + "sdk-scheduler", true));
		DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
			.endpointOverride(DynamoDbLocal.endpoint())
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
			.httpClient(network)
			.asyncConfiguration((async) -> async.advancedOption(SdkAdvancedAsyncClientOption.FUTURE_COMPLETION_EXECUTOR,
					Runnable::run))
			.overrideConfiguration((config) -> config.scheduledExecutorService(scheduler).addExecutionInterceptor(requests))
			.build();
		return new AsyncWiring(client, network, requests, loops, scheduler);
	}

	@Override
	public void close() {
		this.client.close();
		this.network.close();
		this.scheduler.shutdownNow();
		this.loops.eventLoopGroup().shutdownGracefully(0, 1, TimeUnit.SECONDS);
	}

}
