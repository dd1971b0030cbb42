package dev.singletable.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Integration tests for {@link DynamoDbLocalExtension} with its {@link RequestCounter} and
 * {@link FaultInjector}, against DynamoDB Local.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynamoDbLocalExtensionIntegrationTests {

	private static final int ITEMS_FOR_EMPTYING = 130;

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Test
	@Order(1)
	void tableIsCreatedWithTheStandardIndexes() {
		assertThat(dynamo.tableName()).isEqualTo(DynamoDbLocalExtension.DEFAULT_TABLE_NAME)
			.isEqualTo("singletable-test");
		assertThat(SingleTableSchema.standard(dynamo.tableName()).findProblems(dynamo.rawClient())).isEmpty();
		List<GlobalSecondaryIndexDescription> indexes = dynamo.rawClient()
			.describeTable((request) -> request.tableName(dynamo.tableName()))
			.table()
			.globalSecondaryIndexes();
		assertThat(indexes).extracting(GlobalSecondaryIndexDescription::indexName)
			.containsExactlyInAnyOrder("gsitype", "gsi1", "gsi2", "gsi3");
	}

	@Test
	@Order(2)
	void fillTableForTheNextTest() {
		List<WriteRequest> puts = new ArrayList<>();
		for (int i = 0; i < ITEMS_FOR_EMPTYING; i++) {
			puts.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item("Note#" + i)).build()).build());
		}
		for (int from = 0; from < puts.size(); from += 25) {
			List<WriteRequest> chunk = puts.subList(from, Math.min(from + 25, puts.size()));
			assertThat(dynamo.rawClient()
				.batchWriteItem((request) -> request.requestItems(Map.of(dynamo.tableName(), chunk)))
				.unprocessedItems()).isEmpty();
		}
		assertThat(itemCount()).isEqualTo(ITEMS_FOR_EMPTYING);
	}

	@Test
	@Order(3)
	void tableIsEmptiedBeforeEachTest() {
		assertThat(itemCount()).isZero();
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void putItemCountsAsOneRequest() {
		dynamo.client().putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#1")));
		assertThat(dynamo.requests().total()).isOne();
		assertThat(dynamo.requests().count("PutItem")).isOne();
		assertThat(dynamo.requests().count("GetItem")).isZero();
		assertThat(dynamo.requests().calls()).isOne();
		assertThat(dynamo.requests().operations()).containsExactly("PutItem");
	}

	@Test
	void operationsAreListedInOrderUntilReset() {
		dynamo.client().putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#1")));
		dynamo.client().getItem((request) -> request.tableName(dynamo.tableName()).key(key("Note#1")));
		dynamo.client().deleteItem((request) -> request.tableName(dynamo.tableName()).key(key("Note#1")));
		assertThat(dynamo.requests().operations()).containsExactly("PutItem", "GetItem", "DeleteItem");
		assertThat(dynamo.requests().calledOperations()).containsExactly("PutItem", "GetItem", "DeleteItem");
		dynamo.requests().reset();
		assertThat(dynamo.requests().operations()).isEmpty();
		assertThat(dynamo.requests().calls()).isZero();
	}

	@Test
	void rawClientIsNotCounted() {
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#1")));
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void faultFromFailNextSurfacesToTheCallerAndIsCounted() {
		dynamo.faults().failNext("PutItem", 1, () -> new IllegalStateException("injected"));
		assertThatIllegalStateException()
			.isThrownBy(() -> dynamo.client()
				.putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#1"))))
			.withMessage("injected");
		assertThat(dynamo.requests().count("PutItem")).isOne();
		assertThat(dynamo.faults().injected()).isOne();
		assertThat(dynamo.faults().injected("PutItem")).isOne();
		assertThat(dynamo.faults().pending()).isZero();
		assertThat(storedItem("Note#1")).as("the request never reached the server").isEmpty();
	}

	@Test
	void faultOnlyHitsItsOperation() {
		dynamo.faults().failNext("DeleteItem", 1, () -> new IllegalStateException("injected"));
		dynamo.client().putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#1")));
		assertThat(dynamo.faults().injected()).isZero();
		assertThat(dynamo.faults().pending()).isOne();
	}

	@Test
	void faultForAnyOperationHitsEveryOperation() {
		dynamo.faults().failNext(FaultInjector.ANY_OPERATION, 2, () -> new IllegalStateException("injected"));
		assertThatIllegalStateException().isThrownBy(() -> dynamo.client()
			.putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#1"))));
		assertThatIllegalStateException().isThrownBy(
				() -> dynamo.client().getItem((request) -> request.tableName(dynamo.tableName()).key(key("Note#1"))));
		assertThat(dynamo.client()
			.getItem((request) -> request.tableName(dynamo.tableName()).key(key("Note#1")))
			.hasItem()).isFalse();
		assertThat(dynamo.faults().injected()).isEqualTo(2);
	}

	@Test
	void retryableFaultIsRetriedByTheSdkAndEachAttemptIsCounted() {
		dynamo.faults().failNext("PutItem", 2, FaultInjector::throttle);
		dynamo.client().putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#1")));
		assertThat(dynamo.requests().count("PutItem")).isEqualTo(3);
		assertThat(dynamo.requests().calls("PutItem")).isOne();
		assertThat(dynamo.faults().injected("PutItem")).isEqualTo(2);
		assertThat(storedItem("Note#1")).isNotEmpty();
	}

	@Test
	void retryableFaultOnEveryAttemptExhaustsTheRetries() {
		dynamo.faults().failNext("GetItem", DynamoDbLocal.MAX_ATTEMPTS, FaultInjector::serverError);
		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> dynamo.client()
				.getItem((request) -> request.tableName(dynamo.tableName()).key(key("Note#1"))))
			.satisfies((ex) -> assertThat(ex.statusCode()).isEqualTo(500));
		assertThat(dynamo.requests().count("GetItem")).isEqualTo(DynamoDbLocal.MAX_ATTEMPTS);
		assertThat(dynamo.requests().calls("GetItem")).isOne();
	}

	@Test
	void faultAfterTransmissionHidesAWriteTheServerApplied() {
		dynamo.faults().failNextAfterTransmission("PutItem", 1, FaultInjector::serverError);
		assertThatExceptionOfType(ConditionalCheckFailedException.class)
			.as("the SDK retries, and the retry finds the item the first attempt wrote")
			.isThrownBy(() -> dynamo.client()
				.putItem((request) -> request.tableName(dynamo.tableName())
					.item(item("Note#1"))
					.conditionExpression("attribute_not_exists(pk)")));
		assertThat(dynamo.requests().count("PutItem")).isEqualTo(2);
		assertThat(storedItem("Note#1")).isNotEmpty();
	}

	@Test
	void rewrittenResponseIsSeenByTheCaller() {
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#1")));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item("Note#2")));
		dynamo.faults().rewriteNext(BatchGetItemResponse.class, (response) -> response.toBuilder()
			.responses(Map.of(dynamo.tableName(), List.of(item("Note#1"))))
			.unprocessedKeys(Map.of(dynamo.tableName(), KeysAndAttributes.builder().keys(key("Note#2")).build()))
			.build());
		BatchGetItemResponse response = dynamo.client()
			.batchGetItem((request) -> request.requestItems(Map.of(dynamo.tableName(),
					KeysAndAttributes.builder().keys(key("Note#1"), key("Note#2")).build())));
		assertThat(response.responses().get(dynamo.tableName())).containsExactly(item("Note#1"));
		assertThat(response.unprocessedKeys().get(dynamo.tableName()).keys()).containsExactly(key("Note#2"));
		assertThat(dynamo.faults().injected("BatchGetItem")).isOne();
		assertThat(dynamo.requests().count("BatchGetItem")).isOne();
		BatchGetItemResponse next = dynamo.client()
			.batchGetItem((request) -> request.requestItems(Map.of(dynamo.tableName(),
					KeysAndAttributes.builder().keys(key("Note#1"), key("Note#2")).build())));
		assertThat(next.responses().get(dynamo.tableName())).hasSize(2);
		assertThat(next.unprocessedKeys()).isEmpty();
	}

	@Test
	void randomFaultsAreReproducibleWithTheSameSeed() {
		List<Boolean> first = randomRun();
		assertThat(first).contains(true, false);
		assertThat(dynamo.faults().injected()).isEqualTo((int) first.stream().filter((failed) -> failed).count());
		assertThat(dynamo.requests().total()).isEqualTo(first.size());
		dynamo.faults().clear();
		assertThat(randomRun()).isEqualTo(first);
		dynamo.faults().clear();
		dynamo.client().getItem((request) -> request.tableName(dynamo.tableName()).key(key("Note#1")));
		assertThat(dynamo.faults().injected()).isZero();
	}

	@Test
	void requestCounterIsThreadSafe() throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 4; thread++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < 25; i++) {
						dynamo.client().getItem((request) -> request.tableName(dynamo.tableName()).key(key("Note#1")));
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(dynamo.requests().total()).isEqualTo(100);
		assertThat(dynamo.requests().count("GetItem")).isEqualTo(100);
		assertThat(dynamo.requests().calls()).isEqualTo(100);
	}

	@Test
	void throttleAndServerErrorLookLikeDynamoDbErrors() {
		assertThat(FaultInjector.throttle()).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(400);
			assertThat(ex.isThrottlingException()).isTrue();
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("ProvisionedThroughputExceededException");
		});
		assertThat(FaultInjector.serverError()).satisfies((ex) -> {
			assertThat(ex.statusCode()).isEqualTo(500);
			assertThat(ex.isThrottlingException()).isFalse();
			assertThat(ex.awsErrorDetails().errorCode()).isEqualTo("InternalServerError");
		});
	}

	private List<Boolean> randomRun() {
		dynamo.faults().failRandomly(0.3, 42L, () -> new IllegalStateException("injected"));
		List<Boolean> failed = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			try {
				dynamo.client().getItem((request) -> request.tableName(dynamo.tableName()).key(key("Note#1")));
				failed.add(false);
			}
			catch (IllegalStateException ex) {
				failed.add(true);
			}
		}
		return failed;
	}

	private static int itemCount() {
		return dynamo.rawClient()
			.scanPaginator((request) -> request.tableName(dynamo.tableName()).consistentRead(true))
			.stream()
			.mapToInt((page) -> page.count())
			.sum();
	}

	private static Map<String, AttributeValue> storedItem(String pk) {
		return dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName()).key(key(pk)).consistentRead(true))
			.item();
	}

	private static Map<String, AttributeValue> key(String pk) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(pk), ItemAttributes.SK, AttributeValue.fromS(pk));
	}

	private static Map<String, AttributeValue> item(String pk) {
		return Map.of(ItemAttributes.PK, AttributeValue.fromS(pk), ItemAttributes.SK, AttributeValue.fromS(pk),
				"title", AttributeValue.fromS("Title of " + pk));
	}

}
