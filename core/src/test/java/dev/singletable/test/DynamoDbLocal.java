package dev.singletable.test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The DynamoDB Local server of this JVM: started in memory on a free loopback port the first time it is
 * needed and stopped by a JVM shutdown hook. Every test in the JVM shares it, so tests isolate themselves by
 * table name or by emptying their table (see {@link DynamoDbLocalExtension}).
 */
public final class DynamoDbLocal {

	/**
	 * Attempts per operation of the clients made by {@link #newClient(ExecutionInterceptor...)}: the first
	 * attempt and 8 retries, the SDK's default for DynamoDB in its legacy retry mode.
	 */
	public static final int MAX_ATTEMPTS = 9;

	private static final int START_TRIES = 3;

	private static final Object monitor = new Object();

	private static @Nullable Running running;

	private DynamoDbLocal() {
	}

	/**
	 * Returns the port of the server, starting it when it is not running yet.
	 * @return the loopback port the server listens on
	 */
	public static int port() {
		return running().port();
	}

	/**
	 * Returns the endpoint of the server, starting it when it is not running yet.
	 * @return the endpoint, for example {@code http://127.0.0.1:41234}
	 */
	public static URI endpoint() {
		return URI.create("http://127.0.0.1:" + port());
	}

	/**
	 * Returns a client builder pointed at the server with a fixed region, dummy credentials and the
	 * {@code url-connection-client}, and nothing else configured: retries are the SDK's defaults.
	 * @return a new client builder
	 */
	public static DynamoDbClientBuilder clientBuilder() {
		return DynamoDbClient.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.httpClient(UrlConnectionHttpClient.create())
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")));
	}

	/**
	 * Returns a new client for the server with the given interceptors, in the given order, and the
	 * {@link #fastRetryStrategy() fast retry strategy}. The caller closes it.
	 * @param interceptors the interceptors to install
	 * @return a new client
	 */
	public static DynamoDbClient newClient(ExecutionInterceptor... interceptors) {
		return clientBuilder().overrideConfiguration((config) -> {
			config.retryStrategy(fastRetryStrategy());
			for (ExecutionInterceptor interceptor : interceptors) {
				config.addExecutionInterceptor(interceptor);
			}
		}).build();
	}

	/**
	 * Returns a new client of the server's DynamoDB Streams, with the same region and dummy credentials as
	 * {@link #clientBuilder()}. The caller closes it.
	 * @return a new streams client
	 */
	public static software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient newStreamsClient() {
		return software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.httpClient(UrlConnectionHttpClient.create())
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
			.build();
	}

	/**
	 * Returns a new asynchronous client for the server, on the SDK's non-blocking Netty HTTP client, with the same
	 * region, dummy credentials, {@link #fastRetryStrategy() fast retry strategy} and the given interceptors, in the
	 * given order, as {@link #newClient(ExecutionInterceptor...)}. The caller closes it.
	 * <p>
	 * Its Netty client runs on one event loop thread (the SDK's default is two per core). When a call fails with
	 * an error answer (a cancelled transaction, a failed condition), the SDK fails that call's HTTP exchange
	 * afterwards too ("The async HTTP request was aborted because request execution failed", in
	 * {@code MakeAsyncHttpRequestStage}); if the event loop has not marked the exchange complete yet, the Netty
	 * client then cancels whatever request the connection holds by the time that cancellation reaches the event
	 * loop. A caller that sends its next request as soon as it sees the error (as the templates do when they read
	 * versions again after a cancelled transaction) has that request acquire the connection first; with several
	 * event loops the connection is handed to it on one loop and set up for it on another, and the cancellation,
	 * queued between the two, closes the connection under it ("Request cancelled", then "The connection was closed
	 * during the request"), whose retries can fail in turn (the SDK's "headersFuture is still not completed when
	 * onStream() is invoked"). On one event loop a connection is acquired and set up for its request in one task, so
	 * that late cancellation finds the connection idle, or carrying another request, and leaves that request alone.
	 * @param interceptors the interceptors to install
	 * @return a new asynchronous client
	 */
	public static DynamoDbAsyncClient newAsyncClient(ExecutionInterceptor... interceptors) {
		return DynamoDbAsyncClient.builder()
			.endpointOverride(endpoint())
			.region(Region.US_EAST_1)
			.httpClient(NettyNioAsyncHttpClient.builder()
				.eventLoopGroupBuilder(SdkEventLoopGroup.builder().numberOfThreads(1))
				.build())
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("dummy", "dummy")))
			.overrideConfiguration((config) -> {
				config.retryStrategy(fastRetryStrategy());
				for (ExecutionInterceptor interceptor : interceptors) {
					config.addExecutionInterceptor(interceptor);
				}
			})
			.build();
	}

	/**
	 * Returns the retry strategy of the clients made by {@link #newClient(ExecutionInterceptor...)}: the
	 * SDK's legacy strategy with its retry conditions and {@link #MAX_ATTEMPTS} attempts, but with no back-off
	 * delay and no retry token bucket, so that tests that inject retryable faults stay fast and do not depend
	 * on what earlier tests used up. With the SDK's own defaults a single throttled request waits about half a
	 * second before its retry.
	 * @return the retry strategy
	 */
	public static RetryStrategy fastRetryStrategy() {
		return AwsRetryStrategy.legacyRetryStrategy()
			.toBuilder()
			.maxAttempts(MAX_ATTEMPTS)
			.backoffStrategy(BackoffStrategy.retryImmediately())
			.throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
			.circuitBreakerEnabled(false)
			.build();
	}

	private static Running running() {
		synchronized (monitor) {
			Running current = running;
			if (current == null) {
				current = start();
				running = current;
				Running started = current;
				Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "dynamodb-local-shutdown"));
			}
			return current;
		}
	}

	private static Running start() {
		Exception last = null;
		for (int attempt = 0; attempt < START_TRIES; attempt++) {
			int port = freePort();
			try {
				DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
						new String[] { "-inMemory", "-port", String.valueOf(port), "-disableTelemetry" });
				server.start();
				return new Running(server, port);
			}
			catch (Exception ex) {
				// Most likely another process took the port between probing and binding it
				last = ex;
			}
		}
		throw new IllegalStateException("DynamoDB Local did not start after " + START_TRIES + " tries", last);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("No free port for DynamoDB Local", ex);
		}
	}

	private record Running(DynamoDBProxyServer server, int port) {

		void stop() {
			try {
				this.server.stop();
			}
			catch (Exception ex) {
				// The JVM is exiting; nothing useful to do
			}
		}

	}

}
