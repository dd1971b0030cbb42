package dev.singletable.autoconfigure.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.amazonaws.services.dynamodbv2.local.main.CommandLineInput;
import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.AbstractLocalDynamoDBServerHandler;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.shared.access.LocalDBClient;
import com.amazonaws.services.dynamodbv2.local.shared.jobs.JobsRegister;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

import dev.singletable.autoconfigure.client.LocalEndpoints;

/**
 * A DynamoDB Local server running inside the application, on a loopback port, with telemetry disabled: in memory,
 * or, given a directory, in database files there ({@code -dbPath}) that outlive the application. It starts in the
 * background when the bean is initialized ({@link #startAsync()}), so that it comes up while the application creates
 * its other beans; {@link #getEndpoint()} waits for it. It stops, with all its threads, when the application context
 * closes or its startup fails; in memory, its data is lost then. DynamoDB Local's own startup banner is not printed:
 * one log line says where the server runs.
 */
public final class EmbeddedDynamoDbLocal implements InitializingBean, DisposableBean {

	private static final Log logger = LogFactory.getLog(EmbeddedDynamoDbLocal.class);

	private static final String LOOPBACK_HOST = "127.0.0.1";

	private static final int FREE_PORT_TRIES = 3;

	private static final int CONNECT_TIMEOUT_MILLIS = 1000;

	private static final int WARM_UP_TIMEOUT_MILLIS = 30_000;

	private final int configuredPort;

	private final String tableName;

	private final @Nullable Path directory;

	private @Nullable DynamoDBProxyServer server;

	private @Nullable CompletableFuture<Void> start;

	private int port;

	/**
	 * Creates an in-memory server that is started by {@link #afterPropertiesSet()}.
	 * @param port the loopback port to listen on, or {@code 0} for a free one
	 * @param tableName the table the application uses, for the startup message
	 */
	public EmbeddedDynamoDbLocal(int port, String tableName) {
		this(port, tableName, null);
	}

	/**
	 * Creates a server that is started by {@link #afterPropertiesSet()}.
	 * @param port the loopback port to listen on, or {@code 0} for a free one
	 * @param tableName the table the application uses, for the startup message
	 * @param directory the directory of its database files, created if missing, or {@literal null} to keep the data
	 * in memory
	 */
	public EmbeddedDynamoDbLocal(int port, String tableName, @Nullable Path directory) {
		Assert.isTrue(port >= 0, "Port must not be negative");
		this.configuredPort = port;
		this.tableName = tableName;
		this.directory = directory;
	}

	/**
	 * Starts the server in the background.
	 */
	@Override
	public void afterPropertiesSet() {
		startAsync();
	}

	/**
	 * Starts the server in the background unless it is running or starting.
	 * @return the start, completed once the server listens, or completed exceptionally with an
	 * {@link EmbeddedDynamoDbLocalStartException}
	 */
	public synchronized CompletableFuture<Void> startAsync() {
		if (this.start == null || (this.server == null && this.start.isDone())) {
			CompletableFuture<Void> future = new CompletableFuture<>();
			this.start = future;
			Thread thread = new Thread(() -> {
				try {
					startNow();
					future.complete(null);
				}
				catch (Throwable ex) {
					future.completeExceptionally(ex);
				}
			}, "singletable-dynamodb-local-start");
			thread.setDaemon(true);
			thread.start();
		}
		return this.start;
	}

	/**
	 * Starts the server unless it is running, and waits until it listens.
	 * @throws IllegalStateException when it cannot listen on the configured port, or on any free port after a few
	 * tries
	 */
	public void start() {
		await(startAsync());
	}

	private static void await(CompletableFuture<?> start) {
		try {
			start.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw ex;
		}
	}

	/** Runs on the start's own thread; {@link #startAsync()} lets one run at a time. */
	private void startNow() {
		if (isRunning()) {
			return;
		}
		int tries = (this.configuredPort != 0) ? 1 : FREE_PORT_TRIES;
		Exception failure = null;
		for (int attempt = 0; attempt < tries; attempt++) {
			try {
				startServer();
				warmUp();
				logger.info("Started embedded DynamoDB Local at " + endpoint()
						+ ((this.directory != null) ? " (data in " + this.directory.toAbsolutePath() + ")" : " (in memory)")
						+ " for table '" + this.tableName + "'; set singletable.region or singletable.endpoint to use AWS");
				return;
			}
			catch (Exception ex) {
				failure = ex;
			}
		}
		throw new EmbeddedDynamoDbLocalStartException("Could not start the embedded DynamoDB Local on "
				+ ((this.configuredPort != 0) ? "port " + this.configuredPort
						+ " (is it in use? set singletable.embedded.port=0 for a free port)" : "a free port")
				+ ": " + ((failure != null) ? failure.getMessage() : "unknown reason"), this.configuredPort, failure);
	}

	private void startServer() throws Exception {
		int cliPort = (this.configuredPort != 0) ? this.configuredPort : freePort();
		List<String> options = new ArrayList<>(List.of("-port", String.valueOf(cliPort), "-disableTelemetry"));
		if (this.directory != null) {
			Files.createDirectories(this.directory);
			options.addAll(List.of("-dbPath", this.directory.toAbsolutePath().toString()));
		}
		else {
			options.add("-inMemory");
		}
		CommandLineInput input = new CommandLineInput(options.toArray(String[]::new));
		Assert.state(input.init(), "DynamoDB Local refused its options");
		// createServerFromCommandLineArgs would print a configuration banner on System.out
		DynamoDBProxyServer proxy = ServerRunner.createServer(input);
		ServerConnector connector = bindToLoopback(proxy, cliPort);
		try {
			// Depending on the failure, DynamoDBProxyServer.start() throws or only reports it on System.err
			proxy.start();
		}
		catch (Exception ex) {
			stopQuietly(proxy);
			throw ex;
		}
		int actualPort = (connector != null) ? connector.getLocalPort() : cliPort;
		if (actualPort <= 0 || !isListening(actualPort)) {
			stopQuietly(proxy);
			throw new IllegalStateException("port " + cliPort + " is not available");
		}
		synchronized (this) {
			this.server = proxy;
			this.port = actualPort;
		}
	}

	/**
	 * Sends the server a first request (ListTables, with the dummy access key and region the application's clients
	 * use), which loads its SQLite library and opens that database: on the start's own thread, rather than in the
	 * application's first request, which the application waits for. A failure is only logged: the application's own
	 * requests report what is wrong.
	 */
	private void warmUp() {
		try {
			HttpURLConnection connection = (HttpURLConnection) endpoint().toURL().openConnection();
			connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
			connection.setReadTimeout(WARM_UP_TIMEOUT_MILLIS);
			connection.setRequestMethod("POST");
			connection.setDoOutput(true);
			connection.setRequestProperty("Content-Type", "application/x-amz-json-1.0");
			connection.setRequestProperty("X-Amz-Target", "DynamoDB_20120810.ListTables");
			connection.setRequestProperty("X-Amz-Date", "20260101T000000Z");
			connection.setRequestProperty("Authorization", "AWS4-HMAC-SHA256 Credential=dummy/20260101/"
					+ LocalEndpoints.DEFAULT_REGION + "/dynamodb/aws4_request, SignedHeaders=host;x-amz-date, "
					+ "Signature=0000000000000000000000000000000000000000000000000000000000000000");
			try (OutputStream body = connection.getOutputStream()) {
				body.write("{}".getBytes(StandardCharsets.UTF_8));
			}
			int status = connection.getResponseCode();
			try (InputStream response = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				if (response != null) {
					response.readAllBytes();
				}
			}
			if (status >= 400) {
				logger.debug("DynamoDB Local answered its warm-up request with " + status);
			}
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("DynamoDB Local's warm-up request failed: " + ex.getMessage());
		}
	}

	/**
	 * Replaces the connector of the server's Jetty, which listens on every interface, with one that listens on the
	 * loopback interface only. Returns {@literal null}, keeping the original connector, when this version of
	 * DynamoDB Local is built differently.
	 */
	private static @Nullable ServerConnector bindToLoopback(DynamoDBProxyServer proxy, int port) {
		Field field = ReflectionUtils.findField(DynamoDBProxyServer.class, "server", Server.class);
		if (field == null) {
			logger.debug("DynamoDB Local has no Jetty server field; it listens on every interface");
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		Server jetty = (Server) ReflectionUtils.getField(field, proxy);
		if (jetty == null) {
			return null;
		}
		ServerConnector connector = new ServerConnector(jetty);
		connector.setHost(LOOPBACK_HOST);
		connector.setPort(port);
		jetty.setConnectors(new Connector[] { connector });
		return connector;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getByName(LOOPBACK_HOST))) {
			return socket.getLocalPort();
		}
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(LOOPBACK_HOST, port), CONNECT_TIMEOUT_MILLIS);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Stops the server when the application context closes.
	 */
	@Override
	public void destroy() {
		stop();
	}

	/**
	 * Stops the server if it is running.
	 */
	public void stop() {
		CompletableFuture<Void> pending;
		synchronized (this) {
			pending = this.start;
		}
		if (pending != null) {
			// a start under way ends first, so that its server is stopped too
			pending.exceptionally((ex) -> null).join();
		}
		stopNow();
	}

	private synchronized void stopNow() {
		this.start = null;
		DynamoDBProxyServer running = this.server;
		this.server = null;
		if (running != null) {
			stopQuietly(running);
			logger.debug("Stopped embedded DynamoDB Local at " + endpoint());
		}
	}

	private static void stopQuietly(DynamoDBProxyServer proxy) {
		try {
			proxy.stop();
		}
		catch (Exception ex) {
			logger.warn("Could not stop the embedded DynamoDB Local cleanly: " + ex.getMessage());
		}
		interruptBackgroundJobs(proxy);
	}

	/**
	 * Ends the threads of DynamoDB Local's background jobs. Its first request starts them in a pool of non-daemon
	 * threads; stopping the server only asks them to finish after their current sleep, which lasts minutes, so an
	 * application whose startup failed would not exit until then. Interrupting them ends them at once. Does nothing
	 * when this version of DynamoDB Local is built differently.
	 */
	private static void interruptBackgroundJobs(DynamoDBProxyServer proxy) {
		try {
			Object serverHandler = readField(DynamoDBProxyServer.class, "serverHandler", proxy);
			Object requestHandler = (serverHandler != null)
					? readField(AbstractLocalDynamoDBServerHandler.class, "primaryHandler", serverHandler) : null;
			Object clients = (requestHandler instanceof LocalDynamoDBRequestHandler)
					? readField(LocalDynamoDBRequestHandler.class, "dbRequestHandlers", requestHandler) : null;
			if (!(clients instanceof Map<?, ?> byKey)) {
				logger.debug("DynamoDB Local's background jobs were not found; their threads end on their own");
				return;
			}
			for (Object client : byKey.values()) {
				if (client instanceof LocalDBClient
						&& readField(LocalDBClient.class, "jobs", client) instanceof JobsRegister jobs) {
					jobs.shutdownNow();
				}
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not end DynamoDB Local's background jobs: " + ex.getMessage());
		}
	}

	private static @Nullable Object readField(Class<?> type, String name, Object target) {
		Field field = ReflectionUtils.findField(type, name);
		if (field == null) {
			return null;
		}
		ReflectionUtils.makeAccessible(field);
		return ReflectionUtils.getField(field, target);
	}

	/**
	 * Returns whether the server is running.
	 * @return {@literal true} between a completed start and stop
	 */
	public synchronized boolean isRunning() {
		return this.server != null;
	}

	/**
	 * Returns whether the server is starting or running (a start that failed does not count).
	 * @return {@literal true} from {@link #startAsync()} until stop, unless the start failed
	 */
	public synchronized boolean isStartingOrRunning() {
		return this.server != null || (this.start != null && !this.start.isCompletedExceptionally());
	}

	/**
	 * Returns the directory of the database files.
	 * @return the directory, or {@literal null} in memory
	 */
	public @Nullable Path getDirectory() {
		return this.directory;
	}

	/**
	 * Returns the loopback port the server listens on.
	 * @return the port, or {@code 0} before it started
	 */
	public synchronized int getPort() {
		return this.port;
	}

	/**
	 * Returns the endpoint of the server, waiting for a start under way.
	 * @return the endpoint, for example {@code http://127.0.0.1:41234}
	 * @throws IllegalStateException when the server was not started, or could not start
	 */
	public URI getEndpoint() {
		CompletableFuture<Void> pending;
		synchronized (this) {
			pending = this.start;
		}
		if (pending != null) {
			await(pending);
		}
		return endpoint();
	}

	private synchronized URI endpoint() {
		Assert.state(this.port != 0, "The embedded DynamoDB Local has not started");
		return URI.create("http://" + LOOPBACK_HOST + ":" + this.port);
	}

}
