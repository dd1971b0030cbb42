package dev.singletable.evolution;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.evolution.BackfillFixtures.TicketAfter;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Backfill steps of recorded migrations on DynamoDB Local: a step shared by two instances (the one that waits for
 * the holder joins its run and claims segments), its items recorded, and a failed step resumed from its segments'
 * checkpoints by the next run.
 */
class MigrationBackfillStepsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final String RUN = "_INTERNAL#Backfill#migration-2-step-1";

	private static final int TICKETS = 1_000;

	private static final SingleTableMigration MIGRATION = SingleTableMigration.version("2")
		.description("index tickets by owner")
		.run("settle", (backfills) -> Thread.sleep(300))
		.reindex(TicketAfter.class)
		.build();

	@Test
	void anInstanceThatFindsTheHolderRunningABackfillStepJoinsItAndTheRecordCountsEveryItem() throws Exception {
		seed();
		// neither instance writes an item before the other one claimed a segment (each claims at most 2 of the 4
		// before it writes): both share the run, whichever starts first and however fast it is
		CountDownLatch firstClaimed = new CountDownLatch(1);
		CountDownLatch secondClaimed = new CountDownLatch(1);
		SingleTableMigrations first = migrations(DynamoDbLocal.newClient(sharing(firstClaimed, secondClaimed)));
		SingleTableMigrations second = migrations(DynamoDbLocal.newClient(sharing(secondClaimed, firstClaimed)));

		CompletableFuture<List<MigrationInfo>> one = CompletableFuture.supplyAsync(first::migrate);
		CompletableFuture<List<MigrationInfo>> other = CompletableFuture.supplyAsync(second::migrate);

		assertThat(one.get(60, TimeUnit.SECONDS).get(0).state()).isEqualTo(MigrationState.SUCCESS);
		assertThat(other.get(60, TimeUnit.SECONDS).get(0).state()).isEqualTo(MigrationState.SUCCESS);
		Map<String, AttributeValue> record = dynamo.storedItem("_INTERNAL#Migrations", "version#2");
		assertThat(record.get("items").n()).isEqualTo(Integer.toString(TICKETS));
		assertThat(owners()).as("instances that held the step's segments")
			.containsExactlyInAnyOrder(first.getInstanceId(), second.getInstanceId());
		assertIndexed();
	}

	@Test
	void aFailedBackfillStepIsRecordedAndTheNextRunResumesItFromItsCheckpoints() throws Exception {
		seed();
		SingleTableMigrations failing = migrations(dynamo.client());
		CompletableFuture<List<MigrationInfo>> run = CompletableFuture.supplyAsync(failing::migrate);
		long itemsAtFailure = awaitItems(250);
		dynamo.faults().failNext("UpdateItem", 1, () -> new IllegalStateException("injected: the disk is full"));

		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> run.get(60, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(MigrationFailedException.class)
			.withMessageContaining("Migration 2 'index tickets by owner' failed at step 2 of 2 (reindex TicketAfter)")
			.withMessageContaining("Fix and restart: it resumes from its checkpoints");
		Map<String, AttributeValue> failed = dynamo.storedItem("_INTERNAL#Migrations", "version#2");
		assertThat(failed.get("state").s()).isEqualTo("FAILED");
		assertThat(failed.get("step").n()).isEqualTo("1");
		MigrationInfo info = failing.info().get(0);
		assertThat(info.state()).isEqualTo(MigrationState.FAILED);
		assertThat(info.itemsProcessed()).as("items its segments checkpointed").isGreaterThanOrEqualTo(itemsAtFailure);
		Map<String, Long> checkpointed = segmentItems();

		List<MigrationInfo> resumed = migrations(dynamo.client()).migrate();

		assertThat(resumed.get(0).state()).isEqualTo(MigrationState.SUCCESS);
		assertThat(resumed.get(0).itemsProcessed()).isEqualTo(TICKETS);
		// each segment went on from its count: what was checkpointed before the failure was not read again
		Map<String, Long> finished = segmentItems();
		checkpointed.forEach((segment, items) -> assertThat(finished.get(segment)).isGreaterThanOrEqualTo(items));
		assertThat(finished.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(TICKETS);
		assertIndexed();
	}

	/**
	 * An instance's client that counts down {@code claimed} when it claims a segment of the run and lets its item
	 * writes wait for {@code otherClaimed}.
	 */
	private static ExecutionInterceptor sharing(CountDownLatch claimed, CountDownLatch otherClaimed) {
		return new ExecutionInterceptor() {

			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof UpdateItemRequest update
						&& update.key().get("pk").s().startsWith("Ticket#")) {
					await(otherClaimed);
				}
			}

			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof UpdateItemRequest update
						&& update.key().get("pk").s().equals(RUN)
						&& update.key().get("sk").s().startsWith("segment#")) {
					claimed.countDown();
				}
			}

		};
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).as("the other instance claimed a segment").isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private void seed() throws Exception {
		DynamoDbClient raw = dynamo.rawClient();
		BackfillFixtures.write(raw, dynamo.tableName(), BackfillFixtures
			.tickets(BackfillFixtures.template(raw, dynamo.tableName()).getConverter(), TICKETS, 2));
	}

	private static SingleTableMigrations migrations(DynamoDbClient client) {
		SingleTableBackfills backfills = new SingleTableBackfills(
				BackfillFixtures.template(client, dynamo.tableName()));
		backfills.setDefaults(BackfillOptions.defaults()
			.withSegments(4)
			.withThreads(2)
			.withLeaseDuration(Duration.ofSeconds(2))
			.withProgressInterval(Duration.ZERO));
		SingleTableMigrations migrations = new SingleTableMigrations(backfills,
				List.of(MIGRATION));
		migrations.setPollInterval(Duration.ofMillis(50));
		return migrations;
	}

	private static void assertIndexed() {
		Set<String> indexed = new HashSet<>();
		int hits = 0;
		for (int owner = 0; owner < BackfillFixtures.OWNERS; owner++) {
			List<String> found = BackfillFixtures.indexed(dynamo.rawClient(), dynamo.tableName(), "gsi2", "gsi2pk",
					"owner#" + BackfillFixtures.owner(owner));
			hits += found.size();
			indexed.addAll(found);
		}
		assertThat(indexed).hasSize(TICKETS);
		assertThat(hits).isEqualTo(TICKETS);
	}

	private static long awaitItems(long items) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (System.nanoTime() < deadline) {
			long counted = segmentItems().values().stream().mapToLong(Long::longValue).sum();
			if (counted >= items) {
				return counted;
			}
			Thread.sleep(20);
		}
		throw new AssertionError("The backfill step never checkpointed " + items + " items");
	}

	private static Map<String, Long> segmentItems() {
		Map<String, Long> items = new java.util.TreeMap<>();
		for (String sk : dynamo.sortKeys(RUN)) {
			if (sk.startsWith("segment#")) {
				AttributeValue count = dynamo.storedItem(RUN, sk).get("items");
				items.put(sk, (count != null) ? Long.parseLong(count.n()) : 0);
			}
		}
		return items;
	}

	private static Set<String> owners() {
		Set<String> owners = new HashSet<>();
		for (String sk : dynamo.sortKeys(RUN)) {
			AttributeValue held = dynamo.storedItem(RUN, sk).get("owners");
			if (held != null && held.hasSs()) {
				owners.addAll(held.ss());
			}
		}
		return owners;
	}

}
