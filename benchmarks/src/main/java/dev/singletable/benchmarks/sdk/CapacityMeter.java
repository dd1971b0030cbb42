package dev.singletable.benchmarks.sdk;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
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
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import dev.singletable.core.StoredItemSizes;

/**
 * Meters the capacity units of every request of the client it is installed in, while {@link #enable() enabled}:
 * it asks for {@code ReturnConsumedCapacity=TOTAL} on each outgoing request (in {@code modifyRequest}, so that
 * calls that do not expose capacity, like the template's writes, are metered too) and sums what the responses
 * report (in {@code modifyResponse}).
 * <p>
 * Alongside it computes what real DynamoDB would charge the base table from the sizes of the items written and
 * read: 1 WCU per started KB written, 0.5 RCU per started 4 KB read eventually consistent (1 when strongly
 * consistent, summed over the items of a query before rounding), doubled inside transactions. A deleted history
 * version is taken to be as large as the version the same transaction writes, a condition check (of an absent
 * version) as one unit; a {@code DeleteItem} costs the deleted item's size when it returns it, else that of the
 * history version the last transaction wrote, as does each delete of a {@code BatchWriteItem} (the Python library's
 * prunes). Writes to global secondary indexes are not in the estimate; DynamoDB Local's figure
 * includes them.
 */
public final class CapacityMeter implements ExecutionInterceptor {

	private volatile boolean enabled;

	private double reportedRead;

	private double reportedWrite;

	private int unreported;

	private double estimatedRead;

	private double estimatedWrite;

	/** The units of the history version the last transaction wrote: the estimate of a delete that returns nothing. */
	private double lastHistoryUnits = 1;

	/**
	 * Starts metering, from zero.
	 */
	public synchronized void enable() {
		this.reportedRead = 0;
		this.reportedWrite = 0;
		this.unreported = 0;
		this.estimatedRead = 0;
		this.estimatedWrite = 0;
		this.enabled = true;
	}

	/**
	 * Stops metering and returns what was metered since {@link #enable()}.
	 * @return the totals
	 */
	public synchronized Totals disable() {
		this.enabled = false;
		return new Totals(this.reportedRead, this.reportedWrite, this.unreported, this.estimatedRead,
				this.estimatedWrite);
	}

	@Override
	public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes executionAttributes) {
		if (!this.enabled) {
			return context.request();
		}
		SdkRequest request = context.request();
		if (request instanceof PutItemRequest put) {
			return put.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
		}
		if (request instanceof GetItemRequest get) {
			return get.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
		}
		if (request instanceof DeleteItemRequest delete) {
			return delete.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
		}
		if (request instanceof QueryRequest query) {
			return query.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
		}
		if (request instanceof BatchGetItemRequest batch) {
			return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
		}
		if (request instanceof BatchWriteItemRequest batch) {
			return batch.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
		}
		if (request instanceof TransactWriteItemsRequest transaction) {
			return transaction.toBuilder().returnConsumedCapacity(ReturnConsumedCapacity.TOTAL).build();
		}
		return request;
	}

	@Override
	public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
		SdkResponse response = context.response();
		if (!this.enabled) {
			return response;
		}
		SdkRequest request = context.request();
		synchronized (this) {
			if (response instanceof PutItemResponse put) {
				write(put.consumedCapacity());
				this.estimatedWrite += writeUnits(((PutItemRequest) request).item());
			}
			else if (response instanceof DeleteItemResponse delete) {
				write(delete.consumedCapacity());
				// the deleted item's size when it was returned, else the history version the last transaction wrote
				this.estimatedWrite += (delete.hasAttributes() && !delete.attributes().isEmpty())
						? writeUnits(delete.attributes()) : this.lastHistoryUnits;
			}
			else if (response instanceof TransactWriteItemsResponse transaction) {
				write(transaction.hasConsumedCapacity() ? transaction.consumedCapacity() : null);
				List<TransactWriteItem> items = ((TransactWriteItemsRequest) request).transactItems();
				this.estimatedWrite += 2 * transactionUnits(items);
				this.lastHistoryUnits = historyUnits(items);
			}
			else if (response instanceof BatchWriteItemResponse batch) {
				write(batch.hasConsumedCapacity() ? batch.consumedCapacity() : null);
				for (List<WriteRequest> writes : ((BatchWriteItemRequest) request).requestItems().values()) {
					for (WriteRequest write : writes) {
						// a delete: as a DeleteItem that returns nothing, the history version the last transaction wrote
						this.estimatedWrite += (write.putRequest() != null) ? writeUnits(write.putRequest().item())
								: this.lastHistoryUnits;
					}
				}
			}
			else if (response instanceof GetItemResponse get) {
				read(get.consumedCapacity());
				boolean consistent = Boolean.TRUE.equals(((GetItemRequest) request).consistentRead());
				this.estimatedRead += readUnits(get.hasItem() ? StoredItemSizes.of(get.item()) : 0, consistent);
			}
			else if (response instanceof QueryResponse query) {
				read(query.consumedCapacity());
				long bytes = 0;
				for (Map<String, AttributeValue> item : query.items()) {
					bytes += StoredItemSizes.of(item);
				}
				this.estimatedRead += readUnits(bytes, Boolean.TRUE.equals(((QueryRequest) request).consistentRead()));
			}
			else if (response instanceof BatchGetItemResponse batch) {
				read(batch.hasConsumedCapacity() ? batch.consumedCapacity() : null);
				for (Map.Entry<String, List<Map<String, AttributeValue>>> table : batch.responses().entrySet()) {
					KeysAndAttributes asked = ((BatchGetItemRequest) request).requestItems().get(table.getKey());
					boolean consistent = asked != null && Boolean.TRUE.equals(asked.consistentRead());
					for (Map<String, AttributeValue> item : table.getValue()) {
						this.estimatedRead += readUnits(StoredItemSizes.of(item), consistent);
					}
				}
			}
		}
		return response;
	}

	private void write(@Nullable ConsumedCapacity capacity) {
		if (capacity != null && capacity.capacityUnits() != null) {
			this.reportedWrite += capacity.capacityUnits();
		}
		else {
			this.unreported++;
		}
	}

	private void write(@Nullable List<ConsumedCapacity> capacities) {
		if (capacities == null || capacities.isEmpty()) {
			this.unreported++;
			return;
		}
		capacities.forEach(this::write);
	}

	private void read(@Nullable ConsumedCapacity capacity) {
		if (capacity != null && capacity.capacityUnits() != null) {
			this.reportedRead += capacity.capacityUnits();
		}
		else {
			this.unreported++;
		}
	}

	private void read(@Nullable List<ConsumedCapacity> capacities) {
		if (capacities == null || capacities.isEmpty()) {
			this.unreported++;
			return;
		}
		capacities.forEach(this::read);
	}

	private static double writeUnits(Map<String, AttributeValue> item) {
		return Math.max(1, Math.ceil(StoredItemSizes.of(item) / 1024.0));
	}

	private static double readUnits(long bytes, boolean consistent) {
		double units = Math.max(1, Math.ceil(bytes / 4096.0));
		return consistent ? units : units / 2;
	}

	/** The units of the smallest put of a transaction (a history version), 1 when it has none. */
	private static double historyUnits(List<TransactWriteItem> items) {
		double units = Double.MAX_VALUE;
		for (TransactWriteItem item : items) {
			if (item.put() != null) {
				units = Math.min(units, writeUnits(item.put().item()));
			}
		}
		return (units == Double.MAX_VALUE) ? 1 : units;
	}

	private static double transactionUnits(List<TransactWriteItem> items) {
		double units = 0;
		double historyUnits = Double.MAX_VALUE;
		for (TransactWriteItem item : items) {
			if (item.put() != null) {
				double put = writeUnits(item.put().item());
				units += put;
				historyUnits = Math.min(historyUnits, put);
			}
		}
		if (historyUnits == Double.MAX_VALUE) {
			historyUnits = 1;
		}
		for (TransactWriteItem item : items) {
			if (item.conditionCheck() != null) {
				// a check of an absent item (the retention probe): the minimum unit
				units += 1;
			}
			else if (item.put() == null) {
				units += historyUnits;
			}
		}
		return units;
	}

	/**
	 * Capacity metered between {@link #enable()} and {@link #disable()}.
	 *
	 * @param reportedRead read units the responses reported
	 * @param reportedWrite write units the responses reported
	 * @param unreported responses that reported no capacity
	 * @param estimatedRead read units computed from item sizes
	 * @param estimatedWrite write units computed from item sizes
	 */
	public record Totals(double reportedRead, double reportedWrite, int unreported, double estimatedRead,
			double estimatedWrite) {
	}

}
