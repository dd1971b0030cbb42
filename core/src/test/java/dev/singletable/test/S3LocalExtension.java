package dev.singletable.test;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * JUnit extension that gives each test a new, empty bucket in the JVM's {@link S3Local} server, a client for it
 * with a {@link RequestCounter} and a {@link FaultInjector} (S3 operation names, such as {@code PutObject}) and a client without one. Register
 * it in a static field:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static S3LocalExtension s3 = new S3LocalExtension();
 * </pre>
 */
public class S3LocalExtension implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	private static final AtomicInteger buckets = new AtomicInteger();

	private final RequestCounter requests = new RequestCounter();

	private final FaultInjector faults = new FaultInjector();

	private @Nullable S3Client client;

	private @Nullable S3Client rawClient;

	private @Nullable String bucket;

	/**
	 * Creates a new bucket for the test and clears the fault injector.
	 * @param context the JUnit context
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		String name = "singletable-test-" + ProcessHandle.current().pid() + "-" + buckets.incrementAndGet();
		rawClient().createBucket((request) -> request.bucket(name));
		this.bucket = name;
		this.requests.reset();
		this.faults.clear();
	}

	/**
	 * Clears the fault injector.
	 * @param context the JUnit context
	 */
	@Override
	public void afterEach(ExtensionContext context) {
		this.faults.clear();
	}

	/**
	 * Closes the clients.
	 * @param context the JUnit context
	 */
	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (this.client != null) {
			this.client.close();
			this.client = null;
		}
		if (this.rawClient != null) {
			this.rawClient.close();
			this.rawClient = null;
		}
	}

	/**
	 * Returns the bucket of the current test.
	 * @return the bucket name
	 */
	public String bucket() {
		String name = this.bucket;
		if (name == null) {
			throw new IllegalStateException("No bucket outside a test");
		}
		return name;
	}

	/**
	 * Returns the client for tests, with the {@link #faults() fault injector}.
	 * @return the client, created on first use
	 */
	public synchronized S3Client client() {
		if (this.client == null) {
			this.client = S3Local.newClient(this.requests, this.faults);
		}
		return this.client;
	}

	/**
	 * Returns a client without interceptors, for setting up and inspecting objects.
	 * @return the client, created on first use
	 */
	public synchronized S3Client rawClient() {
		if (this.rawClient == null) {
			this.rawClient = S3Local.newClient();
		}
		return this.rawClient;
	}

	/**
	 * Returns the counter of the requests of {@link #client()} (S3 operation names, such as {@code DeleteObjects}).
	 * @return the request counter
	 */
	public RequestCounter requests() {
		return this.requests;
	}

	/**
	 * Returns the fault injector of {@link #client()}.
	 * @return the fault injector
	 */
	public FaultInjector faults() {
		return this.faults;
	}

	/**
	 * Lists the keys of the test's bucket, every page, in key order.
	 * @return the keys
	 */
	public List<String> keys() {
		return rawClient().listObjectsV2Paginator((request) -> request.bucket(bucket()))
			.contents()
			.stream()
			.map(S3Object::key)
			.toList();
	}

}
