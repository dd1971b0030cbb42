package dev.singletable.benchmarks.reactive;

import java.time.Duration;

/**
 * One API driven on many lanes at once: every lane runs one operation after another, on its own article, until a
 * deadline; the API's SDK client counts its requests and waits the round trip before each.
 */
interface ApiLanes extends AutoCloseable {

	/**
	 * Returns the API driven.
	 * @return the API
	 */
	Api api();

	/**
	 * Stores one article per lane and brings each to its full history, so that every measured update prunes.
	 * @param lanes the lanes
	 */
	void setUp(int lanes);

	/**
	 * Runs an operation on every lane until a deadline, then lets each lane finish the operation in flight.
	 * @param operation the operation
	 * @param deadlineNanos when lanes stop starting operations, on {@link System#nanoTime()}'s clock
	 * @return the operations done; every one succeeded (a get found its article), else this throws
	 */
	long run(ConcurrentOperation operation, long deadlineNanos);

	/**
	 * Sets the round trip of every request from now on.
	 * @param delay the round trip
	 */
	void delay(Duration delay);

	/**
	 * Returns the requests the API's SDK client sent (attempts) since the last reset.
	 * @return the count
	 */
	long requests();

	/**
	 * Returns how many requests waited the round trip since the client was made.
	 * @return the count
	 */
	long delayed();

	/** Starts counting requests from zero. */
	void resetRequests();

	@Override
	void close();

}
