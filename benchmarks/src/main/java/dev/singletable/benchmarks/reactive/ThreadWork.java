package dev.singletable.benchmarks.reactive;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The CPU time of every live thread of the JVM at one moment ({@link ThreadMXBean}), to tell which threads did work
 * between two moments: a thread did work when its CPU time grew, or when it was started in between and used any.
 *
 * @param cpuNanos CPU time by thread id
 * @param names thread names by thread id
 */
record ThreadWork(Map<Long, Long> cpuNanos, Map<Long, String> names) {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	/**
	 * Takes the CPU time of every live thread.
	 * @return the snapshot
	 */
	static ThreadWork now() {
		if (!THREADS.isThreadCpuTimeSupported()) {
			throw new IllegalStateException("This JVM cannot measure the CPU time of threads: the reactive section "
					+ "counts the threads that did work from it");
		}
		if (!THREADS.isThreadCpuTimeEnabled()) {
			THREADS.setThreadCpuTimeEnabled(true);
		}
		Map<Long, Long> cpu = new HashMap<>();
		Map<Long, String> names = new HashMap<>();
		long[] ids = THREADS.getAllThreadIds();
		ThreadInfo[] infos = THREADS.getThreadInfo(ids);
		for (int i = 0; i < ids.length; i++) {
			long nanos = THREADS.getThreadCpuTime(ids[i]);
			if (infos[i] != null && nanos >= 0) {
				cpu.put(ids[i], nanos);
				names.put(ids[i], infos[i].getThreadName());
			}
		}
		return new ThreadWork(cpu, names);
	}

	/**
	 * Waits, a second at the most, until no live thread whose name begins with a prefix is running: a pool's
	 * threads whose last task ended still return to waiting for the next, a little CPU that belongs before the moment
	 * this returns.
	 * @param prefix the prefix
	 */
	static void awaitAtRest(String prefix) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
		while (anyRunning(prefix) && System.nanoTime() < deadline) {
			Thread.yield();
		}
	}

	private static boolean anyRunning(String prefix) {
		for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
			if (info != null && info.getThreadName().startsWith(prefix)
					&& info.getThreadState() == Thread.State.RUNNABLE) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Returns the threads that did work since an earlier snapshot, with the CPU time each used in between.
	 * @param before the earlier snapshot
	 * @return CPU nanoseconds by thread name, for the threads alive now that used any
	 */
	Map<String, Long> since(ThreadWork before) {
		Map<String, Long> worked = new TreeMap<>();
		this.cpuNanos.forEach((id, nanos) -> {
			long used = nanos - before.cpuNanos.getOrDefault(id, 0L);
			if (used > 0) {
				worked.merge(this.names.get(id) + " #" + id, used, Long::sum);
			}
		});
		return worked;
	}

	/**
	 * Counts the live threads whose name begins with a prefix.
	 * @param prefix the prefix
	 * @return the count
	 */
	long alive(String prefix) {
		return this.names.values().stream().filter((name) -> name.startsWith(prefix)).count();
	}

}
