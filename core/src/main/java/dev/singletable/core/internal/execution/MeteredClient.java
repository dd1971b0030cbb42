package dev.singletable.core.internal.execution;

import dev.singletable.core.observation.SingleTableMetrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The client the {@link DynamoDbExecutor} sends through while the template has {@link SingleTableMetrics}: the
 * application's client, with every item, query, batch and transaction request asking for
 * {@code ReturnConsumedCapacity TOTAL}, and each response's consumed capacity and unprocessed items, and each failed
 * condition or cancellation, reported for the operation running on the thread ({@link Observations#current()}), by
 * the rules of {@link RequestReports}. Everything else passes through unchanged. For the async client
 * ({@link #askingCapacity}) it only asks for the capacity: the {@link ReactiveDynamoDbExecutor} reports each answer
 * for the operation of its Reactor context.
 */
public final class MeteredClient {

	private MeteredClient() {
	}

	/**
	 * Returns the client reporting every answer and failure to the metrics, for the operation running on the thread.
	 */
	static DynamoDbClient of(DynamoDbClient delegate, SingleTableMetrics metrics, Observations observations) {
		return new MeteredDynamoDbClient(delegate, new RequestReports(metrics), observations);
	}

	/**
	 * Returns the async client with every item, query, batch and transaction request asking for its consumed
	 * capacity; its answers are reported by whoever sends it.
	 */
	static DynamoDbAsyncClient askingCapacity(DynamoDbAsyncClient delegate) {
		return new MeteredDynamoDbAsyncClient(delegate);
	}

}
