package dev.singletable.core;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.TransientDataAccessResourceException;

/**
 * Thrown when DynamoDB still throttled a request after the SDK's retries (and, for a transaction, the template's):
 * one partition key value of the table or of an index took more than DynamoDB serves a partition, at most 1,000
 * write units and 3,000 read units a second whatever the table's capacity; an index that cannot keep up throttles
 * the table's writes. Names the hot key: the table or index ({@link #getIndexName()}), the partition key value
 * ({@link #getPartitionKey()}, when the request tells it) and DynamoDB's reason, and points to the capacity page
 * ({@code docs/reference/capacity.md}), which gives the rate each key of the layout takes. Nothing of the request
 * was written; sending it again later may succeed.
 */
public class PartitionThrottledException extends TransientDataAccessResourceException {

	/** Where the capacity page is, for messages. */
	public static final String CAPACITY_PAGE = "docs/reference/capacity.md";

	private final String tableName;

	private final @Nullable String indexName;

	private final @Nullable String partitionKey;

	private final String reason;

	/**
	 * Creates the exception.
	 * @param tableName the table
	 * @param indexName the index throttled, {@literal null} for the table or when DynamoDB did not name one
	 * @param partitionKey the partition key value throttled, {@literal null} when the request does not tell it
	 * @param reason DynamoDB's reason, such as {@code IndexWriteKeyRangeThroughputExceeded} or
	 * {@code ThrottlingError}
	 * @param cause the SDK's exception
	 */
	public PartitionThrottledException(String tableName, @Nullable String indexName, @Nullable String partitionKey,
			String reason, Throwable cause) {
		super(message(tableName, indexName, partitionKey, reason), cause);
		this.tableName = tableName;
		this.indexName = indexName;
		this.partitionKey = partitionKey;
		this.reason = reason;
	}

	private static String message(String tableName, @Nullable String indexName, @Nullable String partitionKey,
			String reason) {
		String where = ((indexName != null) ? "index '" + indexName + "' of table '" : "table '") + tableName + "'";
		String key = (partitionKey != null) ? "partition key '" + partitionKey + "' of " : "a partition of ";
		return "DynamoDB throttled " + key + where + " (" + reason + ") after the retries: one partition key value "
				+ "serves at most 1,000 write units and 3,000 read units a second, whatever the table's capacity, "
				+ "and an index that cannot keep up throttles the table's writes. Nothing was written; send it "
				+ "again later, or spread the key's writes: see " + CAPACITY_PAGE
				+ " for the writes per second each key of the layout takes";
	}

	/**
	 * Returns the table.
	 * @return the table's name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Returns the index throttled.
	 * @return the index's name, {@literal null} for the table or when DynamoDB did not name one (a transaction's
	 * {@code ThrottlingError} names none)
	 */
	public @Nullable String getIndexName() {
		return this.indexName;
	}

	/**
	 * Returns the partition key value throttled.
	 * @return the value, {@literal null} when the request does not tell it
	 */
	public @Nullable String getPartitionKey() {
		return this.partitionKey;
	}

	/**
	 * Returns DynamoDB's reason.
	 * @return a throttling reason such as {@code TableWriteKeyRangeThroughputExceeded}, or the cancellation reason
	 * {@code ThrottlingError}
	 */
	public String getReason() {
		return this.reason;
	}

}
