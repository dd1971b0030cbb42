package dev.singletable.core.blob;

/**
 * A snapshot of the counters of a {@link BlobStorage}'s cache ({@link BlobStorage#getCacheStats()}); all zero when
 * the cache is disabled.
 *
 * @param hits the reads answered from the cache
 * @param misses the reads that went to S3 (an expired object counts as a miss)
 * @param evictions the objects removed to stay within the size and item limits (not those expired, replaced or
 * removed because this process wrote or deleted them)
 * @param sizeBytes the bytes kept now
 * @param items the objects kept now
 */
public record BlobCacheStats(long hits, long misses, long evictions, long sizeBytes, int items) {

	/** The counters of a cache that never kept anything. */
	static final BlobCacheStats EMPTY = new BlobCacheStats(0, 0, 0, 0, 0);

	/**
	 * Returns the share of reads answered from the cache.
	 * @return {@code hits / (hits + misses)} between 0 and 1, 0 before the first read
	 */
	public double hitRate() {
		long reads = this.hits + this.misses;
		return (reads == 0) ? 0 : (double) this.hits / reads;
	}

}
