package dev.singletable.autoconfigure.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClientBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * An async client on the quiet Netty HTTP client closes without Netty's quiet period of 2 s, which the SDK's own
 * client may wait for when it closes, once its event loops have run. (Whether the SDK's own client waits is the
 * SDK's behaviour, not asserted here: in a JVM that has run other clients it was seen to close at once.)
 */
class QuietNettyHttpClientsTests {

	/** Netty's quiet period, which the SDK's own client waits for when it closes. */
	private static final Duration NETTY_QUIET_PERIOD = Duration.ofSeconds(2);

	@Test
	void closesWithoutTheQuietPeriod() throws IOException {
		Duration quiet = closeAfterARequest(true);
		assertThat(quiet).isLessThan(NETTY_QUIET_PERIOD.minusMillis(500));
	}

	private static Duration closeAfterARequest(boolean quiet) throws IOException {
		DynamoDbAsyncClientBuilder builder = DynamoDbAsyncClient.builder()
			.endpointOverride(URI.create("http://127.0.0.1:" + closedPort()))
			.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
			.overrideConfiguration((override) -> override.retryStrategy(RetryMode.STANDARD)
				.retryStrategy((retry) -> retry.maxAttempts(1)));
		if (quiet) {
			QuietNettyHttpClients.apply(builder, QuietNettyHttpClientsTests.class.getClassLoader());
		}
		DynamoDbAsyncClient client = builder.build();
		// a request that the event loops run (refused: nothing listens on the port)
		assertThat(catchThrowable(() -> client.listTables().join())).isNotNull();
		long start = System.nanoTime();
		client.close();
		return Duration.ofNanos(System.nanoTime() - start);
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

}
