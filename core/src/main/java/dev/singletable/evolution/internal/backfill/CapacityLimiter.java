package dev.singletable.evolution.internal.backfill;

/**
 * Limits the capacity units a run consumes per second on this instance: a token bucket paid after each request
 * (DynamoDB says what a request cost only in its answer). Each request first waits until the bucket is no longer
 * in debt, then pays what its answer says it consumed; the bucket refills at the limit per second and holds at most
 * one second of it, and starts empty, so over a run the units consumed per second stay at the limit (give or take
 * the last requests of the threads in flight). Shared by the run's threads.
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
	 * Waits until a request may be sent.
	 * @throws InterruptedException when the thread is interrupted while waiting
	 */
	void acquire() throws InterruptedException {
		if (this.perSecond <= 0) {
			return;
		}
		while (true) {
			long waitNanos;
			synchronized (this) {
				refill();
				if (this.tokens >= 0) {
					return;
				}
				waitNanos = (long) (-this.tokens / this.perSecond * 1_000_000_000L);
			}
			Thread.sleep(Math.max(1, waitNanos / 1_000_000));
		}
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
