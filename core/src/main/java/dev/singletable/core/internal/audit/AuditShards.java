package dev.singletable.core.internal.audit;

import java.util.ArrayList;
import java.util.List;

import org.springframework.util.Assert;

/**
 * The shards the audit log's shared index keys are spread over. With one shard (the layout the Python library reads)
 * every audit row of the table has {@code gsitype = _INTERNAL#AuditLog} and every row of a type
 * {@code gsi2pk = _INTERNAL#AuditLog#<type>}: one partition key each, so at most DynamoDB's 1,000 write units a second
 * of one partition key for all the audited writes of the table. With {@code n} shards a row has
 * {@code _INTERNAL#AuditLog#<k>} and {@code _INTERNAL#AuditLog#<type>#<k>} instead, {@code k} picked from its id
 * ({@code 0 <= k < n}), so that the rows take {@code n} keys of each index. A read of all rows or of a type's rows
 * queries every shard's partition and the unspread one, where rows stored before the spread are, and merges them:
 * switching the spread on needs no migration. The keys by resource and by changer are not spread.
 *
 * @param count how many shards, at least 1
 */
public record AuditShards(int count) {

	/** The layout before spreading: one partition of all rows and one of each type's rows. */
	public static final AuditShards NONE = new AuditShards(1);

	/** The most shards: each is one more query of every read of all rows or of a type's rows. */
	public static final int MAX = 64;

	/**
	 * Checks the number of shards.
	 */
	public AuditShards {
		Assert.isTrue(count >= 1 && count <= MAX,
				() -> "The audit log's shards must be between 1 and " + MAX + " but were " + count);
	}

	/**
	 * Returns whether rows are spread over more than one shard.
	 * @return {@literal true} for more than one shard
	 */
	public boolean spread() {
		return this.count > 1;
	}

	/**
	 * Returns the shard of a row.
	 * @param id the row's id
	 * @return the shard, {@code 0 <= shard < count}
	 */
	public int shard(String id) {
		return Math.floorMod(id.hashCode(), this.count);
	}

	/**
	 * Returns the partition a row with an id sits in, of a key spread over the shards.
	 * @param unspread the key's partition before spreading
	 * @param id the row's id
	 * @return the partition value
	 */
	public String partition(String unspread, String id) {
		return spread() ? unspread + "#" + shard(id) : unspread;
	}

	/**
	 * Returns the partitions a read of a spread key queries: the unspread one first, then every shard's.
	 * @param unspread the key's partition before spreading
	 * @return the partition values
	 */
	public List<String> partitions(String unspread) {
		List<String> all = new ArrayList<>();
		all.add(unspread);
		if (spread()) {
			for (int shard = 0; shard < this.count; shard++) {
				all.add(unspread + "#" + shard);
			}
		}
		return List.copyOf(all);
	}

}
