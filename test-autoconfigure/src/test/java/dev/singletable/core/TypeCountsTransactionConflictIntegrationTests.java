package dev.singletable.core;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.TransientDataAccessResourceException;

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
 * Counted creates meet on the one per-type counts item ({@code _INTERNAL#MemoryStats}) that every counted
 * transaction updates: with DynamoDB's transaction conflicts modelled, a create whose transaction overlaps one in
 * flight is cancelled with {@code TransactionConflict} and sent again by the template (same client request token,
 * backoff), and refused as a transient failure naming the reason, the counts item and what to do when the other is
 * still in flight after {@link TransientRetry#MAX_ATTEMPTS} attempts; the counts never count a create that was not stored.
 */
class TypeCountsTransactionConflictIntegrationTests {

	private static final String COUNTS = "_INTERNAL#MemoryStats";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private DynamoDbPartitionLimits limits;

	private DynamoDbClient client;

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient());
		this.client = DynamoDbLocal.newClient(this.limits);
		this.template = new SingleTableTemplate(this.client, dynamo.tableName());
		this.template.setTrackCounts(true);
		// the counts item exists: every later counted create is one transaction updating it
		this.template.create(Task.of("first", Task.Status.OPEN, null, null, 1));
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void aCreateCancelledByAConflictOnTheCountsItemIsSentAgainAndCountedOnce() throws Exception {
		DynamoDbPartitionLimits.Hold hold = this.limits.holdTransactionsOn(COUNTS);
		CompletableFuture<Task> held = CompletableFuture
			.supplyAsync(() -> this.template.create(Task.of("held", Task.Status.OPEN, null, null, 1)));
		hold.awaitHeld(Duration.ofSeconds(10));

		CompletableFuture<Task> second = CompletableFuture
			.supplyAsync(() -> this.template.create(Task.of("second", Task.Status.OPEN, null, null, 1)));
		awaitConflicts(1);
		hold.release();

		assertThat(held.get(10, TimeUnit.SECONDS).title()).isEqualTo("held");
		assertThat(second.get(10, TimeUnit.SECONDS).title()).isEqualTo("second");
		assertThat(this.limits.refusals("TransactionConflict")).isBetween(1, TransientRetry.MAX_ATTEMPTS - 1);
		assertThat(this.template.countsByType()).containsEntry("Task", 3L);
		assertThat(storedTasks()).isEqualTo(3);
	}

	@Test
	void aCreateStillInConflictAfterTheRetriesIsRefusedAndNotCounted() throws Exception {
		DynamoDbPartitionLimits.Hold hold = this.limits.holdTransactionsOn(COUNTS);
		CompletableFuture<Task> held = CompletableFuture
			.supplyAsync(() -> this.template.create(Task.of("held", Task.Status.OPEN, null, null, 1)));
		hold.awaitHeld(Duration.ofSeconds(10));

		TransientDataAccessResourceException refused = catchThrowableOfType(TransientDataAccessResourceException.class,
				() -> this.template.create(Task.of("refused", Task.Status.OPEN, null, null, 1)));
		hold.release();

		assertThat(refused).hasMessageContaining("TransactionConflict")
			.hasMessageContaining(dynamo.tableName())
			.hasMessageContaining("in conflict with other transactions on [" + COUNTS + "]")
			.hasMessageContaining("per-type counts item")
			.hasMessageContaining("docs/reference/capacity.md");
		assertThat(this.limits.refusals("TransactionConflict")).isEqualTo(TransientRetry.MAX_ATTEMPTS);
		assertThat(held.get(10, TimeUnit.SECONDS).title()).isEqualTo("held");
		assertThat(this.template.countsByType()).containsEntry("Task", 2L);
		assertThat(storedTasks()).isEqualTo(2);
	}

	private void awaitConflicts(int conflicts) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.limits.refusals("TransactionConflict") < conflicts) {
			assertThat(System.nanoTime()).as("no conflict within 10 s").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	private int storedTasks() {
		return dynamo.rawClient()
			.query((query) -> query.tableName(dynamo.tableName())
				.indexName("gsitype")
				.keyConditionExpression("gsitype = :t")
				.expressionAttributeValues(Map.of(":t", AttributeValue.fromS("Task"))))
			.count();
	}

}
