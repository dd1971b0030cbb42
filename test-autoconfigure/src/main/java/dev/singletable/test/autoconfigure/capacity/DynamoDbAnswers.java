package dev.singletable.test.autoconfigure.capacity;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingException;
import software.amazon.awssdk.services.dynamodb.model.ThrottlingReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;

/**
 * The errors DynamoDB answers when a partition is over its limit or a transaction meets another, built as the SDK
 * unmarshals them from DynamoDB's responses: status 400, the error code of the exception's shape, DynamoDB's
 * messages, and the throttling reasons ({@code <Table|Index><Read|Write>KeyRangeThroughputExceeded} with the ARN of
 * the table or index) or cancellation reasons ({@code TransactionConflict}, {@code ThrottlingError}, {@code None}).
 */
final class DynamoDbAnswers {

	private static final String PROVISIONED_MESSAGE = "The level of configured provisioned throughput for the table "
			+ "was exceeded. Consider increasing your provisioning level with the UpdateTable API.";

	private static final String ON_DEMAND_MESSAGE = "Throughput exceeds the current capacity of your table or index. "
			+ "DynamoDB is automatically scaling your table or index so please try again shortly. If exceptions "
			+ "persist, check if you have a hot key: "
			+ "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";

	private static final String INDEX_THROTTLING_MESSAGE = "Throughput exceeds the current capacity for one or more "
			+ "global secondary indexes. DynamoDB is automatically scaling your index so please try again shortly.";

	private static final String CONFLICT_MESSAGE = "Transaction is ongoing for the item";

	private DynamoDbAnswers() {
	}

	/**
	 * A request throttled on partitions: {@code ProvisionedThroughputExceededException} for a provisioned table,
	 * {@code ThrottlingException} for an on-demand one; the SDK retries both as throttling.
	 * @param provisioned whether the table is provisioned
	 * @param reasons the partitions over their limit
	 */
	static DynamoDbException throttled(boolean provisioned, List<Throttle> reasons) {
		List<ThrottlingReason> throttlingReasons = reasons.stream()
			.map((throttle) -> ThrottlingReason.builder().reason(throttle.reason()).resource(throttle.arn()).build())
			.distinct()
			.toList();
		if (provisioned) {
			return (DynamoDbException) ProvisionedThroughputExceededException.builder()
				.message(PROVISIONED_MESSAGE)
				.statusCode(400)
				.requestId(requestId())
				.awsErrorDetails(details("ProvisionedThroughputExceededException", PROVISIONED_MESSAGE))
				.throttlingReasons(throttlingReasons)
				.build();
		}
		return (DynamoDbException) ThrottlingException.builder()
			.message(ON_DEMAND_MESSAGE)
			.statusCode(400)
			.requestId(requestId())
			.awsErrorDetails(details("ThrottlingException", ON_DEMAND_MESSAGE))
			.throttlingReasons(throttlingReasons)
			.build();
	}

	/**
	 * A transaction cancelled: one reason per item, in the request's order; an item without a reason of its own is
	 * {@code None}.
	 * @param reasons the reason of each item, {@literal null} for {@code None}
	 */
	static TransactionCanceledException cancelled(List<@Nullable Cancel> reasons) {
		List<CancellationReason> cancellation = new ArrayList<>(reasons.size());
		List<String> codes = new ArrayList<>(reasons.size());
		for (@Nullable Cancel reason : reasons) {
			if (reason == null) {
				cancellation.add(CancellationReason.builder().code("None").build());
				codes.add("None");
			}
			else {
				cancellation.add(CancellationReason.builder().code(reason.code()).message(reason.message()).build());
				codes.add(reason.code());
			}
		}
		String message = "Transaction cancelled, please refer cancellation reasons for specific reasons " + codes;
		return (TransactionCanceledException) TransactionCanceledException.builder()
			.message(message)
			.statusCode(400)
			.requestId(requestId())
			.awsErrorDetails(details("TransactionCanceledException", message))
			.cancellationReasons(cancellation)
			.build();
	}

	/**
	 * A plain write of an item that a transaction in flight writes: {@code TransactionConflictException}.
	 */
	static TransactionConflictException conflict() {
		return (TransactionConflictException) TransactionConflictException.builder()
			.message(CONFLICT_MESSAGE)
			.statusCode(400)
			.requestId(requestId())
			.awsErrorDetails(details("TransactionConflictException", CONFLICT_MESSAGE))
			.build();
	}

	/** The cancellation reason of an item that a transaction in flight writes. */
	static Cancel transactionConflict() {
		return new Cancel("TransactionConflict", CONFLICT_MESSAGE);
	}

	/** The cancellation reason of an item whose partition, of the table or of an index, is over its limit. */
	static Cancel throttlingError(boolean index) {
		return new Cancel("ThrottlingError", index ? INDEX_THROTTLING_MESSAGE : ON_DEMAND_MESSAGE);
	}

	private static AwsErrorDetails details(String code, String message) {
		return AwsErrorDetails.builder().errorCode(code).errorMessage(message).serviceName("DynamoDb").build();
	}

	private static String requestId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * A cancellation reason.
	 * @param code the code
	 * @param message the message
	 */
	record Cancel(String code, String message) {

	}

	/**
	 * A partition over its limit.
	 * @param index the index's name, {@literal null} for the table
	 * @param write a write, else a read
	 * @param arn the ARN of the table or index
	 */
	record Throttle(@Nullable String index, boolean write, String arn) {

		String reason() {
			return ((this.index != null) ? "Index" : "Table") + (this.write ? "Write" : "Read")
					+ "KeyRangeThroughputExceeded";
		}

	}

}
