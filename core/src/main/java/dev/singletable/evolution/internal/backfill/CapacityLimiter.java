package dev.singletable.evolution.internal.backfill;

import java.time.Duration;

/**
 * Limits the capacity units a run consumes per second on this instance: a token bucket paid after each request
 * (DynamoDB says what a request cost only in its answer). Each request first waits until the bucket is no longer
 * in debt ({@link #waitTime}: the run's plans wait that long), then pays what its answer says it consumed; the
 * bucket refills at the limit per second and holds at most one second of it, and starts empty, so over a run the
 * units consumed per second stay at the limit (give or take the last requests of the threads in flight). Shared by
 * the run's threads.
 */
final class CapacityLimiter {

	private final double perSecond;

	private double tokens;

	private long refilledAt = System.nanoTime();

	/**
	 * @param perSecond the limit, {@code 0} for none
	 */
	CapacityLimiter(double perSecond) {
		this.perSecond = perSecond;
	}

	/**
	 * Returns how long a request must wait before it is sent: zero when the bucket is not in debt, else until it is
	 * paid off (ask again then: other threads may have paid meanwhile).
	 */
	synchronized Duration waitTime() {
		if (this.perSecond <= 0) {
			return Duration.ZERO;
		}
		refill();
		if (this.tokens >= 0) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(Math.max(1, (long) (-this.tokens / this.perSecond * 1000)));
	}

	/**
	 * Pays what a request consumed.
	 * @param units the capacity units its answer reported
	 */
	synchronized void pay(double units) {
		if (this.perSecond > 0) {
			refill();
			this.tokens -= units;
		}
	}

	private void refill() {
		long now = System.nanoTime();
		this.tokens = Math.min(this.perSecond, this.tokens + (now - this.refilledAt) / 1e9 * this.perSecond);
		this.refilledAt = now;
	}

}
