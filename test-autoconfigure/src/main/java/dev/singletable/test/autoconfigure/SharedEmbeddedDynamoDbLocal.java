package dev.singletable.test.autoconfigure;

import java.net.URI;

import org.jspecify.annotations.Nullable;

import dev.singletable.autoconfigure.embedded.EmbeddedDynamoDbLocal;

/**
 * The one embedded DynamoDB Local of this JVM that every test context uses: started on a free loopback port by
 * the first context that needs it (in the background, as the auto-configured one), never stopped by a context, and
 * stopped when the JVM shuts down, once every test context using it is closed ({@link SharedServerContexts}).
 */
final class SharedEmbeddedDynamoDbLocal {

	private static @Nullable EmbeddedDynamoDbLocal server;

	private static int starts;

	private static int requests;

	private SharedEmbeddedDynamoDbLocal() {
	}

	/**
	 * Returns the server, starting it if no context started it yet (or its start failed).
	 * @param tableName the table of the context that starts it, for the startup message
	 * @return the running server
	 */
	static synchronized EmbeddedDynamoDbLocal get(String tableName) {
		requests++;
		EmbeddedDynamoDbLocal running = server;
		if (running != null && running.isStartingOrRunning()) {
			return running;
		}
		EmbeddedDynamoDbLocal started = new EmbeddedDynamoDbLocal(0, tableName);
		// in the background: the context asks for its endpoint when it needs it
		started.startAsync();
		starts++;
		// the contexts using it close first, so that their change streams and registries stop while it answers
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			SharedServerContexts.closeAll();
			started.stop();
		}, "singletable-shared-dynamodb-local-shutdown"));
		server = started;
		return started;
	}

	/**
	 * Returns the endpoint of the server if it runs, without starting it.
	 * @return the endpoint, or {@literal null}
	 */
	static synchronized @Nullable URI endpointIfRunning() {
		EmbeddedDynamoDbLocal running = server;
		return (running != null && running.isRunning()) ? running.getEndpoint() : null;
	}

	/**
	 * Returns how many times a server was started in this JVM.
	 * @return the number of starts, {@code 1} once the first context needed it
	 */
	static synchronized int startCount() {
		return starts;
	}

	/**
	 * Returns how many times a context asked for the server (and would have started it if none ran).
	 * @return the number of requests for the server in this JVM
	 */
	static synchronized int requestCount() {
		return requests;
	}

}
