package dev.singletable.core.internal.execution;

import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.observation.SingleTableMetrics.CapacityKind;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationContext;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
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

	/** The member of the requests that can ask for their consumed capacity. */
	private static final String RETURN_CONSUMED_CAPACITY = "ReturnConsumedCapacity";

	/** The member of their answers that tells it. */
	private static final String CONSUMED_CAPACITY = "ConsumedCapacity";

	/** The answers of requests that read. */
	private static final Set<Class<?>> READS = Set.of(GetItemResponse.class, QueryResponse.class, ScanResponse.class,
			BatchGetItemResponse.class, TransactGetItemsResponse.class);

	/** The answers of requests that write. */
	private static final Set<Class<?>> WRITES = Set.of(PutItemResponse.class, UpdateItemResponse.class,
			DeleteItemResponse.class, BatchWriteItemResponse.class, TransactWriteItemsResponse.class);

	private final SingleTableMetrics metrics;

	RequestReports(SingleTableMetrics metrics) {
		this.metrics = metrics;
	}

	/**
	 * Returns the request asking for its consumed capacity, when its kind can (item, query, scan, batch and
	 * transaction requests: those with a {@code ReturnConsumedCapacity} member); else the request as it is.
	 */
	static Object withCapacity(Object request) {
		if (request instanceof DynamoDbRequest dynamoDb && dynamoDb.toBuilder() instanceof SdkPojo builder) {
			SdkField<?> field = builder.sdkFieldNameToField().get(RETURN_CONSUMED_CAPACITY);
			if (field != null) {
				field.set(builder, ReturnConsumedCapacity.TOTAL.toString());
				return ((SdkRequest.Builder) builder).build();
			}
		}
		return request;
	}

	/**
	 * Reports what an answer says the request cost: consumed capacity (read or written, as the request's kind
	 * says), unprocessed batch items.
	 * @param response the answer
	 * @param operation the operation that sent the request
	 */
	void answered(@Nullable Object response, SingleTableObservationContext operation) {
		if (!(response instanceof SdkResponse answer)) {
			return;
		}
		CapacityKind kind = READS.contains(answer.getClass()) ? CapacityKind.READ
				: WRITES.contains(answer.getClass()) ? CapacityKind.WRITE : null;
		if (kind != null) {
			// one ConsumedCapacity for an item, query or scan request, a list for a batch or a transaction
			Object consumed = answer.getValueForField(CONSUMED_CAPACITY, Object.class).orElse(null);
			if (consumed instanceof ConsumedCapacity capacity) {
				consumed(operation, kind, capacity);
			}
			else if (consumed instanceof List<?> capacities) {
				capacities.forEach((capacity) -> consumed(operation, kind, (ConsumedCapacity) capacity));
			}
		}
		if (answer instanceof BatchGetItemResponse r) {
			int keys = 0;
			for (KeysAndAttributes unprocessed : r.unprocessedKeys().values()) {
				keys += unprocessed.keys().size();
			}
			unprocessed(operation, keys);
		}
		else if (answer instanceof BatchWriteItemResponse r) {
			int items = 0;
			for (List<WriteRequest> unprocessed : r.unprocessedItems().values()) {
				items += unprocessed.size();
			}
			unprocessed(operation, items);
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
