package dev.singletable.evolution;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.evolution.BackfillFixtures.MemoAfter;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Several instances on one run: an instance stopped mid-way releases its segments and another finishes from the
 * checkpoints at once; an instance that dies holding segments leaves them to another once their leases expire.
 * Every item is indexed exactly once either way.
 */
class BackfillFleetIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final int MEMOS = 1_200;

	@Test
	void anInstanceStoppedMidwayReleasesItsSegmentsAndAnotherFinishesFromTheCheckpoints() throws Exception {
		seed();
		CountDownLatch reached = new CountDownLatch(1);
		AtomicInteger updates = new AtomicInteger();
		ExecutionInterceptor counter = new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (isMemoUpdate(context) && updates.incrementAndGet() == 300) {
					reached.countDown();
				}
			}
		};
		BackfillOptions options = BackfillOptions.defaults()
			.withRunId("memos-stopped")
			.withSegments(4)
			.withThreads(2)
			.withSource(BackfillSource.TABLE_SCAN);
		try (DynamoDbClient client = DynamoDbLocal.newClient(counter)) {
			SingleTableBackfills first = new SingleTableBackfills(BackfillFixtures.template(client, dynamo.tableName()));
			SingleTableBackfills second = new SingleTableBackfills(
					BackfillFixtures.template(dynamo.client(), dynamo.tableName()));
			AtomicReference<BackfillStoppedException> stopped = new AtomicReference<>();
			AtomicReference<Boolean> interruptKept = new AtomicReference<>();
			Thread runner = new Thread(() -> {
				try {
					first.reindex(MemoAfter.class, options);
				}
				catch (BackfillStoppedException ex) {
					stopped.set(ex);
					interruptKept.set(Thread.currentThread().isInterrupted());
				}
			});
			runner.start();
			assertThat(reached.await(60, TimeUnit.SECONDS)).isTrue();
			runner.interrupt();
			runner.join(30_000);
			assertThat(runner.isAlive()).isFalse();
			assertThat(stopped.get()).isNotNull();
			assertThat(interruptKept.get()).isTrue();
			BackfillResult partial = stopped.get().getResult();
			assertThat(partial.itemsWritten()).isBetween(1L, (long) MEMOS - 1);
			// released: no segment is left with an owner, so the next instance takes them at once
			assertThat(segments("memos-stopped")).noneMatch((segment) -> segment.containsKey("owner"));

			long started = System.nanoTime();
			BackfillResult rest = second.reindex(MemoAfter.class, options);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(options.getLeaseDuration());
			assertThat(partial.itemsWritten() + rest.itemsWritten()).isEqualTo(MEMOS);
			assertThat(rest.itemsRead()).isLessThan(MEMOS);
			// the ledger counts each item once: the part of a page done when the run stopped was recorded with it
			assertThat(ledgerCount("memos-stopped", "written")).isEqualTo(MEMOS);
			assertThat(ledgerCount("memos-stopped", "items")).isEqualTo(MEMOS);
			assertThat(segments("memos-stopped")).anySatisfy((segment) -> assertThat(segment.get("owners").ss())
				.containsExactlyInAnyOrder(first.getInstanceId(), second.getInstanceId()));
			assertEveryMemoIndexedOnce();
		}
	}

	@Test
	void aTypeIndexRunOverItemsWrittenInBurstsSplitsThemEvenlySoEveryInstanceGetsWork() throws Exception {
		// two bursts two months apart, a millisecond between two writes, and one memo between them: a split of the
		// time range would leave two of the four segments (nearly) empty
		Instant first = Instant.parse("2026-02-01T00:00:00Z");
		Instant second = Instant.parse("2026-04-01T00:00:00Z");
		SingleTableTemplate before = BackfillFixtures.template(dynamo.rawClient(), dynamo.tableName());
		BackfillFixtures.write(dynamo.rawClient(), dynamo.tableName(), BackfillFixtures.memos(before.getConverter(),
				MEMOS, (i) -> (i == 600) ? first.plus(Duration.ofDays(30))
						: (i < 600) ? first.plusMillis(i) : second.plusMillis(i)));
		// instance A claims its first segment only once B claimed one: both share the run, however their threads start
		CountDownLatch claimedByB = new CountDownLatch(1);
		ExecutionInterceptor holdA = new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (isSegmentUpdate(context.request()) && claimedByB.getCount() > 0) {
					try {
						claimedByB.await(60, TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
		};
		ExecutionInterceptor claimsOfB = new ExecutionInterceptor() {
			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				if (isSegmentUpdate(context.request())) {
					claimedByB.countDown();
				}
			}
		};
		BackfillOptions options = BackfillOptions.defaults()
			.withRunId("memos-bursts")
			.withSegments(4)
			.withThreads(1)
			.withSource(BackfillSource.TYPE_INDEX);
		try (DynamoDbClient clientOfA = DynamoDbLocal.newClient(holdA);
				DynamoDbClient clientOfB = DynamoDbLocal.newClient(claimsOfB)) {
			SingleTableBackfills a = new SingleTableBackfills(BackfillFixtures.template(clientOfA, dynamo.tableName()));
			SingleTableBackfills b = new SingleTableBackfills(BackfillFixtures.template(clientOfB, dynamo.tableName()));
			java.util.concurrent.CompletableFuture<BackfillResult> runOfA = java.util.concurrent.CompletableFuture
				.supplyAsync(() -> a.reindex(MemoAfter.class, options));
			BackfillResult resultOfB = b.reindex(MemoAfter.class, options);
			BackfillResult resultOfA = runOfA.get(120, TimeUnit.SECONDS);

			List<Map<String, AttributeValue>> segments = segments("memos-bursts");
			assertThat(segments).hasSize(4);
			assertThat(segments).allSatisfy((segment) -> assertThat(Long.parseLong(segment.get("items").n()))
				.as("items of %s", segment.get("sk").s())
				.isBetween(MEMOS / 4L - 10, MEMOS / 4L + 10));
			assertThat(resultOfA.itemsWritten()).as("items A indexed").isGreaterThanOrEqualTo(MEMOS / 4L - 10);
			assertThat(resultOfB.itemsWritten()).as("items B indexed").isGreaterThanOrEqualTo(MEMOS / 4L - 10);
			assertThat(resultOfA.itemsWritten() + resultOfB.itemsWritten()).isEqualTo(MEMOS);
			assertEveryMemoIndexedOnce();
		}
	}

	private static boolean isSegmentUpdate(software.amazon.awssdk.core.SdkRequest request) {
		return request instanceof UpdateItemRequest update
				&& update.key().get("pk").s().equals("_INTERNAL#Backfill#memos-bursts")
				&& update.key().get("sk").s().startsWith("segment#");
	}

	@Test
	void stopEndsTheRunsOfAnInstanceAndReleasesTheirSegments() throws Exception {
		seed();
		AtomicInteger updates = new AtomicInteger();
		AtomicReference<SingleTableBackfills> instance = new AtomicReference<>();
		AtomicReference<BackfillStoppedException> stoppedAfter = new AtomicReference<>();
		ExecutionInterceptor stopper = new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (isMemoUpdate(context) && updates.incrementAndGet() == 100) {
					// as a closing application context would, from another thread than the caller's
					instance.get().stop();
				}
			}
		};
		BackfillOptions options = BackfillOptions.defaults().withRunId("memos-stop").withSegments(4).withThreads(2);
		try (DynamoDbClient client = DynamoDbLocal.newClient(stopper)) {
			instance.set(new SingleTableBackfills(BackfillFixtures.template(client, dynamo.tableName())));
			assertThatExceptionOfType(BackfillStoppedException.class)
				.isThrownBy(() -> instance.get().reindex(MemoAfter.class, options))
				.withMessageContaining("run it again with run id 'memos-stop'")
				.satisfies(stoppedAfter::set)
				.satisfies((ex) -> assertThat(ex.getResult().itemsWritten()).isBetween(100L, (long) MEMOS - 1));
			assertThat(segments("memos-stop")).noneMatch((segment) -> segment.containsKey("owner"));
			// what was done is kept, also in the middle of a page: the segments stopped have their checkpoints
			assertThat(segments("memos-stop")).anyMatch((segment) -> segment.containsKey("checkpoint"));
			assertThat(ledgerCount("memos-stop", "written")).isEqualTo(stoppedAfter.get().getResult().itemsWritten());
			assertThat(Thread.currentThread().isInterrupted()).isFalse();
		}
		// the next run goes on after the last item written: none is read or written twice
		SingleTableBackfills next = new SingleTableBackfills(
				BackfillFixtures.template(dynamo.client(), dynamo.tableName()));
		BackfillResult rest = next.reindex(MemoAfter.class, options);
		assertThat(stoppedAfter.get().getResult().itemsWritten() + rest.itemsWritten()).isEqualTo(MEMOS);
		assertThat(rest.itemsUnchanged()).isZero();
		assertThat(ledgerCount("memos-stop", "written")).isEqualTo(MEMOS);
		assertEveryMemoIndexedOnce();
	}

	@Test
	void segmentsOfAnInstanceThatDiedAreTakenOverWhenTheirLeasesExpire() throws Exception {
		seed();
		CountDownLatch died = new CountDownLatch(1);
		AtomicInteger updates = new AtomicInteger();
		ExecutionInterceptor crash = new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (died.getCount() == 0 || (isMemoUpdate(context) && updates.incrementAndGet() > 200)) {
					died.countDown();
					// the process is gone: nothing more of it reaches the table, its leases are never released
					throw new IllegalStateException("instance died");
				}
			}
		};
		BackfillOptions options = BackfillOptions.defaults()
			.withRunId("memos-crashed")
			.withSegments(4)
			.withThreads(4)
			.withLeaseDuration(Duration.ofSeconds(2))
			.withSource(BackfillSource.TABLE_SCAN);
		try (DynamoDbClient client = DynamoDbLocal.newClient(crash)) {
			SingleTableBackfills dead = new SingleTableBackfills(BackfillFixtures.template(client, dynamo.tableName()));
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> dead.reindex(MemoAfter.class, options))
				.withStackTraceContaining("instance died");
			List<Map<String, AttributeValue>> held = segments("memos-crashed");
			assertThat(held).anyMatch((segment) -> dead.getInstanceId().equals(owner(segment)));

			SingleTableBackfills survivor = new SingleTableBackfills(
					BackfillFixtures.template(dynamo.client(), dynamo.tableName()));
			long started = System.nanoTime();
			BackfillResult rest = survivor.reindex(MemoAfter.class, options);
			long leaseEnd = held.stream()
				.filter((segment) -> dead.getInstanceId().equals(owner(segment)))
				.mapToLong((segment) -> Long.parseLong(segment.get("lease_until").n()))
				.max()
				.orElseThrow();
			// the dead instance's segments were claimed only once their leases had expired
			assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(leaseEnd);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(500));
			assertThat(rest.itemsRead()).isLessThanOrEqualTo(MEMOS);
			assertThat(rest.segmentsWorked()).isEqualTo(4);
			assertThat(segments("memos-crashed")).allSatisfy((segment) -> assertThat(segment.get("done").bool()).isTrue());
			assertEveryMemoIndexedOnce();
		}
	}

	private static boolean isMemoUpdate(Context.BeforeExecution context) {
		return context.request() instanceof UpdateItemRequest update
				&& update.key().get("pk").s().startsWith("Memo#");
	}

	private static String owner(Map<String, AttributeValue> segment) {
		AttributeValue owner = segment.get("owner");
		return (owner != null) ? owner.s() : null;
	}

	private static void seed() throws Exception {
		SingleTableTemplate before = BackfillFixtures.template(dynamo.rawClient(), dynamo.tableName());
		BackfillFixtures.write(dynamo.rawClient(), dynamo.tableName(),
				BackfillFixtures.memos(before.getConverter(), MEMOS));
	}

	static List<Map<String, AttributeValue>> segments(String runId) {
		QueryResponse response = dynamo.rawClient()
			.query((request) -> request.tableName(dynamo.tableName())
				.keyConditionExpression("pk = :pk AND begins_with(sk, :s)")
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("_INTERNAL#Backfill#" + runId), ":s",
						AttributeValue.fromS("segment#")))
				.consistentRead(true));
		return response.items();
	}

	private static long ledgerCount(String runId, String count) {
		return segments(runId).stream()
			.filter((segment) -> segment.containsKey(count))
			.mapToLong((segment) -> Long.parseLong(segment.get(count).n()))
			.sum();
	}

	private static void assertEveryMemoIndexedOnce() {
		Set<String> keys = new HashSet<>();
		int hits = 0;
		for (int owner = 0; owner < BackfillFixtures.OWNERS; owner++) {
			for (String urgent : List.of("True", "False")) {
				List<String> found = BackfillFixtures.indexed(dynamo.rawClient(), dynamo.tableName(), "gsi1", "gsi1pk",
						"memo#" + urgent + "#" + BackfillFixtures.owner(owner));
				hits += found.size();
				keys.addAll(found);
			}
		}
		assertThat(keys).hasSize(MEMOS);
		assertThat(hits).isEqualTo(MEMOS);
	}

}
