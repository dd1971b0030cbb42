package dev.singletable.autoconfigure.evolution;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.singletable.autoconfigure.SingleTableDynamoDbClientBuilderCustomizer;
import dev.singletable.autoconfigure.TestTables;
import dev.singletable.autoconfigure.evolution.after.AfterApplication;
import dev.singletable.autoconfigure.evolution.after.Ticket;
import dev.singletable.autoconfigure.evolution.before.BeforeApplication;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.evolution.BackfillOptions;
import dev.singletable.evolution.BackfillResult;
import dev.singletable.evolution.BackfillStoppedException;
import dev.singletable.evolution.SingleTableBackfills;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application closed while a backfill runs on it: the run stops before the context closes the
 * client, releasing its segments with their checkpoints, so another instance waiting for them (with a 30 s lease)
 * takes them over at once, and the caller of the backfill gets a {@link BackfillStoppedException}, never what the
 * closed client would throw. The interleaving is forced: the closing instance's two threads each hold a segment,
 * stopped right after their first item, until the closing context is inside the backfills' stop.
 */
class SingleTableBackfillsContextCloseIntegrationTests {

	private static final String RUN = "closing";

	private static final Duration LEASE = Duration.ofSeconds(30);

	@Test
	void aContextClosedMidBackfillStopsItsCallerAndHandsItsSegmentsToAnotherInstanceAtOnce() throws Exception {
		String table = TestTables.uniqueName("closing");
		DynamoDbClient client = TestTables.client();
		try (ConfigurableApplicationContext before = start(BeforeApplication.class, table, null)) {
			StoredTickets.write(before.getBean(SingleTableTemplate.class), client, 400, 0, 0, 10);
		}
		HeldWrites held = new HeldWrites();
		ConfigurableApplicationContext closing = start(AfterApplication.class, table, held);
		SingleTableBackfills backfillsOfA = closing.getBean(SingleTableBackfills.class);
		BackfillOptions options = BackfillOptions.defaults()
			.withRunId(RUN)
			.withSegments(2)
			.withThreads(2)
			.withLeaseDuration(LEASE);
		CompletableFuture<BackfillResult> runOfA = CompletableFuture
			.supplyAsync(() -> backfillsOfA.reindex(Ticket.class, options));
		// both threads of A hold a segment, each stopped after its first item
		assertThat(held.bothWrote.await(60, TimeUnit.SECONDS)).as("A's threads each wrote an item").isTrue();
		assertThat(owners(client, table).values()).containsOnly(backfillsOfA.getInstanceId()).hasSize(2);

		// B joins the run: nothing is free, it waits
		Claims claims = new Claims();
		SingleTableBackfills backfillsOfB = new SingleTableBackfills(
				new SingleTableTemplate(DynamoDbLocal.newClient(claims), table));
		CompletableFuture<BackfillResult> runOfB = CompletableFuture
			.supplyAsync(() -> backfillsOfB.reindex(Ticket.class, options));
		assertThat(claims.looked.await(60, TimeUnit.SECONDS)).as("B looked for a free segment").isTrue();
		assertThat(claims.firstClaimAt.get()).as("B claimed nothing while A held both").isZero();

		Thread closer = new Thread(closing::close, "closer");
		held.closer = closer;
		closer.start();
		closer.join(TimeUnit.SECONDS.toMillis(60));
		long closed = System.nanoTime();
		assertThat(closer.isAlive()).isFalse();

		// A's caller was told the run stopped
		assertThat(runOfA).failsWithin(Duration.ofSeconds(10))
			.withThrowableOfType(ExecutionException.class)
			.havingCause()
			.isInstanceOf(BackfillStoppedException.class)
			.withMessageContaining("its segments were released");
		// A released its segments before its client closed: B took them well before A's lease could end
		BackfillResult resultOfB = runOfB.get(120, TimeUnit.SECONDS);
		assertThat(claims.firstClaimAt.get()).isPositive();
		Duration handedOver = Duration.ofNanos(Math.max(0, claims.firstClaimAt.get() - closed));
		assertThat(handedOver).as("from A's close to B's claim").isLessThan(Duration.ofSeconds(1));
		assertThat(resultOfB.segmentsWorked()).isEqualTo(2);
		assertThat(resultOfB.itemsRead()).isEqualTo(400 - 2);
		assertThat(StoredTickets.scan(client, table).values()).filteredOn((item) -> item.get("pk").s()
			.startsWith("Ticket#") && item.get("sk").s().equals("v0"))
			.hasSize(400)
			.allSatisfy((item) -> assertThat(item).containsKey("gsi2pk"));
	}

	private static Map<String, String> owners(DynamoDbClient client, String table) {
		Map<String, String> owners = new HashMap<>();
		client.queryPaginator((request) -> request.tableName(table)
			.keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("_INTERNAL#Backfill#" + RUN)))
			.consistentRead(true)).items().forEach((item) -> {
				if (item.get("sk").s().startsWith("segment#") && item.containsKey("owner")) {
					owners.put(item.get("sk").s(), item.get("owner").s());
				}
			});
		return owners;
	}

	private static ConfigurableApplicationContext start(Class<?> application, String table,
			ExecutionInterceptor interceptor) {
		List<String> properties = List.of(TestTables.endpointProperty(), "singletable.table-name=" + table,
				"singletable.table.create=create-if-missing", "singletable.embedded.enabled=false",
				"singletable.migrations.enabled=false");
		SpringApplicationBuilder builder = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new));
		if (interceptor != null) {
			builder.initializers((context) -> context.getBeanFactory()
				.registerSingleton("heldWrites", (SingleTableDynamoDbClientBuilderCustomizer) (clientBuilder) -> clientBuilder
					.overrideConfiguration((override) -> override.addExecutionInterceptor(interceptor))));
		}
		return builder.run();
	}

	/**
	 * Holds each item write of the closing instance, once written, until the context closing it is inside the
	 * backfills' stop (its closing thread waiting for the runs to end): its threads then go on, see the stop before
	 * their next item and release their segments.
	 */
	private static final class HeldWrites implements ExecutionInterceptor {

		final CountDownLatch bothWrote = new CountDownLatch(2);

		volatile Thread closer;

		@Override
		public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof UpdateItemRequest update
					&& update.key().get("pk").s().startsWith("Ticket#")) {
				this.bothWrote.countDown();
				awaitStopping();
			}
		}

		private void awaitStopping() {
			long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
			while (System.nanoTime() < deadline) {
				Thread closing = this.closer;
				if (closing != null && closing.getState() == Thread.State.TIMED_WAITING && Arrays
					.stream(closing.getStackTrace())
					.anyMatch((frame) -> frame.getClassName().startsWith(SingleTableBackfills.class.getName())
							&& frame.getMethodName().equals("stop"))) {
					return;
				}
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}

	}

	/**
	 * When the joining instance first looked at the run's segments and first claimed one.
	 */
	private static final class Claims implements ExecutionInterceptor {

		final CountDownLatch looked = new CountDownLatch(1);

		final AtomicLong firstClaimAt = new AtomicLong();

		@Override
		public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof QueryRequest query && query.expressionAttributeValues()
				.values()
				.stream()
				.anyMatch((value) -> ("_INTERNAL#Backfill#" + RUN).equals(value.s()))) {
				this.looked.countDown();
			}
			if (context.request() instanceof UpdateItemRequest update
					&& update.key().get("pk").s().equals("_INTERNAL#Backfill#" + RUN)
					&& update.key().get("sk").s().startsWith("segment#")) {
				this.firstClaimAt.compareAndSet(0, System.nanoTime());
			}
		}

	}

}
