package dev.singletable.benchmarks;

/**
 * Evicts the measuring thread's working set from the CPU caches between two operations, as another process sharing
 * the cores does: it writes one word of every cache line of a buffer larger than the caches. Against DynamoDB Local
 * on the same two vCPUs, the server's request handling does that between every pair of client operations, so each
 * operation runs with cold caches and costs several times its CPU against canned responses; flushing between
 * operations approaches that without a server (how closely varies with the host), so that what a write costs cold
 * can be measured and attributed.
 */
final class CacheFlush {

	/** The size of a cache line, in {@code long}s. */
	private static final int LINE = 8;

	private final long[] buffer;

	private long sum;

	private CacheFlush(int kilobytes) {
		this.buffer = new long[kilobytes * 128];
	}

	/**
	 * A flush through a buffer of the given size: larger than the last-level cache to evict everything.
	 * @param kilobytes the buffer's size
	 * @return the flush
	 */
	static CacheFlush ofKilobytes(int kilobytes) {
		if (kilobytes <= 0) {
			throw new IllegalArgumentException("A cache flush needs a buffer of at least 1 KB, not " + kilobytes);
		}
		return new CacheFlush(kilobytes);
	}

	/**
	 * Returns the buffer's size.
	 * @return kilobytes
	 */
	int kilobytes() {
		return this.buffer.length / 128;
	}

	/**
	 * Touches every cache line of the buffer once.
	 * @return a value that depends on every line touched, so that the loop cannot be left out
	 */
	long run() {
		long[] lines = this.buffer;
		long value = this.sum;
		for (int i = 0; i < lines.length; i += LINE) {
			lines[i] += value;
			value += lines[i] + 1;
		}
		this.sum = value;
		return value;
	}

}
