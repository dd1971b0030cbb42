package dev.singletable.core;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.KeyConditions;
import dev.singletable.core.mapping.IndexDefinition;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Names the hot key of a throttled request: the table or index DynamoDB's throttling reason names (its ARN ends in
 * {@code /index/<name>} for an index), and the partition key value the request sent there (the key's {@code pk} for
 * the table, an item's index attribute by the layout's naming for an index, a query's key condition; a transaction's
 * first item cancelled with {@code ThrottlingError}).
 */
final class ThrottledPartitions {

	private static final String INDEX = "/index/";

	private ThrottledPartitions() {
	}

	/**
	 * The typed exception of a request throttled on a partition, {@literal null} when the exception is no
	 * throttling.
	 */
	static @Nullable PartitionThrottledException of(String tableName, RuntimeException ex,
			@Nullable SdkRequest request) {
		if (ex instanceof TransactionCanceledException cancelled) {
			return cancelled(tableName, cancelled, request);
		}
		if (!(ex instanceof ProvisionedThroughputExceededException || ex instanceof ThrottlingException)) {
			return null;
		}
		List<ThrottlingReason> reasons = reasons((DynamoDbException) ex);
		ThrottlingReason first = reasons.isEmpty() ? null : reasons.get(0);
		String resource = (first != null && first.resource() != null) ? first.resource() : "";
		String index = resource.contains(INDEX) ? resource.substring(resource.indexOf(INDEX) + INDEX.length()) : null;
		String reason = (first != null && first.reason() != null) ? first.reason()
				: ((DynamoDbException) ex).awsErrorDetails() != null
						? ((DynamoDbException) ex).awsErrorDetails().errorCode() : ex.getClass().getSimpleName();
		return new PartitionThrottledException(tableName, index, partitionKey(request, index), reason, ex);
	}

	private static @Nullable PartitionThrottledException cancelled(String tableName, TransactionCanceledException ex,
			@Nullable SdkRequest request) {
		if (!ex.hasCancellationReasons()) {
			return null;
		}
		List<CancellationReason> reasons = ex.cancellationReasons();
		int throttled = -1;
		for (int i = 0; i < reasons.size(); i++) {
			String code = reasons.get(i).code();
			if ("TransactionConflict".equals(code) || "ConditionalCheckFailed".equals(code)) {
				// a conflict is no hot key; a failed condition is no transient failure
				return null;
			}
			if (throttled < 0 && "ThrottlingError".equals(code)) {
				throttled = i;
			}
		}
		if (throttled < 0) {
			return null;
		}
		@Nullable String key = null;
		if (request instanceof TransactWriteItemsRequest transact && throttled < transact.transactItems().size()) {
			key = KeyConditions.text(pk(transact.transactItems().get(throttled)));
		}
		else if (request instanceof TransactGetItemsRequest get && throttled < get.transactItems().size()) {
			key = KeyConditions.text(get.transactItems().get(throttled).get().key().get(ItemAttributes.PK));
		}
		return new PartitionThrottledException(tableName, null, key, "ThrottlingError", ex);
	}

	private static List<ThrottlingReason> reasons(DynamoDbException ex) {
		if (ex instanceof ThrottlingException throttling && throttling.hasThrottlingReasons()) {
			return throttling.throttlingReasons();
		}
		if (ex instanceof ProvisionedThroughputExceededException provisioned && provisioned.hasThrottlingReasons()) {
			return provisioned.throttlingReasons();
		}
		return List.of();
	}

	private static @Nullable String partitionKey(@Nullable SdkRequest request, @Nullable String index) {
		if (request instanceof QueryRequest query) {
			String attribute = (query.indexName() != null)
					? IndexDefinition.conventionalPartitionAttribute(query.indexName()) : ItemAttributes.PK;
			return KeyConditions.text(KeyConditions.partitionValue(query.keyConditionExpression(),
					query.expressionAttributeNames(), query.expressionAttributeValues(), attribute));
		}
		Map<String, AttributeValue> item = null;
		if (request instanceof PutItemRequest put) {
			item = put.item();
		}
		else if (request instanceof UpdateItemRequest update) {
			item = update.key();
		}
		else if (request instanceof DeleteItemRequest delete) {
			item = delete.key();
		}
		else if (request instanceof GetItemRequest get) {
			item = get.key();
		}
		if (item == null) {
			return null;
		}
		String attribute = (index != null) ? IndexDefinition.conventionalPartitionAttribute(index) : ItemAttributes.PK;
		return KeyConditions.text(item.get(attribute));
	}

	static @Nullable AttributeValue pk(TransactWriteItem item) {
		if (item.put() != null) {
			return item.put().item().get(ItemAttributes.PK);
		}
		if (item.update() != null) {
			return item.update().key().get(ItemAttributes.PK);
		}
		if (item.delete() != null) {
			return item.delete().key().get(ItemAttributes.PK);
		}
		return (item.conditionCheck() != null) ? item.conditionCheck().key().get(ItemAttributes.PK) : null;
	}

}
