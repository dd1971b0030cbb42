package dev.singletable.core.convert;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A few idle instances of something costly to make (a {@link java.util.zip.Deflater} with its native memory), kept
 * for the next caller. An instance is handed to one caller at a time; one given back when the pool is full is
 * ended, so the pool never holds more than its capacity, and an instance never taken back is ended by its own
 * cleaner, as any other.
 * @param <T> the instances
 */
final class IdlePool<T> {

	/**
	 * As many as threads can use at once without waiting for the CPU, at least 2, at most 8 (a deflater holds about
	 * 300 KB of native memory).
	 */
	static final int CAPACITY = Math.max(2, Math.min(8, Runtime.getRuntime().availableProcessors()));

	private final AtomicReferenceArray<T> idle;

	private final Supplier<T> factory;

	private final Consumer<T> end;

	/**
	 * Creates an empty pool.
	 * @param capacity the most instances kept idle
	 * @param factory makes an instance when none is idle
	 * @param end releases what an instance holds, when the pool does not keep it
	 */
	IdlePool(int capacity, Supplier<T> factory, Consumer<T> end) {
		this.idle = new AtomicReferenceArray<>(capacity);
		this.factory = factory;
		this.end = end;
	}

	/**
	 * Takes an idle instance, or makes one.
	 * @return an instance no other caller holds
	 */
	T take() {
		int slots = this.idle.length();
		int start = start(slots);
		for (int i = 0; i < slots; i++) {
			int slot = (start + i) % slots;
			T instance = this.idle.get(slot);
			if (instance != null && this.idle.compareAndSet(slot, instance, null)) {
				return instance;
			}
		}
		return this.factory.get();
	}

	/**
	 * Gives an instance back: keeps it when a slot is free, else ends it. The caller must not use it afterwards.
	 * @param instance what {@link #take()} returned
	 */
	void giveBack(T instance) {
		int slots = this.idle.length();
		int start = start(slots);
		for (int i = 0; i < slots; i++) {
			int slot = (start + i) % slots;
			if (this.idle.get(slot) == null && this.idle.compareAndSet(slot, null, instance)) {
				return;
			}
		}
		this.end.accept(instance);
	}

	/**
	 * Ends an instance that must not be used again (one left in an unknown state by a failure).
	 * @param instance what {@link #take()} returned
	 */
	void discard(T instance) {
		this.end.accept(instance);
	}

	/** Threads start at different slots, so that they rarely compete for one. */
	private static int start(int slots) {
		return (int) (Thread.currentThread().getId() % slots);
	}

}
