package dev.singletable.evolution.internal.backfill;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The quantiles of a sequence of sort keys read once in order, in constant memory whatever its length: it keeps the
 * keys at every {@code stride}-th position, and when it holds twice its capacity it drops every other one and doubles
 * the stride. At the end each kept key stands for at most {@code stride} keys, so a quantile is off by less than
 * {@code 2 / capacity} of the keys.
 */
final class KeyQuantiles {

	private final int capacity;

	private List<String> kept = new ArrayList<>();

	private long stride = 1;

	private long count;

	private @Nullable String last;

	/**
	 * Creates an empty sample.
	 * @param capacity the keys kept at least once more than that many were added
	 */
	KeyQuantiles(int capacity) {
		this.capacity = Math.max(2, capacity);
	}

	/**
	 * Adds the next key, not before the previous one in the order the keys are split in.
	 */
	void add(String key) {
		if (this.count % this.stride == 0) {
			this.kept.add(key);
			if (this.kept.size() >= 2 * this.capacity) {
				List<String> half = new ArrayList<>(this.capacity);
				for (int i = 0; i < this.kept.size(); i += 2) {
					half.add(this.kept.get(i));
				}
				this.kept = half;
				this.stride *= 2;
			}
		}
		this.count++;
		this.last = key;
	}

	/**
	 * Returns how many keys were added.
	 */
	long count() {
		return this.count;
	}

	/**
	 * Splits the keys into {@code segments} ranges of about as many keys each.
	 * @return {@code segments + 1} bounds: the first key, the key each further range starts at, and the last key;
	 * empty when no key was added. Equal bounds make an empty range (keys equal to a bound all belong to the range
	 * it starts).
	 */
	List<String> bounds(int segments) {
		String end = this.last;
		if (end == null) {
			return List.of();
		}
		List<String> bounds = new ArrayList<>(segments + 1);
		bounds.add(this.kept.get(0));
		for (int i = 1; i < segments; i++) {
			long position = this.count * i / segments;
			int index = (int) Math.min(position / this.stride, this.kept.size() - 1);
			bounds.add(this.kept.get(index));
		}
		bounds.add(end);
		return bounds;
	}

}
