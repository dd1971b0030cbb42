package dev.singletable.core.blob;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.convert.StorageJsonMapper;
import dev.singletable.test.MutableClock;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests the cache of {@link BlobStorage} against the in-process S3, counting its {@code GetObject} requests: hits,
 * expiry, the size and item bounds (least recently used out first), objects over the item size, what this storage's
 * own writes, copies and deletes forget, the size limit of a read answered from the cache, and parallel reads.
 */
class BlobCacheIntegrationTests {

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private BlobStorage storage(BlobCacheSettings settings) {
		return new BlobStorage(s3.client(), s3.bucket(), "c", StorageJsonMapper.create(), BlobStorage.DELETE_BATCH,
				BlobStorage.DELETE_BATCH, settings, this.clock);
	}

	private static BlobCacheSettings limits(long maxSizeBytes, int maxItems, long maxItemSizeBytes) {
		return new BlobCacheSettings(true, maxSizeBytes, maxItems, Duration.ofSeconds(60), maxItemSizeBytes);
	}

	private static int gets() {
		return s3.requests().count("GetObject");
	}

	@Test
	void aSecondReadIsAnsweredFromTheCacheUntilItExpires() {
		BlobStorage storage = storage(limits(1000, 10, 1000));
		BlobLocation location = BlobLocation.of("Doc", "d1", 1, "body");
		storage.write(location, Map.of("n", 1), new BlobSpec(true, null, -1));
		s3.requests().reset();

		assertThat(storage.read(location, BlobSpec.DEFAULT, Map.class)).isEqualTo(Map.of("n", 1));
		assertThat(storage.read(location, BlobSpec.DEFAULT, Map.class)).isEqualTo(Map.of("n", 1));
		assertThat(gets()).isOne();
		// the uncompressed JSON is kept: {"n":1}
		assertThat(storage.getCacheStats()).isEqualTo(new BlobCacheStats(1, 1, 0, 7, 1));
		assertThat(storage.getCacheStats().hitRate()).isEqualTo(0.5);

		this.clock.set(Instant.parse("2026-01-01T00:00:59Z"));
		storage.read(location, BlobSpec.DEFAULT, Map.class);
		assertThat(gets()).isOne();
		this.clock.set(Instant.parse("2026-01-01T00:01:01Z"));
		storage.read(location, BlobSpec.DEFAULT, Map.class);
		assertThat(gets()).as("expired: read again").isEqualTo(2);
		assertThat(storage.getCacheStats()).isEqualTo(new BlobCacheStats(2, 2, 0, 7, 1));
		storage.read(location, BlobSpec.DEFAULT, Map.class);
		assertThat(gets()).as("kept again from the new read").isEqualTo(2);
	}

	@Test
	void evictsTheLeastRecentlyUsedToStayWithinSizeAndItems() {
		BlobStorage storage = storage(limits(25, 10, 100));
		BlobLocation a = BlobLocation.of("Doc", "a", 1, "f");
		BlobLocation b = BlobLocation.of("Doc", "b", 1, "f");
		BlobLocation c = BlobLocation.of("Doc", "c", 1, "f");
		for (BlobLocation location : List.of(a, b, c)) {
			storage.write(location, new byte[10], BlobSpec.DEFAULT);
		}
		storage.read(a, BlobSpec.DEFAULT, byte[].class);
		storage.read(b, BlobSpec.DEFAULT, byte[].class);
		storage.read(a, BlobSpec.DEFAULT, byte[].class);
		s3.requests().reset();
		// 30 bytes do not fit in 25: b, used least recently, goes
		storage.read(c, BlobSpec.DEFAULT, byte[].class);
		assertThat(storage.getCacheStats()).isEqualTo(new BlobCacheStats(1, 3, 1, 20, 2));
		storage.read(a, BlobSpec.DEFAULT, byte[].class);
		storage.read(c, BlobSpec.DEFAULT, byte[].class);
		assertThat(gets()).isOne();
		storage.read(b, BlobSpec.DEFAULT, byte[].class);
		assertThat(gets()).isEqualTo(2);

		BlobStorage twoItems = storage(limits(1000, 2, 100));
		twoItems.read(a, BlobSpec.DEFAULT, byte[].class);
		twoItems.read(b, BlobSpec.DEFAULT, byte[].class);
		twoItems.read(c, BlobSpec.DEFAULT, byte[].class);
		assertThat(twoItems.getCacheStats()).isEqualTo(new BlobCacheStats(0, 3, 1, 20, 2));
		twoItems.read(a, BlobSpec.DEFAULT, byte[].class);
		assertThat(twoItems.getCacheStats().misses()).as("a was evicted").isEqualTo(4);
	}

	@Test
	void neverKeepsAnObjectOverTheItemSize() {
		BlobStorage storage = storage(limits(1000, 10, 9));
		BlobLocation location = BlobLocation.of("Doc", "d1", "f");
		storage.write(location, new byte[10], BlobSpec.DEFAULT);
		s3.requests().reset();
		storage.read(location, BlobSpec.DEFAULT, byte[].class);
		storage.read(location, BlobSpec.DEFAULT, byte[].class);
		assertThat(gets()).isEqualTo(2);
		assertThat(storage.getCacheStats()).isEqualTo(new BlobCacheStats(0, 2, 0, 0, 0));
	}

	@Test
	void forgetsWhatThisStorageWritesCopiesOverAndDeletes() {
		BlobStorage storage = storage(limits(1000, 10, 1000));
		BlobLocation plain = BlobLocation.of("Note", "n1", "text");
		storage.write(plain, "one", BlobSpec.DEFAULT);
		assertThat(storage.read(plain, BlobSpec.DEFAULT, String.class)).isEqualTo("one");
		storage.write(plain, "two", BlobSpec.DEFAULT);
		assertThat(storage.read(plain, BlobSpec.DEFAULT, String.class)).isEqualTo("two");

		BlobLocation other = BlobLocation.of("Note", "n2", "text");
		storage.write(other, "other", BlobSpec.DEFAULT);
		storage.copy(other, plain);
		assertThat(storage.read(plain, BlobSpec.DEFAULT, String.class)).isEqualTo("other");

		storage.delete(plain);
		assertThatExceptionOfType(BlobNotFoundException.class)
			.isThrownBy(() -> storage.read(plain, BlobSpec.DEFAULT, String.class));

		BlobLocation v1 = BlobLocation.of("Doc", "d1", 1, "body");
		BlobLocation v2 = BlobLocation.of("Doc", "d1", 2, "body");
		BlobLocation neighbour = BlobLocation.of("Doc", "d10", 1, "body");
		for (BlobLocation location : List.of(v1, v2, neighbour)) {
			storage.write(location, location.id() + location.version(), BlobSpec.DEFAULT);
			storage.read(location, BlobSpec.DEFAULT, String.class);
		}
		storage.deleteAll(List.of(v1));
		assertThat(storage.getCacheStats().items()).isEqualTo(2);
		storage.deleteResource("Doc", "d1");
		assertThat(storage.getCacheStats().items()).as("only d10's object is left").isOne();
		assertThatExceptionOfType(BlobNotFoundException.class)
			.isThrownBy(() -> storage.read(v2, BlobSpec.DEFAULT, String.class));
		// the same key written again (a resource deleted and created anew) reads the new object
		storage.write(v1, "new", BlobSpec.DEFAULT);
		assertThat(storage.read(v1, BlobSpec.DEFAULT, String.class)).isEqualTo("new");
		s3.requests().reset();
		assertThat(storage.read(neighbour, BlobSpec.DEFAULT, String.class)).isEqualTo("d101");
		assertThat(gets()).isZero();

		storage.clearCache();
		assertThat(storage.getCacheStats().items()).isZero();
		storage.read(neighbour, BlobSpec.DEFAULT, String.class);
		assertThat(gets()).isOne();
	}

	@Test
	void aCachedObjectIsStillCheckedAgainstTheReadLimitAndItsBytesAreNotShared() {
		BlobStorage storage = storage(limits(1000, 10, 1000));
		BlobLocation location = BlobLocation.of("Doc", "d1", 1, "raw");
		storage.write(location, new byte[] { 1, 2, 3 }, BlobSpec.DEFAULT);
		byte[] first = storage.read(location, BlobSpec.DEFAULT, byte[].class);
		first[0] = 9;
		assertThat(storage.read(location, BlobSpec.DEFAULT, byte[].class)).containsExactly(1, 2, 3);
		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> storage.read(location, new BlobSpec(false, null, 2), byte[].class))
			.satisfies((ex) -> assertThat(ex.getSizeBytes()).isEqualTo(3));
		assertThat(storage.getCacheStats().hits()).isEqualTo(2);
	}

	@Test
	void disabledReadsEveryTimeAndCountsNothing() {
		BlobStorage storage = storage(BlobCacheSettings.DISABLED);
		BlobLocation location = BlobLocation.of("Doc", "d1", 1, "body");
		storage.write(location, "x", BlobSpec.DEFAULT);
		s3.requests().reset();
		storage.read(location, BlobSpec.DEFAULT, String.class);
		storage.read(location, BlobSpec.DEFAULT, String.class);
		assertThat(gets()).isEqualTo(2);
		assertThat(storage.getCacheStats()).isEqualTo(new BlobCacheStats(0, 0, 0, 0, 0));
		assertThat(storage.getCacheStats().hitRate()).isZero();
	}

	@Test
	void parallelReadsGetTheirObjectsAndConsistentCounters() throws Exception {
		BlobStorage storage = storage(limits(1000, 5, 100));
		List<BlobLocation> locations = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			BlobLocation location = BlobLocation.of("Doc", "p" + i, 1, "f");
			storage.write(location, "value-" + i, BlobSpec.DEFAULT);
			locations.add(location);
		}
		int threads = 8;
		int readsPerThread = 40;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Integer>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int offset = t;
				results.add(executor.submit(() -> {
					int correct = 0;
					for (int r = 0; r < readsPerThread; r++) {
						int i = (offset + r * 3) % locations.size();
						if (("value-" + i).equals(storage.read(locations.get(i), BlobSpec.DEFAULT, String.class))) {
							correct++;
						}
					}
					return correct;
				}));
			}
			for (Future<Integer> result : results) {
				assertThat(result.get()).isEqualTo(readsPerThread);
			}
		}
		finally {
			executor.shutdown();
		}
		BlobCacheStats stats = storage.getCacheStats();
		assertThat(stats.hits() + stats.misses()).isEqualTo(threads * readsPerThread);
		assertThat(stats.items()).isEqualTo(5);
		// each object is "value-i" as JSON: 9 bytes
		assertThat(stats.sizeBytes()).isEqualTo(5 * 9);
		assertThat(stats.misses()).isGreaterThanOrEqualTo(8);
		assertThat(stats.evictions()).isGreaterThanOrEqualTo(3).isLessThanOrEqualTo(stats.misses() - 5);
	}

}
