package dev.singletable.test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A UTC clock a test sets, for templates whose timestamps or TTL checks a test controls.
 */
public final class MutableClock extends Clock {

	private final AtomicReference<Instant> now;

	/**
	 * Creates a clock showing the given instant.
	 * @param now the instant
	 */
	public MutableClock(Instant now) {
		this.now = new AtomicReference<>(now);
	}

	/**
	 * Creates a clock showing the current instant until it is set.
	 */
	public MutableClock() {
		this(Instant.now());
	}

	/**
	 * Sets the instant the clock shows.
	 * @param instant the instant
	 */
	public void set(Instant instant) {
		this.now.set(instant);
	}

	@Override
	public Instant instant() {
		return this.now.get();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

}
