package dev.singletable.core.reactive;

import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Async clients for the in-process DynamoDB Local of {@link DynamoDbLocal}: Netty, a fixed region, dummy
 * credentials and the fast retry strategy of the blocking test clients.
 */
public final class AsyncClients {

	private AsyncClients() {
	}

	/**
	 * Returns a new async client for the server with the given interceptors, in order, its Netty client on one event
	 * loop thread as {@link DynamoDbLocal#newAsyncClient(ExecutionInterceptor...)}'s (which says why). The caller
	 * closes it.
	 * @param interceptors the interceptors to install
	 * @return a new client
	 */
	public static DynamoDbAsyncClient newAsyncClient(ExecutionInterceptor... interceptors) {
		return DynamoDbAsyncClient.builder()
			.endpointOverride(DynamoDbLocal.endpoint())
			.region(Region.US_EAST_1)
			.httpClient(NettyNioAsyncHttpClient.builder()
				.eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(1))
				.build())
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
			.overrideConfiguration((config) -> {
				config.retryStrategy(DynamoDbLocal.fastRetryStrategy());
				for (ExecutionInterceptor interceptor : interceptors) {
					config.addExecutionInterceptor(interceptor);
				}
			})
			.build();
	}

}
