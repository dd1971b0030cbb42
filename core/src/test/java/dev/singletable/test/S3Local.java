package dev.singletable.test;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The in-process S3 of this JVM: an S3Proxy with its transient (in-memory) store, started on a free loopback port
 * the first time it is needed and stopped by a JVM shutdown hook. It checks AWS signatures (V2 or V4) against the
 * dummy credentials every client here uses. Tests share it and isolate themselves by bucket (see
 * {@link S3LocalExtension}).
 */
public final class S3Local {

	/** Access key and secret of the server. */
	public static final String CREDENTIAL = "dummy";

	private static final long START_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

	private static final Object monitor = new Object();

	private static @Nullable S3Proxy running;

	private S3Local() {
	}

	/**
	 * Returns the endpoint of the server, starting it when it is not running yet.
	 * @return the endpoint, for example {@code http://127.0.0.1:41234}
	 */
	public static URI endpoint() {
		return URI.create("http://127.0.0.1:" + running().getPort());
	}

	/**
	 * Returns a new client for the server: path-style addressing, {@code us-east-1}, the dummy credentials, the
	 * {@code url-connection-client} and the given interceptors in order. The caller closes it.
	 * @param interceptors the interceptors to install
	 * @return a new client
	 */
	public static S3Client newClient(ExecutionInterceptor... interceptors) {
		return S3Client.builder()
			.endpointOverride(endpoint())
			.forcePathStyle(true)
			// S3Proxy now and then breaks the connection of an aws-chunked upload it has stored (the SDK then sends it
			// again): whole-payload signed bodies avoid that
			.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
			.region(Region.US_EAST_1)
			.httpClient(UrlConnectionHttpClient.create())
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIAL, CREDENTIAL)))
			.overrideConfiguration((config) -> {
				for (ExecutionInterceptor interceptor : interceptors) {
					config.addExecutionInterceptor(interceptor);
				}
			})
			.build();
	}

	/**
	 * Returns a new async client for the server, configured as {@link #newClient} but on the SDK's Netty HTTP
	 * client. The caller closes it.
	 * @param interceptors the interceptors to install
	 * @return a new client
	 */
	public static S3AsyncClient newAsyncClient(ExecutionInterceptor... interceptors) {
		return S3AsyncClient.builder()
			.endpointOverride(endpoint())
			.forcePathStyle(true)
			.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
			.region(Region.US_EAST_1)
			.httpClient(NettyNioAsyncHttpClient.builder().build())
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(CREDENTIAL, CREDENTIAL)))
			.overrideConfiguration((config) -> {
				for (ExecutionInterceptor interceptor : interceptors) {
					config.addExecutionInterceptor(interceptor);
				}
			})
			.build();
	}

	private static S3Proxy running() {
		synchronized (monitor) {
			S3Proxy current = running;
			if (current == null) {
				current = start();
				running = current;
				S3Proxy started = current;
				Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(started), "s3proxy-shutdown"));
			}
			return current;
		}
	}

	private static S3Proxy start() {
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(new TransientNio2BlobStore())
			.endpoint(URI.create("http://127.0.0.1:0"))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, CREDENTIAL, CREDENTIAL)
			.build();
		try {
			proxy.start();
			long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
			while (!"STARTED".equals(proxy.getState())) {
				if (System.currentTimeMillis() > deadline) {
					throw new IllegalStateException("S3Proxy did not start in " + START_TIMEOUT_MILLIS + " ms: "
							+ proxy.getState());
				}
				Thread.sleep(10);
			}
			return proxy;
		}
		catch (Exception ex) {
			stopQuietly(proxy);
			throw new IllegalStateException("S3Proxy did not start", ex);
		}
	}

	private static void stopQuietly(S3Proxy proxy) {
		try {
			proxy.stop();
		}
		catch (Exception ex) {
			// the JVM is exiting or the start failed; nothing useful to do
		}
	}

}
