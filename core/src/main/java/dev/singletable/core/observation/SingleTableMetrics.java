package dev.singletable.core.observation;

import java.util.function.Supplier;

/**
 * Receives the figures DynamoDB reports for each request the template sends: consumed capacity, failed conditions
 * and cancellations, retries and unprocessed batch items, each with the operation it belongs to. Give one to the
 * template ({@code setMetrics}); {@link MicrometerSingleTableMetrics} counts them in a Micrometer
 * {@code MeterRegistry}. While a template has none, it asks DynamoDB for no consumed capacity and reports nothing.
 * Called from the threads that send requests: implementations must be thread-safe.
 */
public interface SingleTableMetrics {

	/**
	 * Capacity consumed by one request.
	 * @param operation the operation that sent it
	 * @param kind read or write capacity
	 * @param units the capacity units DynamoDB reported
	 */
	void consumedCapacity(SingleTableObservationContext operation, CapacityKind kind, double units);

	/**
	 * A conflicting write: a request refused for a failed condition, or a cancelled transaction — once per
	 * request, however many of its items gave a cancellation reason (a transaction cancelled with three failed
	 * conditions among five items is one conflict). A transaction retried after a transient cancellation counts
	 * once per attempt cancelled.
	 * @param operation the operation that sent it
	 * @param reason DynamoDB's code: {@code ConditionalCheckFailed} when any condition failed, else the
	 * cancellation's first reason, such as {@code TransactionConflict} ({@code TransactionCanceled} when DynamoDB
	 * gave none)
	 */
	void conflict(SingleTableObservationContext operation, String reason);

	/**
	 * A request about to be sent again after a backoff.
	 * @param operation the operation that sends it
	 * @param reason why: a transient cancellation code (such as {@code TransactionConflict}) or {@code unprocessed}
	 * for the unprocessed items of a batch
	 */
	void retry(SingleTableObservationContext operation, String reason);

	/**
	 * Items (or keys) of a batch request that DynamoDB left unprocessed.
	 * @param operation the operation that sent it
	 * @param count how many
	 */
	void unprocessed(SingleTableObservationContext operation, int count);

	/**
	 * One item a backfill ({@code dev.singletable.evolution.SingleTableBackfills}) read, by what it did with it.
	 * Does nothing unless implemented.
	 * @param operation the backfill operation ({@code reindex}, {@code forEach}, {@code move}, {@code recompress},
	 * {@code deleteAll})
	 * @param type the entity type's simple name
	 * @param outcome {@code written}, {@code unchanged}, {@code skipped} (the item was gone) or {@code retried} (a
	 * write lost to a concurrent one and was tried again)
	 */
	default void backfillItem(String operation, String type, String outcome) {
	}

	/**
	 * Capacity units a backfill consumed. Does nothing unless implemented.
	 * @param operation the backfill operation
	 * @param type the entity type's simple name
	 * @param units the capacity units, reads and writes
	 */
	default void backfillCapacity(String operation, String type, double units) {
	}

	/**
	 * Publishes, while a backfill runs, how many of its segments are not done yet. Publishes nothing unless
	 * implemented.
	 * @param runId the run id
	 * @param operation the backfill operation
	 * @param type the entity type's simple name
	 * @param remaining the segments not yet done, read when published
	 * @return a handle that stops publishing it, closed when the run ends
	 */
	default AutoCloseable backfillSegmentsRemaining(String runId, String operation, String type,
			Supplier<Number> remaining) {
		return () -> {
		};
	}

	/**
	 * Read or write capacity.
	 */
	enum CapacityKind {

		/** Read capacity units. */
		READ,

		/** Write capacity units. */
		WRITE

	}

}
