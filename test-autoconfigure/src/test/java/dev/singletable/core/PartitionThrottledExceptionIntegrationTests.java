package dev.singletable.core;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Task;
import dev.singletable.internal.plan.TransientRetry;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.autoconfigure.capacity.DynamoDbPartitionLimits;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * With DynamoDB's partition limits modelled (a partition serving one write unit a second), a write still throttled
 * after the SDK's retries, and a transaction still cancelled with {@code ThrottlingError} after the template's, is a
 * {@link PartitionThrottledException} naming the hot key and the capacity page; nothing of it is stored.
 */
class PartitionThrottledExceptionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private DynamoDbPartitionLimits limits;

	private DynamoDbClient client;

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient()).scaledDownBy(1000);
		// the SDK's retry conditions, 9 attempts without backoff: the retries end while the key is hot
		this.client = DynamoDbLocal.newClient(this.limits);
		this.template = new SingleTableTemplate(this.client, dynamo.tableName());
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aWriteStillThrottledByTheTypeIndexAfterTheSdksRetriesNamesTheIndexAndTheType() {
		// 6 KB: the type index's partition "Task" owes 5 seconds of units
		this.template.create(task("first"));

		PartitionThrottledException throttled = catchThrowableOfType(PartitionThrottledException.class,
				() -> this.template.create(task("second")));

		assertThat(throttled.getTableName()).isEqualTo(dynamo.tableName());
		assertThat(throttled.getIndexName()).isEqualTo("gsitype");
		assertThat(throttled.getPartitionKey()).isEqualTo("Task");
		assertThat(throttled.getReason()).isEqualTo("IndexWriteKeyRangeThroughputExceeded");
		assertThat(throttled).hasMessageContaining("docs/reference/capacity.md");
		assertThat(this.limits.refusals("IndexWriteKeyRangeThroughputExceeded")).isEqualTo(DynamoDbLocal.MAX_ATTEMPTS);
		assertThat(dynamo.rawClient()
			.query((query) -> query.tableName(dynamo.tableName())
				.indexName("gsitype")
				.keyConditionExpression("gsitype = :t")
				.expressionAttributeValues(Map.of(":t", AttributeValue.fromS("Task"))))
			.count()).as("the throttled create is not stored").isEqualTo(1);
	}

	@Test
	void aCountedCreateStillCancelledWithThrottlingErrorAfterTheTemplatesRetriesNamesItsKey() {
		// the counts item exists (written without the model); the first counted create in the model puts the type
		// index's partition "Task" 5 seconds in debt
		SingleTableTemplate unmodelled = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		unmodelled.setTrackCounts(true);
		unmodelled.create(task("counts"));
		this.template.setTrackCounts(true);
		this.template.create(task("first"));

		PartitionThrottledException throttled = catchThrowableOfType(PartitionThrottledException.class,
				() -> this.template.create(task("second")));

		assertThat(throttled.getReason()).isEqualTo("ThrottlingError");
		assertThat(throttled.getPartitionKey()).startsWith("Task#");
		assertThat(this.limits.refusals("ThrottlingError")).isGreaterThanOrEqualTo(TransientRetry.MAX_ATTEMPTS);
		assertThat(this.template.countsByType()).containsEntry("Task", 2L);
	}

	private static Task task(String title) {
		return Task.of(title + "-" + "x".repeat(6000), Task.Status.OPEN, null, null, 1);
	}

}
