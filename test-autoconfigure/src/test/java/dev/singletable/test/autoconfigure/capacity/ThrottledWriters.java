package dev.singletable.test.autoconfigure.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import dev.singletable.core.PartitionThrottledException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Concurrent writers against a {@link DynamoDbPartitionLimits} model, for the tests of a key spread over shards:
 * {@link #race} has each of a few threads write its values one after another, noting each value stored or refused
 * with a {@link PartitionThrottledException}; {@link #assertSpread} checks that a spread key's writes went to its
 * shards' keys, each taking a part, and none to the unspread key.
 */
public final class ThrottledWriters {

	private ThrottledWriters() {
	}

	/**
	 * Runs {@code threads} writers at once, each writing {@code perThread} values made by {@code value} (from the
	 * writer's number and the value's) one after another with {@code write}.
	 * @return the values stored, those refused and the refusals, once every writer has ended (at most 2 minutes)
	 */
	public static <T> Outcome<T> race(int threads, int perThread, BiFunction<Integer, Integer, T> value,
			Consumer<T> write) throws Exception {
		Outcome<T> outcome = new Outcome<>(ConcurrentHashMap.newKeySet(), ConcurrentHashMap.newKeySet(),
				new CopyOnWriteArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> writers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				writers.add(pool.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						T next = value.apply(thread, i);
						try {
							write.accept(next);
							outcome.stored().add(next);
						}
						catch (PartitionThrottledException ex) {
							outcome.refused().add(next);
							outcome.refusals().add(ex);
						}
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(outcome.stored().size() + outcome.refused().size()).as("every write stored or refused")
			.isEqualTo(threads * perThread);
		return outcome;
	}

	/**
	 * Asserts that the writes of {@code key} of {@code index} went to its {@code shards} keys ({@code key#0} to
	 * {@code key#(shards-1)}), each taking some, and none to {@code key} itself.
	 */
	public static void assertSpread(DynamoDbPartitionLimits limits, String index, String key, int shards) {
		assertThat(limits.consumedWriteUnits(index, key)).as("the unspread key %s", key).isZero();
		for (int shard = 0; shard < shards; shard++) {
			assertThat(limits.consumedWriteUnits(index, key + "#" + shard)).as("shard %s of %s", shard, key)
				.isPositive();
		}
	}

	/**
	 * What concurrent writers did.
	 * @param stored the values written
	 * @param refused the values refused
	 * @param refusals the refusals, one per refused value
	 * @param <T> the values
	 */
	public record Outcome<T>(Set<T> stored, Set<T> refused, List<PartitionThrottledException> refusals) {
	}

}
