package dev.singletable.autoconfigure.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.util.ClassUtils;

import io.netty.channel.EventLoopGroup;
import software.amazon.awssdk.awscore.client.builder.AwsAsyncClientBuilder;
import software.amazon.awssdk.http.async.AsyncExecuteRequest;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.SdkEventLoopGroup;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * The Netty HTTP client of the async SDK clients singletable makes (the reactive template's, the change stream's lease
 * client, the reactive blob storage's), closed at once: the SDK's own closes its event loops with Netty's quiet period
 * of 2 s (no task for 2 s before they end) and waits for it, once per client, on the thread that closes the
 * application context. Here each client's event loops end with no quiet period and at most
 * {@link #SHUTDOWN_TIMEOUT}, since a client closes only once nothing sends on it. The client's settings are otherwise
 * the SDK's defaults, and it is still the SDK client's to close.
 */
public final class QuietNettyHttpClients {

	/** How long a client's event loops may take to end, once their pending tasks are done. */
	static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(1);

	private static final String NETTY_CLIENT = "software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient";

	private QuietNettyHttpClients() {
	}

	/**
	 * Gives an async client builder the quiet Netty HTTP client, when the SDK's Netty client is on the class path (the
	 * builder keeps its HTTP client otherwise).
	 * @param builder the builder of an async SDK client
	 * @param classLoader where to look for the Netty client
	 */
	public static void apply(AwsAsyncClientBuilder<?, ?> builder, ClassLoader classLoader) {
		if (ClassUtils.isPresent(NETTY_CLIENT, classLoader)) {
			builder.httpClientBuilder(new QuietBuilder());
		}
	}

	/** Builds the Netty client on an event loop group of its own, which its close ends at once. */
	private static final class QuietBuilder implements SdkAsyncHttpClient.Builder<QuietBuilder> {

		@Override
		public SdkAsyncHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
			SdkEventLoopGroup group = SdkEventLoopGroup.builder().build();
			try {
				SdkAsyncHttpClient netty = NettyNioAsyncHttpClient.builder()
					.eventLoopGroup(group)
					.buildWithDefaults(serviceDefaults);
				return new QuietClient(netty, group.eventLoopGroup());
			}
			catch (RuntimeException ex) {
				group.eventLoopGroup().shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
				throw ex;
			}
		}

	}

	/** The SDK's Netty client, whose event loop group (given, so not closed by it) ends with no quiet period. */
	private static final class QuietClient implements SdkAsyncHttpClient {

		private final SdkAsyncHttpClient delegate;

		private final EventLoopGroup group;

		QuietClient(SdkAsyncHttpClient delegate, EventLoopGroup group) {
			this.delegate = delegate;
			this.group = group;
		}

		@Override
		public CompletableFuture<Void> execute(AsyncExecuteRequest request) {
			return this.delegate.execute(request);
		}

		@Override
		public String clientName() {
			return this.delegate.clientName();
		}

		@Override
		public void close() {
			try {
				this.delegate.close();
			}
			finally {
				this.group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
					.awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() + 100);
			}
		}

	}

}
