package dev.singletable.core.blob;

import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The bounded, thread-safe LRU cache of a {@link BlobStorage}: the uncompressed bytes of objects by S3 key, each
 * with the size it has in S3 (so that a read's size limit still applies) and the time it expires.
 * <p>
 * A key's object may change while it is read: the storage calls {@link #invalidate} or {@link #invalidatePrefix}
 * after each write, copy and delete it makes, and a read stores what it got only when no invalidation happened
 * since it began ({@link #generation()}, taken before the read), so that a read that raced a write never keeps the
 * object the write replaced.
 */
final class BlobCache {

	private final BlobCacheSettings settings;

	private final Clock clock;

	/** In access order: the first entry is the least recently used. Guarded by {@code this}. */
	private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

	private long sizeBytes;

	private long hits;

	private long misses;

	private long evictions;

	/** Counts the invalidations. */
	private long generation;

	BlobCache(BlobCacheSettings settings, Clock clock) {
		this.settings = settings;
		this.clock = clock;
	}

	boolean isEnabled() {
		return this.settings.enabled();
	}

	/**
	 * Returns how many invalidations happened so far; a read passes what it got before it began to {@link #put}.
	 */
	synchronized long generation() {
		return this.generation;
	}

	/**
	 * Returns the cached object of a key, counting a hit or a miss; an expired one is removed and is a miss.
	 * @return the entry, {@literal null} on a miss or when the cache is disabled
	 */
	synchronized @Nullable Entry get(String key) {
		if (!isEnabled()) {
			return null;
		}
		Entry entry = this.entries.get(key);
		if (entry != null && entry.expiresAt() <= this.clock.millis()) {
			remove(key);
			entry = null;
		}
		if (entry == null) {
			this.misses++;
			return null;
		}
		this.hits++;
		return entry;
	}

	/**
	 * Keeps an object just read, unless it is larger than the largest item or the whole cache, or an invalidation
	 * happened since the read began; makes room by evicting the least recently used objects.
	 * @param key the S3 key
	 * @param bytes the uncompressed bytes, kept as given (not copied)
	 * @param storedSize the size of the object in S3
	 * @param readGeneration the {@link #generation()} taken before the read began
	 */
	synchronized void put(String key, byte[] bytes, long storedSize, long readGeneration) {
		long size = bytes.length;
		if (!isEnabled() || readGeneration != this.generation || size > this.settings.maxItemSizeBytes()
				|| size > this.settings.maxSizeBytes() || this.settings.maxItems() == 0) {
			return;
		}
		remove(key);
		Iterator<Entry> oldest = this.entries.values().iterator();
		while (oldest.hasNext() && (this.entries.size() >= this.settings.maxItems()
				|| this.sizeBytes + size > this.settings.maxSizeBytes())) {
			this.sizeBytes -= oldest.next().bytes().length;
			oldest.remove();
			this.evictions++;
		}
		long expiresAt = this.clock.millis() + this.settings.ttl().toMillis();
		this.entries.put(key, new Entry(bytes, storedSize, expiresAt));
		this.sizeBytes += size;
	}

	/**
	 * Forgets the object of a key, after this process wrote, copied over or deleted it.
	 */
	synchronized void invalidate(String key) {
		this.generation++;
		remove(key);
	}

	/**
	 * Forgets the objects of every key starting with a prefix, after this process deleted them.
	 */
	synchronized void invalidatePrefix(String prefix) {
		this.generation++;
		for (Iterator<Map.Entry<String, Entry>> it = this.entries.entrySet().iterator(); it.hasNext();) {
			Map.Entry<String, Entry> entry = it.next();
			if (entry.getKey().startsWith(prefix)) {
				this.sizeBytes -= entry.getValue().bytes().length;
				it.remove();
			}
		}
	}

	/**
	 * Forgets every object; the counters of hits, misses and evictions are kept.
	 */
	synchronized void clear() {
		this.generation++;
		this.entries.clear();
		this.sizeBytes = 0;
	}

	synchronized BlobCacheStats stats() {
		return new BlobCacheStats(this.hits, this.misses, this.evictions, this.sizeBytes, this.entries.size());
	}

	private void remove(String key) {
		Entry removed = this.entries.remove(key);
		if (removed != null) {
			this.sizeBytes -= removed.bytes().length;
		}
	}

	/**
	 * A cached object.
	 *
	 * @param bytes its uncompressed bytes, never handed out (callers copy them when they give them away)
	 * @param storedSize its size in S3
	 * @param expiresAt when it expires, in the clock's milliseconds
	 */
	record Entry(byte[] bytes, long storedSize, long expiresAt) {
	}

}
