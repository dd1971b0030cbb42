package dev.singletable.core.blob;

import java.time.Duration;

import org.springframework.util.Assert;

/**
 * The limits of the in-process cache of blob objects that a {@link BlobStorage} keeps: objects are kept by their S3
 * key, least recently used first out, for at most {@code ttl}; objects larger than {@code maxItemSizeBytes} are never
 * kept. Sizes are those of the bytes kept, which are the uncompressed bytes of the object.
 *
 * @param enabled whether objects are cached at all
 * @param maxSizeBytes the most bytes kept in all
 * @param maxItems the most objects kept
 * @param ttl how long an object is kept after it was read; after that it is read from S3 again
 * @param maxItemSizeBytes the largest object kept
 */
public record BlobCacheSettings(boolean enabled, long maxSizeBytes, int maxItems, Duration ttl,
		long maxItemSizeBytes) {

	/** One mebibyte. */
	private static final long MB = 1024 * 1024;

	/**
	 * The defaults, those of {@code simplesingletable}: on, 100 MB, 1000 objects, 15 minutes, objects up to 1 MB.
	 */
	public static final BlobCacheSettings DEFAULT = new BlobCacheSettings(true, 100 * MB, 1000,
			Duration.ofSeconds(900), MB);

	/** No cache: every load reads S3. */
	public static final BlobCacheSettings DISABLED = new BlobCacheSettings(false, DEFAULT.maxSizeBytes(),
			DEFAULT.maxItems(), DEFAULT.ttl(), DEFAULT.maxItemSizeBytes());

	/**
	 * Checks the limits.
	 * @throws IllegalArgumentException when a limit is negative or the time to live is not positive
	 */
	public BlobCacheSettings {
		Assert.isTrue(maxSizeBytes >= 0, () -> "maxSizeBytes must not be negative, but was " + maxSizeBytes);
		Assert.isTrue(maxItems >= 0, () -> "maxItems must not be negative, but was " + maxItems);
		Assert.notNull(ttl, "ttl must not be null");
		Assert.isTrue(!ttl.isNegative() && !ttl.isZero(), () -> "ttl must be positive, but was " + ttl);
		Assert.isTrue(maxItemSizeBytes >= 0, () -> "maxItemSizeBytes must not be negative, but was " + maxItemSizeBytes);
	}

}
