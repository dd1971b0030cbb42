package dev.singletable.core.observation;

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
	 * Read or write capacity.
	 */
	enum CapacityKind {

		/** Read capacity units. */
		READ,

		/** Write capacity units. */
		WRITE

	}

}
