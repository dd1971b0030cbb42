package dev.singletable.core.internal.execution;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.observation.SingleTableMetrics.CapacityKind;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
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
 * The client the {@link DynamoDbExecutor} sends through while the template has {@link SingleTableMetrics}: the
 * application's client, with every item, query, batch and transaction request asking for
 * {@code ReturnConsumedCapacity TOTAL}, and each response's consumed capacity and unprocessed items, and each failed
 * condition or cancellation, reported for the operation running on the thread ({@link Observations#current()}).
 * Everything else passes through unchanged.
 */
public final class MeteredClient implements InvocationHandler {

	private final DynamoDbClient delegate;

	private final SingleTableMetrics metrics;

	private final Observations observations;

	private MeteredClient(DynamoDbClient delegate, SingleTableMetrics metrics, Observations observations) {
		this.delegate = delegate;
		this.metrics = metrics;
		this.observations = observations;
	}

	static DynamoDbClient of(DynamoDbClient delegate, SingleTableMetrics metrics, Observations observations) {
		return (DynamoDbClient) Proxy.newProxyInstance(MeteredClient.class.getClassLoader(),
				new Class<?>[] { DynamoDbClient.class }, new MeteredClient(delegate, metrics, observations));
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, Object @Nullable [] args) throws Throwable {
		if (args != null && args.length == 1 && args[0] instanceof Consumer<?> && method.isDefault()) {
			// a request given as a builder consumer: the interface builds it and calls this proxy with the request
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		Object[] sent = (args != null && args.length == 1) ? new Object[] { withCapacity(args[0]) } : args;
		Object response;
		try {
			response = method.invoke(this.delegate, sent);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof TransactionCanceledException cancelled) {
				reportCancellation(cancelled);
			}
			else if (cause instanceof ConditionalCheckFailedException) {
				this.metrics.conflict(this.observations.current(), "ConditionalCheckFailed");
			}
			throw cause;
		}
		report(response);
		return response;
	}

	private static Object withCapacity(Object request) {
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

	private void report(@Nullable Object response) {
		if (response instanceof GetItemResponse r) {
			consumed(CapacityKind.READ, r.consumedCapacity());
		}
		else if (response instanceof QueryResponse r) {
			consumed(CapacityKind.READ, r.consumedCapacity());
		}
		else if (response instanceof ScanResponse r) {
			consumed(CapacityKind.READ, r.consumedCapacity());
		}
		else if (response instanceof PutItemResponse r) {
			consumed(CapacityKind.WRITE, r.consumedCapacity());
		}
		else if (response instanceof UpdateItemResponse r) {
			consumed(CapacityKind.WRITE, r.consumedCapacity());
		}
		else if (response instanceof DeleteItemResponse r) {
			consumed(CapacityKind.WRITE, r.consumedCapacity());
		}
		else if (response instanceof TransactGetItemsResponse r) {
			consumed(CapacityKind.READ, r.consumedCapacity());
		}
		else if (response instanceof TransactWriteItemsResponse r) {
			consumed(CapacityKind.WRITE, r.consumedCapacity());
		}
		else if (response instanceof BatchGetItemResponse r) {
			consumed(CapacityKind.READ, r.consumedCapacity());
			int keys = 0;
			for (KeysAndAttributes unprocessed : r.unprocessedKeys().values()) {
				keys += unprocessed.keys().size();
			}
			unprocessed(keys);
		}
		else if (response instanceof BatchWriteItemResponse r) {
			consumed(CapacityKind.WRITE, r.consumedCapacity());
			int items = 0;
			for (List<WriteRequest> unprocessed : r.unprocessedItems().values()) {
				items += unprocessed.size();
			}
			unprocessed(items);
		}
	}

	private void consumed(CapacityKind kind, @Nullable List<ConsumedCapacity> capacities) {
		if (capacities != null) {
			for (ConsumedCapacity capacity : capacities) {
				consumed(kind, capacity);
			}
		}
	}

	private void consumed(CapacityKind kind, @Nullable ConsumedCapacity capacity) {
		Double units = (capacity != null) ? capacity.capacityUnits() : null;
		if (units != null && units > 0) {
			this.metrics.consumedCapacity(this.observations.current(), kind, units);
		}
	}

	private void unprocessed(int count) {
		if (count > 0) {
			this.metrics.unprocessed(this.observations.current(), count);
		}
	}

	/**
	 * Counts a cancelled transaction once, however many of its items gave a reason: its reason is
	 * {@code ConditionalCheckFailed} when any condition failed (the transaction is not retried), else the first code
	 * DynamoDB gave (such as {@code TransactionConflict}).
	 */
	private void reportCancellation(TransactionCanceledException ex) {
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
		this.metrics.conflict(this.observations.current(), reason);
	}

}
