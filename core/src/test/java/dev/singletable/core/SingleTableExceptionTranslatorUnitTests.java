package dev.singletable.core;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throttling still there after the retries is translated into a {@link PartitionThrottledException} naming the
 * table or index, the partition key value the request sent there, DynamoDB's reason and the capacity page.
 */
class SingleTableExceptionTranslatorUnitTests {

	private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/app";

	private final SingleTableExceptionTranslator translator = new SingleTableExceptionTranslator("app");

	@Test
	void anIndexThrottlingAPutNamesTheIndexAndTheItemsKeyThere() {
		ThrottlingException ex = (ThrottlingException) ThrottlingException.builder()
			.statusCode(400)
			.awsErrorDetails(details("ThrottlingException"))
			.throttlingReasons(reason("IndexWriteKeyRangeThroughputExceeded", ARN + "/index/gsitype"))
			.build();
		PutItemRequest put = PutItemRequest.builder()
			.tableName("app")
			.item(Map.of("pk", s("Order#1"), "sk", s("Order#1"), "gsitype", s("Order")))
			.build();

		RuntimeException translated = this.translator.translate(ex, put);

		assertThat(translated).isInstanceOfSatisfying(PartitionThrottledException.class, (throttled) -> {
			assertThat(throttled.getTableName()).isEqualTo("app");
			assertThat(throttled.getIndexName()).isEqualTo("gsitype");
			assertThat(throttled.getPartitionKey()).isEqualTo("Order");
			assertThat(throttled.getReason()).isEqualTo("IndexWriteKeyRangeThroughputExceeded");
		});
		assertThat(translated).isInstanceOf(TransientDataAccessResourceException.class)
			.hasMessageContaining("partition key 'Order' of index 'gsitype' of table 'app'")
			.hasMessageContaining(PartitionThrottledException.CAPACITY_PAGE)
			.hasCause(ex);
	}

	@Test
	void aThrottledQueryNamesTheValueOfItsKeyCondition() {
		ProvisionedThroughputExceededException ex = (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException
			.builder()
			.statusCode(400)
			.awsErrorDetails(details("ProvisionedThroughputExceededException"))
			.throttlingReasons(reason("IndexReadKeyRangeThroughputExceeded", ARN + "/index/gsi1"))
			.build();
		QueryRequest query = QueryRequest.builder()
			.tableName("app")
			.indexName("gsi1")
			.keyConditionExpression("#pk = :pk")
			.expressionAttributeNames(Map.of("#pk", "gsi1pk"))
			.expressionAttributeValues(Map.of(":pk", s("status#OPEN")))
			.build();

		assertThat(this.translator.translate(ex, query)).isInstanceOfSatisfying(PartitionThrottledException.class,
				(throttled) -> {
					assertThat(throttled.getIndexName()).isEqualTo("gsi1");
					assertThat(throttled.getPartitionKey()).isEqualTo("status#OPEN");
				});
	}

	@Test
	void aTransactionCancelledByThrottlingNamesTheThrottledItemsKey() {
		TransactionCanceledException ex = cancelled("None", "ThrottlingError");
		TransactWriteItemsRequest transact = TransactWriteItemsRequest.builder()
			.transactItems(put("Order#1"), put("_INTERNAL#MemoryStats"))
			.build();

		assertThat(this.translator.translate(ex, transact)).isInstanceOfSatisfying(PartitionThrottledException.class,
				(throttled) -> {
					assertThat(throttled.getIndexName()).isNull();
					assertThat(throttled.getPartitionKey()).isEqualTo("_INTERNAL#MemoryStats");
					assertThat(throttled.getReason()).isEqualTo("ThrottlingError");
				});
	}

	@Test
	void aConflictIsNoHotKeyAndThrottlingWithoutTheRequestNamesNoKey() {
		TransactWriteItemsRequest transact = TransactWriteItemsRequest.builder().transactItems(put("Order#1")).build();
		assertThat(this.translator.translate(cancelled("TransactionConflict"), transact))
			.isExactlyInstanceOf(TransientDataAccessResourceException.class)
			.hasMessageContaining("TransactionConflict");

		ThrottlingException ex = (ThrottlingException) ThrottlingException.builder()
			.statusCode(400)
			.awsErrorDetails(details("ThrottlingException"))
			.build();
		assertThat(this.translator.translate(ex)).isInstanceOfSatisfying(PartitionThrottledException.class,
				(throttled) -> {
					assertThat(throttled.getPartitionKey()).isNull();
					assertThat(throttled.getIndexName()).isNull();
					assertThat(throttled.getReason()).isEqualTo("ThrottlingException");
				});
	}

	@Test
	void aTransactionStillInConflictNamesTheItemsInConflictAndTheCountsItemWhatItIs() {
		TransactWriteItemsRequest onResource = TransactWriteItemsRequest.builder()
			.transactItems(put("Order#1"), put("Order#2"))
			.build();
		assertThat(this.translator.translate(cancelled("None", "TransactionConflict"), onResource))
			.isExactlyInstanceOf(TransientDataAccessResourceException.class)
			.hasMessageContaining("in conflict with other transactions on [Order#2]")
			.hasMessageNotContaining("Order#1")
			.hasMessageNotContaining("per-type counts");

		TransactWriteItemsRequest counted = TransactWriteItemsRequest.builder()
			.transactItems(put("Order#1"), put("Order#1"), put("_INTERNAL#MemoryStats"))
			.build();
		assertThat(this.translator.translate(cancelled("None", "None", "TransactionConflict"), counted))
			.isExactlyInstanceOf(TransientDataAccessResourceException.class)
			.hasMessageContaining("on [_INTERNAL#MemoryStats]")
			.hasMessageContaining("_INTERNAL#MemoryStats is the per-type counts item")
			.hasMessageContaining("setTrackCounts(false)")
			.hasMessageContaining("docs/reference/capacity.md");
	}

	private static TransactionCanceledException cancelled(String... codes) {
		return (TransactionCanceledException) TransactionCanceledException.builder()
			.statusCode(400)
			.awsErrorDetails(details("TransactionCanceledException"))
			.cancellationReasons(java.util.Arrays.stream(codes)
				.map((code) -> CancellationReason.builder().code(code).build())
				.toList())
			.build();
	}

	private static TransactWriteItem put(String pk) {
		return TransactWriteItem.builder()
			.put((put) -> put.tableName("app").item(Map.of("pk", s(pk), "sk", s(pk))))
			.build();
	}

	private static ThrottlingReason reason(String reason, String resource) {
		return ThrottlingReason.builder().reason(reason).resource(resource).build();
	}

	private static AwsErrorDetails details(String code) {
		return AwsErrorDetails.builder().errorCode(code).errorMessage(code).serviceName("DynamoDb").build();
	}

	private static AttributeValue s(String value) {
		return AttributeValue.fromS(value);
	}

}
