package dev.singletable.autoconfigure.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * An S3 (S3Proxy) running inside the application on a loopback port, in memory or, given a directory, in files
 * there that outlive the application. It keeps one store per access key, as DynamoDB Local keeps one database per
 * access key: the application's clients use the dummy credentials of local endpoints, and a
 * {@link #forAccessKey(String) view with an access key of its own} (what the test contexts of a JVM sharing one server
 * use) sees only its own buckets. It starts in the background when the bean is initialized ({@link #startAsync()});
 * {@link #getEndpoint()} waits for it. It stops when the application context closes; in memory, its objects are lost
 * then. S3Proxy's Jetty is shaded into its jar, so it never meets the application's or DynamoDB Local's Jetty.
 */
public final class EmbeddedS3 implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(EmbeddedS3.class);

	private static final String LOOPBACK_HOST = "127.0.0.1";

	private static final String CREDENTIAL = "dummy";

	private static final Pattern ACCESS_KEY = Pattern.compile("[A-Za-z0-9]+");

	private static final long START_TIMEOUT_MILLIS = TimeUnit.SECONDS.toMillis(30);

	private final int configuredPort;

	private final @Nullable Path directory;

	private final @Nullable EmbeddedS3 owner;

	private final String accessKey;

	private final Map<String, BlobStore> stores = new ConcurrentHashMap<>();

	private @Nullable CompletableFuture<S3Proxy> start;

	/**
	 * Creates an in-memory server that is started by {@link #afterPropertiesSet()}.
	 * @param port the loopback port to listen on, or {@code 0} for a free one
	 */
	public EmbeddedS3(int port) {
		this(port, null);
	}

	/**
	 * Creates a server that is started by {@link #afterPropertiesSet()}.
	 * @param port the loopback port to listen on, or {@code 0} for a free one
	 * @param directory the directory of its objects, created if missing, or {@literal null} to keep them in memory
	 */
	public EmbeddedS3(int port, @Nullable Path directory) {
		Assert.isTrue(port >= 0, "Port must not be negative");
		this.configuredPort = port;
		this.directory = directory;
		this.owner = null;
		this.accessKey = CREDENTIAL;
	}

	private EmbeddedS3(EmbeddedS3 owner, String accessKey) {
		this.configuredPort = owner.configuredPort;
		this.directory = owner.directory;
		this.owner = owner;
		this.accessKey = accessKey;
	}

	/**
	 * Returns a view of this server whose clients use the given access key, and so a store of their own. Starting
	 * the view starts this server; stopping it does nothing.
	 * @param accessKey letters and digits
	 * @return the view
	 */
	public EmbeddedS3 forAccessKey(String accessKey) {
		Assert.isTrue(accessKey != null && ACCESS_KEY.matcher(accessKey).matches(),
				"The access key must be letters and digits");
		return new EmbeddedS3((this.owner != null) ? this.owner : this, accessKey);
	}

	/**
	 * Starts the server in the background.
	 */
	@Override
	public void afterPropertiesSet() {
		startAsync();
	}

	/**
	 * Starts the server in the background unless it is started or starting.
	 * @return the start, completed once the server listens
	 */
	public CompletableFuture<?> startAsync() {
		if (this.owner != null) {
			return this.owner.startAsync();
		}
		synchronized (this) {
			if (this.start == null) {
				CompletableFuture<S3Proxy> future = new CompletableFuture<>();
				this.start = future;
				Thread thread = new Thread(() -> {
					try {
						future.complete(startServer());
					}
					catch (Throwable ex) {
						future.completeExceptionally(ex);
					}
				}, "singletable-embedded-s3-start");
				thread.setDaemon(true);
				thread.start();
			}
			return this.start;
		}
	}

	/**
	 * Starts the server and waits until it listens.
	 * @throws IllegalStateException when it cannot start, for example because the port is in use
	 */
	public void start() {
		await();
	}

	private S3Proxy await() {
		CompletableFuture<?> pending = startAsync();
		try {
			pending.join();
			synchronized (root()) {
				CompletableFuture<S3Proxy> current = root().start;
				Assert.state(current != null && current.isDone(), "The embedded S3 is not running");
				return current.join();
			}
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	private EmbeddedS3 root() {
		return (this.owner != null) ? this.owner : this;
	}

	private S3Proxy startServer() {
		S3Proxy proxy = S3Proxy.builder()
			.blobStore(store(CREDENTIAL))
			.endpoint(URI.create("http://" + LOOPBACK_HOST + ":" + this.configuredPort))
			.awsAuthentication(AuthenticationType.AWS_V2_OR_V4, CREDENTIAL, CREDENTIAL)
			.build();
		// Every access key gets a store of its own, checked against the dummy secret
		proxy.setBlobStoreLocator((identity, container, blob) -> new AccessGrant(CREDENTIAL,
				store((identity != null && ACCESS_KEY.matcher(identity).matches()) ? identity : CREDENTIAL)));
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
		logger.info("Started embedded S3 at " + endpoint(proxy)
				+ ((this.directory != null) ? " (objects in " + this.directory.toAbsolutePath() + ")" : " (in memory)")
				+ "; set singletable.blobs.region or singletable.blobs.endpoint to use AWS");
		return proxy;
	}

	/**
	 * The store of an access key: in memory, or in the directory (the dummy access key's at its top, another's in a
	 * sub-directory named after it).
	 */
	private BlobStore store(String identity) {
		return this.stores.computeIfAbsent(identity, (key) -> {
			if (this.directory == null) {
				return new TransientNio2BlobStore();
			}
			Path path = CREDENTIAL.equals(key) ? this.directory : this.directory.resolve(key);
			try {
				Files.createDirectories(path);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not create the directory of the embedded S3 " + path, ex);
			}
			return new FilesystemNio2BlobStore(path.toAbsolutePath().toString());
		});
	}

	/**
	 * Stops the server when the application context closes (a view does nothing).
	 */
	@Override
	public void destroy() {
		if (this.owner != null) {
			return;
		}
		CompletableFuture<S3Proxy> pending;
		synchronized (this) {
			pending = this.start;
			this.start = null;
		}
		if (pending != null) {
			try {
				stopQuietly(pending.join());
			}
			catch (CompletionException ex) {
				// never started
			}
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
	 * @return {@literal true} between a completed start and stop
	 */
	public boolean isRunning() {
		EmbeddedS3 root = root();
		synchronized (root) {
			return root.start != null && root.start.isDone() && !root.start.isCompletedExceptionally();
		}
	}

	/**
	 * Returns whether the server is starting or running (a start that failed does not count).
	 * @return {@literal true} from {@link #startAsync()} until stop, unless the start failed
	 */
	public boolean isStartingOrRunning() {
		EmbeddedS3 root = root();
		synchronized (root) {
			return root.start != null && !root.start.isCompletedExceptionally();
		}
	}

	/**
	 * Returns the endpoint of the server, waiting for a start under way.
	 * @return the endpoint, for example {@code http://127.0.0.1:41234}
	 * @throws IllegalStateException when the server could not start or was stopped
	 */
	public URI getEndpoint() {
		return endpoint(await());
	}

	/**
	 * Returns the credentials of this server's (or view's) clients: its access key and the dummy secret.
	 * @return the credentials provider
	 */
	public AwsCredentialsProvider getCredentialsProvider() {
		return StaticCredentialsProvider.create(AwsBasicCredentials.create(this.accessKey, CREDENTIAL));
	}

	/**
	 * Returns the directory of the objects.
	 * @return the directory, or {@literal null} in memory
	 */
	public @Nullable Path getDirectory() {
		return this.directory;
	}

	private static URI endpoint(S3Proxy proxy) {
		return URI.create("http://" + LOOPBACK_HOST + ":" + proxy.getPort());
	}

}
