package dev.singletable.test.autoconfigure;

import org.jspecify.annotations.Nullable;

import dev.singletable.autoconfigure.embedded.EmbeddedS3;

/**
 * The one embedded S3 (S3Proxy) of this JVM that every test context with blobs uses: started on a free loopback port
 * by the first context that needs it, never stopped by a context, and stopped when the JVM shuts down, once every test
 * context using it is closed. Each context
 * uses it through a {@link EmbeddedS3#forAccessKey(String) view with its own access key}, and so a store of its own,
 * as each has a database of its own in the shared DynamoDB Local.
 */
final class SharedEmbeddedS3 {

	private static @Nullable EmbeddedS3 server;

	private static int starts;

	private SharedEmbeddedS3() {
	}

	/**
	 * Returns the server, starting it (in the background) if no context started it yet or its start failed.
	 * @return the server
	 */
	static synchronized EmbeddedS3 get() {
		EmbeddedS3 running = server;
		if (running != null && running.isStartingOrRunning()) {
			return running;
		}
		EmbeddedS3 started = new EmbeddedS3(0);
		started.startAsync();
		starts++;
		// the contexts using it close first ({@link SharedServerContexts})
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			SharedServerContexts.closeAll();
			started.destroy();
		}, "singletable-shared-s3-shutdown"));
		server = started;
		return started;
	}

	/**
	 * Returns how many times a server was started in this JVM.
	 * @return the number of starts, {@code 1} once the first context needed it
	 */
	static synchronized int startCount() {
		return starts;
	}

}
