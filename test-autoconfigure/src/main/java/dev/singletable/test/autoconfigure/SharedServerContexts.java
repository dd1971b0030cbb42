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
import org.jspecify.annotations.Nullable;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test contexts of this JVM that use the shared embedded servers, closed before the servers stop at the JVM's
 * exit: each server's shutdown hook first {@link #closeAll() closes them and waits until every one has finished
 * closing}, so that what a context runs on a server (the change stream's worker, Spring Modulith's event publication
 * registry, every {@code Flux} of changes, the clients) stops while the server still answers. JVM shutdown hooks run
 * concurrently and in no order: a context may already be closing in its own hook (Spring's) when a server's hook
 * runs, and {@link ConfigurableApplicationContext#close()} then returns at once, while that close goes on. So the
 * servers wait for each context to be no longer {@link ConfigurableApplicationContext#isActive() active}, which a
 * context becomes only at the end of its close, whoever closes it. Contexts are held weakly, closed in parallel, and
 * the wait is bounded.
 */
final class SharedServerContexts {

	private static final Log logger = LogFactory.getLog(SharedServerContexts.class);

	/** How long the servers wait for the contexts to close at most, within Surefire's 30 s for the JVM's exit. */
	static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(20);

	/** How often a close that another thread runs is looked at. */
	private static final long POLL_MILLIS = 10;

	private static final SharedServerContexts jvm = new SharedServerContexts(CLOSE_TIMEOUT);

	private final Duration timeout;

	private final Map<ConfigurableApplicationContext, Boolean> contexts = Collections
		.synchronizedMap(new WeakHashMap<>());

	private @Nullable List<Thread> closing;

	private long deadline;

	SharedServerContexts(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Registers a context that uses the shared servers of this JVM.
	 * @param context the context
	 */
	static void register(ConfigurableApplicationContext context) {
		jvm.add(context);
	}

	/**
	 * Closes every registered context of this JVM still active and waits until each has finished closing
	 * ({@link #closeAndAwait()}).
	 */
	static void closeAll() {
		jvm.closeAndAwait();
	}

	/**
	 * Adds a context.
	 * @param context the context
	 */
	void add(ConfigurableApplicationContext context) {
		this.contexts.put(context, Boolean.TRUE);
	}

	/**
	 * Closes every context still active, in parallel, and waits until each has finished closing, whichever thread
	 * closes it, at most the timeout in all; a second call (the other server's hook) waits for the same closes.
	 */
	void closeAndAwait() {
		List<Thread> threads;
		long until;
		synchronized (this) {
			if (this.closing == null) {
				List<ConfigurableApplicationContext> active = new ArrayList<>();
				synchronized (this.contexts) {
					this.contexts.keySet()
						.stream()
						.filter(ConfigurableApplicationContext::isActive)
						.forEach(active::add);
				}
				this.deadline = System.nanoTime() + this.timeout.toNanos();
				List<Thread> started = new ArrayList<>();
				for (ConfigurableApplicationContext context : active) {
					long contextDeadline = this.deadline;
					Thread thread = new Thread(() -> close(context, contextDeadline),
							"singletable-shared-server-context-close");
					thread.setDaemon(true);
					thread.start();
					started.add(thread);
				}
				this.closing = started;
			}
			threads = this.closing;
			until = this.deadline;
		}
		for (Thread thread : threads) {
			try {
				TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(1, until - System.nanoTime()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private void close(ConfigurableApplicationContext context, long deadline) {
		try {
			context.close();
		}
		catch (RuntimeException ex) {
			logger.warn("A test context could not be closed before the shared embedded servers stop: "
					+ ex.getMessage(), ex);
		}
		// close() returns at once when another thread (the context's own shutdown hook) is closing it: wait for
		// that close to end, as the context is active until the end of its close
		try {
			while (context.isActive() && System.nanoTime() < deadline) {
				Thread.sleep(POLL_MILLIS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		if (context.isActive()) {
			logger.warn("A test context was still closing when the shared embedded servers stopped, after waiting "
					+ this.timeout.toMillis() + " ms at most for every context");
		}
	}

}
