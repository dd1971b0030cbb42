package dev.singletable.core.internal.item;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;

import dev.singletable.core.mapping.SingleTableEntity;

/**
 * One partition key spread over shards, the one way every spread key of the layout is keyed: the type index of a
 * type with {@code typeIndexShards}, the audit log's shared keys ({@code singletable.audit.shards}) and the outbox's
 * status keys ({@code singletable.events.publication-registry.shards}). With one shard (the layout before spreading)
 * an item sits under the key itself, {@code <key>}; with {@code n} shards under {@code <key>#<k>}, {@code k} the
 * CRC-32 of its id's UTF-8 bytes modulo {@code n}: the same shard at every write of the item, computable in any
 * language. A read of the key queries the unspread key first (where items written before the spread, or by the Python
 * library, still are) and then every shard's, one query each, merged as {@code PartitionMerge} merges: switching the
 * spread on needs no migration.
 *
 * @param count how many shards, from 1 to {@link #MAX}
 */
public record KeyShards(int count) {

	/**
	 * The most shards of any spread key: a read queries the unspread key and one per shard, at most as many
	 * partitions as a {@code partitionIn} query reads.
	 */
	public static final int MAX = SingleTableEntity.MAX_TYPE_INDEX_SHARDS;

	/** One shard: the layout before spreading. */
	public static final KeyShards NONE = new KeyShards(1);

	/**
	 * Checks the number of shards.
	 */
	public KeyShards {
		if (count < 1 || count > MAX) {
			throw outOfRange("shards", count);
		}
	}

	/**
	 * Returns the shards a setting asks for, or throws naming the setting when the number is out of range.
	 * @param count the number of shards
	 * @param setting the setting that asked for them, named in the exception
	 * @return the shards
	 * @throws IllegalArgumentException naming the setting and the range
	 */
	public static KeyShards of(int count, String setting) {
		if (count < 1 || count > MAX) {
			throw outOfRange(setting, count);
		}
		return (count == 1) ? NONE : new KeyShards(count);
	}

	private static IllegalArgumentException outOfRange(String setting, int count) {
		return new IllegalArgumentException(setting + " is " + count + "; use 1 (one key, the layout before "
				+ "spreading) up to " + MAX + " (a read queries the unspread key and one per shard)");
	}

	/**
	 * Returns whether the key is spread over more than one shard.
	 * @return {@literal true} for more than one shard
	 */
	public boolean spread() {
		return this.count > 1;
	}

	/**
	 * Returns the shard of an item: the CRC-32 of its id's UTF-8 bytes modulo the shards.
	 * @param id the item's id
	 * @return the shard, {@code 0 <= shard < count}
	 */
	public int shard(String id) {
		if (!spread()) {
			return 0;
		}
		CRC32 crc = new CRC32();
		crc.update(id.getBytes(StandardCharsets.UTF_8));
		return (int) (crc.getValue() % this.count);
	}

	/**
	 * Returns the key an item with an id is written under.
	 * @param unspread the key before spreading
	 * @param id the item's id
	 * @return the key itself with one shard, else the key followed by {@code #} and the item's shard
	 */
	public String key(String unspread, String id) {
		return spread() ? unspread + "#" + shard(id) : unspread;
	}

	/**
	 * Returns the keys a read of a spread key queries, one query each: the unspread key first, then every shard's.
	 * @param unspread the key before spreading
	 * @return the keys, the key itself only with one shard
	 */
	public List<String> keys(String unspread) {
		List<String> all = new ArrayList<>(this.count + 1);
		all.add(unspread);
		for (int shard = 0; spread() && shard < this.count; shard++) {
			all.add(unspread + "#" + shard);
		}
		return List.copyOf(all);
	}

}
