package dev.singletable.test.autoconfigure.capacity;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The model against the raw SDK: units billed as DynamoDB bills them, an index partition over its limit throttling
 * the table's writes, transactions conflicting, and every answer with the exception class, error code, reasons and
 * retry behaviour the SDK's documentation gives DynamoDB's.
 */
class DynamoDbPartitionLimitsIntegrationTests {

	private static final int ATTEMPTS = 3;

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("partition-limits");

	@Test
	void billsWritesAndReadsAsDynamoDbBillsThem() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient());
		try (DynamoDbClient client = ModeledClients.client(limits, 1)) {
			// 3.5 KB: 4 write units on the table and 4 on the type index, which projects the whole item
			client.putItem((put) -> put.tableName(dynamo.tableName()).item(item("Widget#1", "Widget", 3500)));
			assertThat(limits.consumedWriteUnits(null, "Widget#1")).isEqualTo(4);
			assertThat(limits.consumedWriteUnits("gsitype", "Widget")).isEqualTo(4);

			// an update is billed on the larger of the item before and after it, on the table and the index
			client.updateItem((update) -> update.tableName(dynamo.tableName())
				.key(key("Widget#1"))
				.updateExpression("SET #n = :n")
				.expressionAttributeNames(Map.of("#n", "name"))
				.expressionAttributeValues(Map.of(":n", AttributeValue.fromS("renamed"))));
			assertThat(limits.consumedWriteUnits(null, "Widget#1")).isEqualTo(8);
			assertThat(limits.consumedWriteUnits("gsitype", "Widget")).isEqualTo(8);

			// a transaction doubles the table's units: 1.5 KB is 2 units, 4 in a transaction
			client.transactWriteItems((transact) -> transact.transactItems(TransactWriteItem.builder()
				.put((put) -> put.tableName(dynamo.tableName()).item(item("Widget#2", "Widget", 1500)))
				.build()));
			assertThat(limits.consumedWriteUnits(null, "Widget#2")).isEqualTo(4);
			assertThat(limits.consumedWriteUnits("gsitype", "Widget")).isEqualTo(10);

			// reads: one unit per started 4 KB, half eventually consistent
			client.getItem((get) -> get.tableName(dynamo.tableName()).key(key("Widget#1")).consistentRead(true));
			client.getItem((get) -> get.tableName(dynamo.tableName()).key(key("Widget#2")));
			assertThat(limits.consumedReadUnits(null, "Widget#1")).isEqualTo(1);
			assertThat(limits.consumedReadUnits(null, "Widget#2")).isEqualTo(0.5);
			// a query sums its items (3.5 + 1.5 KB: 2 units), eventually consistent: 1
			client.query((query) -> query.tableName(dynamo.tableName())
				.indexName("gsitype")
				.keyConditionExpression("gsitype = :t")
				.expressionAttributeValues(Map.of(":t", AttributeValue.fromS("Widget"))));
			assertThat(limits.consumedReadUnits("gsitype", "Widget")).isEqualTo(1);

			// a delete is billed for the item it removes, from the index too
			client.deleteItem((delete) -> delete.tableName(dynamo.tableName()).key(key("Widget#2")));
			assertThat(limits.consumedWriteUnits(null, "Widget#2")).isEqualTo(6);
			assertThat(limits.consumedWriteUnits("gsitype", "Widget")).isEqualTo(12);
		}
	}

	@Test
	void anIndexPartitionOverItsLimitThrottlesTheTablesWrites() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(100);
		try (DynamoDbClient client = ModeledClients.client(limits, 1)) {
			ThrottlingException throttled = null;
			int written = 0;
			// every item has a partition of its own; all share the type index's partition "Hot" (10 units a second)
			while (throttled == null && written < 200) {
				String pk = "Hot#" + written;
				try {
					client.putItem((put) -> put.tableName(dynamo.tableName()).item(item(pk, "Hot", 100)));
					written++;
				}
				catch (ThrottlingException ex) {
					throttled = ex;
					assertThat(dynamo.storedItem(pk, pk)).as("the throttled write is not applied").isEmpty();
					assertThat(limits.consumedWriteUnits(null, pk)).as("its own partition was not used").isZero();
				}
			}
			assertThat(throttled).isNotNull();
			assertThat(written).isBetween(10, 30);
			assertThat(throttled.throttlingReasons()).extracting(ThrottlingReason::reason, ThrottlingReason::resource)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("IndexWriteKeyRangeThroughputExceeded",
						"arn:aws:dynamodb:us-east-1:000000000000:table/partition-limits/index/gsitype"));
			// another type's key is not hot
			client.putItem((put) -> put.tableName(dynamo.tableName()).item(item("Cold#1", "Cold", 100)));
			assertThat(dynamo.storedItem("Cold#1", "Cold#1")).isNotEmpty();
		}
	}

	@Test
	void throttlingIsTheExceptionTheSdkRetriesAsThrottling() {
		DynamoDbPartitionLimits onDemand = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(1000);
		try (DynamoDbClient client = ModeledClients.client(onDemand, ATTEMPTS)) {
			// 3 units where a partition serves 1 a second: the index's partition "Hot" is in debt for 2 seconds
			client.putItem((put) -> put.tableName(dynamo.tableName()).item(item("Hot#1", "Hot", 3000)));
			ThrottlingException ex = catchThrowableOfType(ThrottlingException.class,
					() -> client.putItem((put) -> put.tableName(dynamo.tableName()).item(item("Hot#1", "Hot", 100))));
			assertAnsweredAsDynamoDb(ex, "ThrottlingException");
			assertThat(ex.isThrottlingException()).isTrue();
			assertThat(ex.throttlingReasons()).extracting(ThrottlingReason::reason)
				.containsExactly("IndexWriteKeyRangeThroughputExceeded");
			assertThat(onDemand.refusals("IndexWriteKeyRangeThroughputExceeded")).as("attempts: the SDK retried")
				.isEqualTo(ATTEMPTS);
		}
		DynamoDbPartitionLimits provisioned = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(1000)
			.provisioned();
		try (DynamoDbClient client = ModeledClients.client(provisioned, ATTEMPTS)) {
			// a strongly consistent read of 20 KB is 5 units where a partition serves 3 a second
			dynamo.rawClient().putItem((put) -> put.tableName(dynamo.tableName()).item(item("Big#1", "Big", 20000)));
			client.getItem((get) -> get.tableName(dynamo.tableName()).key(key("Big#1")).consistentRead(true));
			ProvisionedThroughputExceededException ex = catchThrowableOfType(
					ProvisionedThroughputExceededException.class, () -> client
						.getItem((get) -> get.tableName(dynamo.tableName()).key(key("Big#1")).consistentRead(true)));
			assertAnsweredAsDynamoDb(ex, "ProvisionedThroughputExceededException");
			assertThat(ex.isThrottlingException()).isTrue();
			assertThat(ex.throttlingReasons()).extracting(ThrottlingReason::reason, ThrottlingReason::resource)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("TableReadKeyRangeThroughputExceeded",
						"arn:aws:dynamodb:us-east-1:000000000000:table/partition-limits"));
			assertThat(provisioned.refusals("TableReadKeyRangeThroughputExceeded")).isEqualTo(ATTEMPTS);
		}
	}

	@Test
	void aThrottledTransactionIsCancelledWithThrottlingErrorAndNotRetriedByTheSdk() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(1000);
		try (DynamoDbClient client = ModeledClients.client(limits, ATTEMPTS)) {
			client.putItem((put) -> put.tableName(dynamo.tableName()).item(item("Hot#1", "Hot", 3000)));
			TransactionCanceledException ex = catchThrowableOfType(TransactionCanceledException.class,
					() -> client.transactWriteItems((transact) -> transact.transactItems(
							TransactWriteItem.builder()
								.put((put) -> put.tableName(dynamo.tableName()).item(item("Cold#1", "Cold", 100)))
								.build(),
							TransactWriteItem.builder()
								.put((put) -> put.tableName(dynamo.tableName()).item(item("Hot#2", "Hot", 100)))
								.build())));
			assertAnsweredAsDynamoDb(ex, "TransactionCanceledException");
			assertThat(ex.isThrottlingException()).isFalse();
			assertThat(ex.cancellationReasons()).extracting(CancellationReason::code)
				.containsExactly("None", "ThrottlingError");
			assertThat(ex.getMessage()).contains("[None, ThrottlingError]");
			assertThat(limits.refusals("ThrottlingError")).as("sent once: the SDK does not retry it").isEqualTo(1);
			assertThat(dynamo.storedItem("Cold#1", "Cold#1")).as("nothing of it is written").isEmpty();
		}
	}

	@Test
	void overlappingTransactionsAreCancelledWithTransactionConflict() throws Exception {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient());
		try (DynamoDbClient client = ModeledClients.client(limits, ATTEMPTS)) {
			DynamoDbPartitionLimits.Hold hold = limits.holdTransactionsOn("Shared#1");
			CompletableFuture<Void> held = CompletableFuture.runAsync(() -> client.transactWriteItems(
					(transact) -> transact.transactItems(TransactWriteItem.builder()
						.put((put) -> put.tableName(dynamo.tableName()).item(item("Shared#1", "Shared", 100)))
						.build())));
			hold.awaitHeld(Duration.ofSeconds(10));

			TransactionCanceledException cancelled = catchThrowableOfType(TransactionCanceledException.class,
					() -> client.transactWriteItems((transact) -> transact.transactItems(
							TransactWriteItem.builder()
								.put((put) -> put.tableName(dynamo.tableName()).item(item("Other#1", "Other", 100)))
								.build(),
							TransactWriteItem.builder()
								.update((update) -> update.tableName(dynamo.tableName())
									.key(key("Shared#1"))
									.updateExpression("SET #n = :n")
									.expressionAttributeNames(Map.of("#n", "name"))
									.expressionAttributeValues(Map.of(":n", AttributeValue.fromS("second"))))
								.build())));
			assertAnsweredAsDynamoDb(cancelled, "TransactionCanceledException");
			assertThat(cancelled.cancellationReasons()).extracting(CancellationReason::code)
				.containsExactly("None", "TransactionConflict");
			assertThat(limits.refusals("TransactionConflict")).isEqualTo(1);

			TransactionConflictException conflict = catchThrowableOfType(TransactionConflictException.class,
					() -> client.putItem((put) -> put.tableName(dynamo.tableName())
						.item(item("Shared#1", "Shared", 100))));
			assertAnsweredAsDynamoDb(conflict, "TransactionConflictException");
			assertThat(conflict.isThrottlingException()).isFalse();
			assertThat(limits.refusals("TransactionConflictException")).as("sent once: not a retryable error code")
				.isEqualTo(1);

			hold.release();
			held.get(10, TimeUnit.SECONDS);
			assertThat(dynamo.storedItem("Shared#1", "Shared#1")).isNotEmpty();
			assertThat(dynamo.storedItem("Other#1", "Other#1")).isEmpty();
			// once the first transaction is done, the item is free again
			client.putItem((put) -> put.tableName(dynamo.tableName()).item(item("Shared#1", "Shared", 100)));
		}
	}

	@Test
	void theSdksRetriesWithBackoffCarryWritesThroughAThrottledKey() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(100);
		// the SDK's default for DynamoDB: retries with backoff, as in production
		try (DynamoDbClient client = dev.singletable.test.DynamoDbLocal.clientBuilder()
			.overrideConfiguration((config) -> config.addExecutionInterceptor(limits))
			.build()) {
			for (int i = 0; i < 30; i++) {
				String pk = "Hot#" + i;
				client.putItem((put) -> put.tableName(dynamo.tableName()).item(item(pk, "Hot", 100)));
			}
		}
		assertThat(limits.refusals("IndexWriteKeyRangeThroughputExceeded")).isPositive();
		assertThat(dynamo.rawClient()
			.query((query) -> query.tableName(dynamo.tableName())
				.indexName("gsitype")
				.keyConditionExpression("gsitype = :t")
				.expressionAttributeValues(Map.of(":t", AttributeValue.fromS("Hot"))))
			.count()).isEqualTo(30);
	}

	@Test
	void refusesAScaleFactorBelowOne() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient());
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> limits.scaledDownBy(0))
			.withMessageContaining("at least 1");
		assertThat(limits.scaledDownBy(100).partitionWriteUnitsPerSecond()).isEqualTo(10);
		assertThat(limits.scaledDownBy(100).partitionReadUnitsPerSecond()).isEqualTo(30);
	}

	@Test
	void aBatchWriteLeavesTheItemsOverTheirPartitionsUnitsUnprocessedAndIsRefusedWhenNoneFits() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(1000);
		try (DynamoDbClient client = ModeledClients.client(limits, ATTEMPTS)) {
			// a partition serves 1 write unit a second: of three 1-unit items on the index partition "Batch", one fits
			BatchWriteItemResponse response = client.batchWriteItem((batch) -> batch.requestItems(Map.of(
					dynamo.tableName(), List.of(put(item("Batch#1", "Batch", 100)), put(item("Batch#2", "Batch", 100)),
							put(item("Batch#3", "Batch", 100)), put(item("Lone#1", "Lone", 100))))));

			assertThat(response.unprocessedItems().get(dynamo.tableName()))
				.extracting((write) -> write.putRequest().item().get("pk").s())
				.containsExactly("Batch#2", "Batch#3");
			assertThat(dynamo.storedItem("Batch#1", "Batch#1")).isNotEmpty();
			assertThat(dynamo.storedItem("Batch#2", "Batch#2")).as("unprocessed: not written").isEmpty();
			assertThat(dynamo.storedItem("Lone#1", "Lone#1")).as("another partition's item is processed").isNotEmpty();
			assertThat(limits.consumedWriteUnits("gsitype", "Batch")).isEqualTo(1);
			assertThat(limits.refusals("IndexWriteKeyRangeThroughputExceeded")).isEqualTo(2);

			// a batch none of whose items fits is refused as a single write is, and retried by the SDK
			ThrottlingException ex = catchThrowableOfType(ThrottlingException.class,
					() -> client.batchWriteItem((batch) -> batch.requestItems(Map.of(dynamo.tableName(),
							List.of(put(item("Batch#2", "Batch", 100)), put(item("Batch#3", "Batch", 100)))))));
			assertAnsweredAsDynamoDb(ex, "ThrottlingException");
			assertThat(ex.isThrottlingException()).isTrue();
			assertThat(ex.throttlingReasons()).extracting(ThrottlingReason::reason)
				.containsOnly("IndexWriteKeyRangeThroughputExceeded");
			assertThat(limits.refusals("IndexWriteKeyRangeThroughputExceeded")).as("2 items at each of the attempts")
				.isEqualTo(2 + 2 * ATTEMPTS);
			assertThat(dynamo.storedItem("Batch#3", "Batch#3")).isEmpty();
		}
	}

	@Test
	void aBatchGetLeavesTheKeysOfPartitionsWithoutUnitsUnprocessedAndIsRefusedWhenNoneHas() {
		DynamoDbPartitionLimits limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient())
			.scaledDownBy(1000);
		dynamo.rawClient().putItem((put) -> put.tableName(dynamo.tableName()).item(item("Shelf#1", "Shelf", 20000)));
		dynamo.rawClient().putItem((put) -> put.tableName(dynamo.tableName()).item(item("Shelf#2", "Shelf", 100)));
		try (DynamoDbClient client = ModeledClients.client(limits, ATTEMPTS)) {
			// 5 read units where a partition serves 3 a second: "Shelf#1" is in debt
			client.getItem((get) -> get.tableName(dynamo.tableName()).key(key("Shelf#1")).consistentRead(true));

			BatchGetItemResponse response = client.batchGetItem((batch) -> batch.requestItems(Map.of(dynamo.tableName(),
					KeysAndAttributes.builder().keys(key("Shelf#1"), key("Shelf#2")).consistentRead(true).build())));

			assertThat(response.responses().get(dynamo.tableName())).extracting((item) -> item.get("pk").s())
				.containsExactly("Shelf#2");
			assertThat(response.unprocessedKeys().get(dynamo.tableName()).keys())
				.extracting((key) -> key.get("pk").s())
				.containsExactly("Shelf#1");
			assertThat(response.unprocessedKeys().get(dynamo.tableName()).consistentRead()).isTrue();
			assertThat(limits.consumedReadUnits(null, "Shelf#2")).as("the item read, billed by its size").isEqualTo(1);
			assertThat(limits.refusals("TableReadKeyRangeThroughputExceeded")).isEqualTo(1);

			ThrottlingException ex = catchThrowableOfType(ThrottlingException.class,
					() -> client.batchGetItem((batch) -> batch.requestItems(Map.of(dynamo.tableName(),
							KeysAndAttributes.builder().keys(key("Shelf#1")).build()))));
			assertAnsweredAsDynamoDb(ex, "ThrottlingException");
			assertThat(ex.throttlingReasons()).extracting(ThrottlingReason::reason)
				.containsExactly("TableReadKeyRangeThroughputExceeded");
			assertThat(limits.refusals("TableReadKeyRangeThroughputExceeded")).isEqualTo(1 + ATTEMPTS);
		}
	}

	private static WriteRequest put(Map<String, AttributeValue> item) {
		return WriteRequest.builder().putRequest((put) -> put.item(item)).build();
	}

	private static void assertAnsweredAsDynamoDb(DynamoDbException ex, String errorCode) {
		assertThat(ex).isNotNull();
		assertThat(ex.statusCode()).isEqualTo(400);
		assertThat(ex.awsErrorDetails().errorCode()).isEqualTo(errorCode);
		assertThat(ex.awsErrorDetails().serviceName()).isEqualTo("DynamoDb");
		assertThat(ex.requestId()).isNotBlank();
	}

	static Map<String, AttributeValue> key(String pk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(pk));
	}

	/**
	 * A plain item of the standard layout of about {@code bytes} bytes, in the type index under {@code type}.
	 */
	static Map<String, AttributeValue> item(String pk, String type, int bytes) {
		Map<String, AttributeValue> item = new HashMap<>(key(pk));
		item.put("gsitype", AttributeValue.fromS(type));
		item.put("gsitypesk", AttributeValue.fromS("2026-11-28T12:00:00+00:00"));
		int used = 2 + 2 * pk.length() + 2 + 7 + type.length() + 9 + 25 + 4;
		item.put("data", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[Math.max(1, bytes - used)])));
		return item;
	}

}
