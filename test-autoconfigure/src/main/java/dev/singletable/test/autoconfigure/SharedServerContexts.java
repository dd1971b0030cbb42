package dev.singletable.test.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test contexts of this JVM that use the shared embedded servers, closed before the servers stop at the JVM's
 * exit: each server's shutdown hook first {@link #closeAll() closes them}, so that what a context runs on a server
 * (the change stream's worker, Spring Modulith's event publication registry, every {@code Flux} of changes, the
 * clients) stops while the server still answers. JVM shutdown hooks run concurrently and in no order, so without this
 * the servers stopped while the contexts' own hooks closed them: their workers and registries then failed against a
 * closed port, retrying until Surefire killed the JVM 30 s later. Contexts are held weakly, closed in parallel, and
 * the wait is bounded.
 */
final class SharedServerContexts {

	private static final Log logger = LogFactory.getLog(SharedServerContexts.class);

	/** How long the servers wait for the contexts to close at most, within Surefire's 30 s for the JVM's exit. */
	static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

	private static final Map<ConfigurableApplicationContext, Boolean> contexts = Collections
		.synchronizedMap(new WeakHashMap<>());

	private static List<Thread> closing;

	private SharedServerContexts() {
	}

	/**
	 * Registers a context that uses the shared servers.
	 * @param context the context
	 */
	static void register(ConfigurableApplicationContext context) {
		contexts.put(context, Boolean.TRUE);
	}

	/**
	 * Closes every registered context still active, in parallel, and waits for them, at most {@link #CLOSE_TIMEOUT}
	 * in all; a second call (the other server's hook) waits for the closes the first started.
	 */
	static void closeAll() {
		List<Thread> threads;
		synchronized (SharedServerContexts.class) {
			if (closing == null) {
				List<ConfigurableApplicationContext> active = new ArrayList<>();
				synchronized (contexts) {
					contexts.keySet().stream().filter(ConfigurableApplicationContext::isActive).forEach(active::add);
				}
				closing = new ArrayList<>();
				for (ConfigurableApplicationContext context : active) {
					Thread thread = new Thread(() -> close(context), "singletable-shared-server-context-close");
					thread.setDaemon(true);
					thread.start();
					closing.add(thread);
				}
			}
			threads = closing;
		}
		long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
		for (Thread thread : threads) {
			try {
				TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, deadline - System.nanoTime()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private static void close(ConfigurableApplicationContext context) {
		try {
			context.close();
		}
		catch (RuntimeException ex) {
			logger.warn("A test context could not be closed before the shared embedded servers stop: "
					+ ex.getMessage(), ex);
		}
	}

}
