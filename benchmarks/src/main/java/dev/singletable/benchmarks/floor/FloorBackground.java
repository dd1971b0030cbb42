package dev.singletable.benchmarks.floor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the floor runs the work its writes leave for after their answers, as singletable's background pool does it
 * (up to 16 threads, the work of one resource in order): by hand, 16 single-thread executors, a resource's work always
 * on the one its id picks. Or at once, before the answer, when set inline (the runs against canned responses).
 */
final class FloorBackground {

	/** As many threads at the most as singletable's background pool. */
	private static final int THREADS = 16;

	private final List<ExecutorService> stripes = new ArrayList<>(THREADS);

	private final AtomicInteger pending = new AtomicInteger();

	private volatile boolean inline;

	/**
	 * Creates the executors, their threads named {@code name-N} (started when first used).
	 */
	FloorBackground(String name) {
		for (int i = 0; i < THREADS; i++) {
			String threadName = name + "-" + i;
			this.stripes.add(Executors.newSingleThreadExecutor((runnable) -> {
				Thread thread = new Thread(runnable, threadName);
				thread.setDaemon(true);
				return thread;
			}));
		}
	}

	/**
	 * Runs a resource's work after the answer, after the work of the same resource given before; at once when inline.
	 */
	void after(String resource, Runnable work) {
		if (this.inline) {
			work.run();
			return;
		}
		this.pending.incrementAndGet();
		this.stripes.get(Math.floorMod(resource.hashCode(), THREADS)).execute(() -> {
			try {
				work.run();
			}
			finally {
				if (this.pending.decrementAndGet() == 0) {
					synchronized (this.pending) {
						this.pending.notifyAll();
					}
				}
			}
		});
	}

	/**
	 * Runs the work before the answers (see {@code BackgroundWork#setInline}), or after them again.
	 */
	void setInline(boolean inline) {
		this.inline = inline;
	}

	/**
	 * Waits until the work after the answers ended, woken as the last of it ends (as singletable's pool wakes its
	 * waiter): a waiter that spun would take a core from the work it waits for.
	 */
	void await() {
		synchronized (this.pending) {
			while (this.pending.get() > 0) {
				try {
					this.pending.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

}
