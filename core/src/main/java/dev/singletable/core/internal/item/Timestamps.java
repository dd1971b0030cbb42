package dev.singletable.core.internal.item;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.StorageTimestamps;

/**
 * The template's time: the clock reads compare expiry times with, and the timestamps writes carry, each later
 * than the previous modification time of the resource and than any timestamp handed out before.
 */
public final class Timestamps {

	private volatile Clock clock = Clock.systemUTC();

	private final AtomicLong lastTimestamp = new AtomicLong(Long.MIN_VALUE);

	public void setClock(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Returns the clock's current time.
	 */
	public Instant now() {
		return this.clock.instant();
	}

	/**
	 * Returns the timestamp for a write: the clock's time truncated to microseconds, but always later than the
	 * previous modification time of the same resource and than any timestamp handed out before. Every write of a
	 * resource thus gets a distinct, increasing {@code updated_at}, which is what makes it safe as an optimistic
	 * lock.
	 * @param previous the resource's previous modification time, if known
	 */
	public Instant next(@Nullable Instant previous) {
		long now = micros(StorageTimestamps.now(this.clock));
		long floor = (previous != null) ? micros(previous) + 1 : Long.MIN_VALUE;
		long candidate = Math.max(now, floor);
		long issued = this.lastTimestamp.updateAndGet((last) -> Math.max(candidate, last + 1));
		return Instant.ofEpochSecond(Math.floorDiv(issued, 1_000_000L), Math.floorMod(issued, 1_000_000L) * 1000L);
	}

	private static long micros(Instant instant) {
		return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
	}

}
