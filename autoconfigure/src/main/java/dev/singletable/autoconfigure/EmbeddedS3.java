package dev.singletable.autoconfigure;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

/**
 * An in-memory S3 (S3Proxy with its transient store) running inside the application on a loopback port, checking
 * signatures against the dummy credentials local endpoints use. It starts when the bean is initialized and stops
 * when the application context closes; its objects are lost then. S3Proxy's Jetty is shaded into its jar, so it
 * never meets the application's or DynamoDB Local's Jetty.
 */
public final class EmbeddedS3 implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(EmbeddedS3.class);

	private static final String LOOPBACK_HOST = "127.0.0.1";

	private static final String CREDENTIAL = "dummy";

	private static final long START_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

	private final int configuredPort;

	private @Nullable S3Proxy server;

	/**
	 * Creates a server that is started by {@link #afterPropertiesSet()}.
	 * @param port the loopback port to listen on, or {@code 0} for a free one
	 */
	public EmbeddedS3(int port) {
		Assert.isTrue(port >= 0, "Port must not be negative");
		this.configuredPort = port;
	}

	/**
	 * Starts the server.
	 * @throws IllegalStateException when it cannot start, for example because the port is in use
	 */
	@Override
	public synchronized void afterPropertiesSet() {
		if (this.server != null) {
			return;
		}
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(new TransientNio2BlobStore())
			.endpoint(URI.create("http://" + LOOPBACK_HOST + ":" + this.configuredPort))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, CREDENTIAL, CREDENTIAL)
			.build();
		try {
			proxy.start();
			long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
			while (!"STARTED".equals(proxy.getState())) {
				if (System.currentTimeMillis() > deadline || "FAILED".equals(proxy.getState())) {
					throw new IllegalStateException("state " + proxy.getState());
				}
				Thread.sleep(10);
			}
		}
		catch (Exception ex) {
			stopQuietly(proxy);
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new IllegalStateException("Could not start the embedded S3 on "
					+ ((this.configuredPort != 0) ? "port " + this.configuredPort
							+ " (is it in use? set singletable.blobs.embedded.port=0 for a free port)" : "a free port")
					+ ": " + ex.getMessage(), ex);
		}
		this.server = proxy;
		logger.info("Started embedded S3 at " + getEndpoint()
				+ " (in memory); set singletable.blobs.region or singletable.blobs.endpoint to use AWS");
	}

	/**
	 * Stops the server when the application context closes.
	 */
	@Override
	public synchronized void destroy() {
		S3Proxy running = this.server;
		this.server = null;
		if (running != null) {
			stopQuietly(running);
		}
	}

	private static void stopQuietly(S3Proxy proxy) {
		try {
			proxy.stop();
		}
		catch (Exception ex) {
			logger.warn("Could not stop the embedded S3 cleanly: " + ex.getMessage());
		}
	}

	/**
	 * Returns whether the server is running.
	 * @return {@literal true} between start and stop
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Returns the endpoint of the server.
	 * @return the endpoint, for example {@code http://127.0.0.1:41234}
	 * @throws IllegalStateException when the server is not running
	 */
	public synchronized URI getEndpoint() {
		S3Proxy running = this.server;
		Assert.state(running != null, "The embedded S3 is not running");
		return URI.create("http://" + LOOPBACK_HOST + ":" + running.getPort());
	}

}
