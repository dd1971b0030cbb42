package dev.singletable.test.autoconfigure.capacity;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Token buckets of read and write units, one per partition key value of the table and of each index, refilled at
 * DynamoDB's per-partition rates divided by a scale factor and holding at most one second of them. A write is admitted
 * only while its partitions' buckets hold its units (or, for an item bigger than a second of a partition's units, a
 * full bucket), and then charged: a partition never serves more than its limit plus the one second of units its
 * bucket held, however many writers wait, as DynamoDB's does not. A read is admitted while its buckets are not empty
 * and charged once its answer tells its size, as DynamoDB bills reads, so a read may leave a bucket in debt. Not
 * thread safe: the model guards it.
 */
final class PartitionBuckets {

	/** DynamoDB's write units per second of one partition. */
	static final double PARTITION_WRITE_UNITS = 1000;

	/** DynamoDB's read units per second of one partition. */
	static final double PARTITION_READ_UNITS = 3000;

	private final Map<Key, Bucket> buckets = new HashMap<>();

	private final double writeRate;

	private final double readRate;

	private final LongSupplier nanoTime;

	PartitionBuckets(int scaleFactor, LongSupplier nanoTime) {
		this.writeRate = PARTITION_WRITE_UNITS / scaleFactor;
		this.readRate = PARTITION_READ_UNITS / scaleFactor;
		this.nanoTime = nanoTime;
	}

	/**
	 * Whether the partition can take a request now.
	 * @param index the index's name, {@literal null} for the table
	 * @param partitionKey the partition key value
	 * @param write write units, else read units
	 * @param units the units the request will be charged, {@code 0} when its answer tells them (reads): then the
	 * bucket must not be empty
	 */
	boolean available(@Nullable String index, String partitionKey, boolean write, double units) {
		Bucket bucket = bucket(index, partitionKey, write);
		double tokens = bucket.refill(this.nanoTime.getAsLong());
		return (units > 0) ? tokens >= Math.min(units, bucket.rate) : tokens > 0;
	}

	/**
	 * Takes units from the partition's bucket.
	 */
	void consume(@Nullable String index, String partitionKey, boolean write, double units) {
		Bucket bucket = bucket(index, partitionKey, write);
		bucket.refill(this.nanoTime.getAsLong());
		bucket.tokens -= units;
		bucket.consumed += units;
	}

	/**
	 * The units consumed on a partition so far.
	 */
	double consumed(@Nullable String index, String partitionKey, boolean write) {
		Bucket bucket = this.buckets.get(new Key(index, partitionKey, write));
		return (bucket != null) ? bucket.consumed : 0;
	}

	void clear() {
		this.buckets.clear();
	}

	private Bucket bucket(@Nullable String index, String partitionKey, boolean write) {
		double rate = write ? this.writeRate : this.readRate;
		return this.buckets.computeIfAbsent(new Key(index, partitionKey, write),
				(key) -> new Bucket(rate, this.nanoTime.getAsLong()));
	}

	private record Key(@Nullable String index, String partitionKey, boolean write) {

	}

	private static final class Bucket {

		private final double rate;

		private double tokens;

		private double consumed;

		private long refilledAt;

		Bucket(double rate, long now) {
			this.rate = rate;
			this.tokens = rate;
			this.refilledAt = now;
		}

		double refill(long now) {
			this.tokens = Math.min(this.rate, this.tokens + this.rate * (now - this.refilledAt) / 1e9);
			this.refilledAt = now;
			return this.tokens;
		}

	}

}
