package dev.singletable.core.internal.execution;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.observation.SingleTableMetrics.CapacityKind;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationContext;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * What each request reports while a template has {@link SingleTableMetrics}, for both clients: it asks for
 * {@code ReturnConsumedCapacity TOTAL} ({@link #withCapacity}), and each answer's consumed capacity and unprocessed
 * items, and each failed condition or cancellation, are reported for the operation that sent it: the
 * {@link DynamoDbExecutor} reports for the thread's operation, the {@link ReactiveDynamoDbExecutor} for the operation
 * of the Reactor context.
 */
final class RequestReports {

	private final SingleTableMetrics metrics;

	RequestReports(SingleTableMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Returns the request asking for its consumed capacity, when it is an item, query, batch or transaction request;
	 * else the request as it is.
	 */
	static Object withCapacity(Object request) {
		ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
		if (request instanceof GetItemRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof PutItemRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof UpdateItemRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof DeleteItemRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof QueryRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof ScanRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof BatchGetItemRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof BatchWriteItemRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof TransactGetItemsRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		if (request instanceof TransactWriteItemsRequest r) {
			return r.toBuilder().returnConsumedCapacity(total).build();
		}
		return request;
	}

	/**
	 * Reports what an answer says the request cost: consumed capacity, unprocessed batch items.
	 * @param response the answer
	 * @param operation the operation that sent the request
	 */
	void answered(@Nullable Object response, SingleTableObservationContext operation) {
		if (response instanceof GetItemResponse r) {
			consumed(operation, CapacityKind.READ, r.consumedCapacity());
		}
		else if (response instanceof QueryResponse r) {
			consumed(operation, CapacityKind.READ, r.consumedCapacity());
		}
		else if (response instanceof ScanResponse r) {
			consumed(operation, CapacityKind.READ, r.consumedCapacity());
		}
		else if (response instanceof PutItemResponse r) {
			consumed(operation, CapacityKind.WRITE, r.consumedCapacity());
		}
		else if (response instanceof UpdateItemResponse r) {
			consumed(operation, CapacityKind.WRITE, r.consumedCapacity());
		}
		else if (response instanceof DeleteItemResponse r) {
			consumed(operation, CapacityKind.WRITE, r.consumedCapacity());
		}
		else if (response instanceof TransactGetItemsResponse r) {
			consumed(operation, CapacityKind.READ, r.consumedCapacity());
		}
		else if (response instanceof TransactWriteItemsResponse r) {
			consumed(operation, CapacityKind.WRITE, r.consumedCapacity());
		}
		else if (response instanceof BatchGetItemResponse r) {
			consumed(operation, CapacityKind.READ, r.consumedCapacity());
			int keys = 0;
			for (KeysAndAttributes unprocessed : r.unprocessedKeys().values()) {
				keys += unprocessed.keys().size();
			}
			unprocessed(operation, keys);
		}
		else if (response instanceof BatchWriteItemResponse r) {
			consumed(operation, CapacityKind.WRITE, r.consumedCapacity());
			int items = 0;
			for (List<WriteRequest> unprocessed : r.unprocessedItems().values()) {
				items += unprocessed.size();
			}
			unprocessed(operation, items);
		}
	}

	private void consumed(SingleTableObservationContext operation, CapacityKind kind,
			@Nullable List<ConsumedCapacity> capacities) {
		if (capacities != null) {
			for (ConsumedCapacity capacity : capacities) {
				consumed(operation, kind, capacity);
			}
		}
	}

	private void consumed(SingleTableObservationContext operation, CapacityKind kind,
			@Nullable ConsumedCapacity capacity) {
		Double units = (capacity != null) ? capacity.capacityUnits() : null;
		if (units != null && units > 0) {
			this.metrics.consumedCapacity(operation, kind, units);
		}
	}

	private void unprocessed(SingleTableObservationContext operation, int count) {
		if (count > 0) {
			this.metrics.unprocessed(operation, count);
		}
	}

	/**
	 * Reports a failed request: a failed condition or a cancelled transaction is a conflict; anything else reports
	 * nothing.
	 * @param failure what the request failed with (unwrapped from the SDK's completion exception)
	 * @param operation the operation that sent it
	 */
	void failed(Throwable failure, SingleTableObservationContext operation) {
		if (failure instanceof TransactionCanceledException cancelled) {
			cancelled(cancelled, operation);
		}
		else if (failure instanceof ConditionalCheckFailedException) {
			this.metrics.conflict(operation, "ConditionalCheckFailed");
		}
	}

	/**
	 * Counts a cancelled transaction once, however many of its items gave a reason: its reason is
	 * {@code ConditionalCheckFailed} when any condition failed (the transaction is not retried), else the first code
	 * DynamoDB gave (such as {@code TransactionConflict}).
	 */
	private void cancelled(TransactionCanceledException ex, SingleTableObservationContext operation) {
		String reason = "TransactionCanceled";
		if (ex.hasCancellationReasons()) {
			for (CancellationReason cancellation : ex.cancellationReasons()) {
				String code = cancellation.code();
				if ("ConditionalCheckFailed".equals(code)) {
					reason = code;
					break;
				}
				if (code != null && !"None".equals(code) && "TransactionCanceled".equals(reason)) {
					reason = code;
				}
			}
		}
		this.metrics.conflict(operation, reason);
	}

}
