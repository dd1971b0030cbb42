package dev.singletable.evolution;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.evolution.BackfillFixtures.MemoAfter;
import dev.singletable.evolution.BackfillFixtures.TicketAfter;
import dev.singletable.evolution.BackfillFixtures.TicketBefore;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A backfill among the application's own writes: 8 threads updating random resources while a re-index runs lose no
 * update and leave every item indexed; a user's update forced between the backfill's read and its write makes the
 * backfill read again and retry; and the capacity a run consumes per second stays at its limit.
 */
class BackfillConcurrencyIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Test
	void eightThreadsUpdatingDuringTheBackfillLoseNoUpdateAndEveryFinalItemIsIndexed() throws Exception {
		int tickets = 600;
		SingleTableTemplate before = BackfillFixtures.template(dynamo.rawClient(), dynamo.tableName());
		BackfillFixtures.write(dynamo.rawClient(), dynamo.tableName(),
				BackfillFixtures.tickets(before.getConverter(), tickets, 2));
		SingleTableTemplate application = BackfillFixtures.template(dynamo.client(), dynamo.tableName());
		SingleTableBackfills backfills = new SingleTableBackfills(
				BackfillFixtures.template(dynamo.client(), dynamo.tableName()));
		Map<String, AtomicInteger> updates = new ConcurrentHashMap<>();
		// the owner of the highest version each ticket was updated to: threads record after their update returns,
		// so two threads updating one ticket may record in the other order than they wrote
		Map<String, TicketAfter> owners = new ConcurrentHashMap<>();
		AtomicBoolean running = new AtomicBoolean(true);
		ExecutorService users = Executors.newFixedThreadPool(8);
		List<Future<?>> threads = new ArrayList<>();
		for (int t = 0; t < 8; t++) {
			threads.add(users.submit(() -> {
				while (running.get()) {
					String id = String.format("T%06d", ThreadLocalRandom.current().nextInt(tickets));
					String owner = BackfillFixtures.owner(ThreadLocalRandom.current().nextInt(100));
					while (true) {
						TicketAfter read = application.getById(TicketAfter.class, id);
						try {
							TicketAfter written = application.update(read.counted().withOwner(owner));
							updates.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet();
							owners.merge(id, written, (a, b) -> (b.version() > a.version()) ? b : a);
							break;
						}
						catch (VersionConflictException ex) {
							// another thread updated it first: read again
						}
					}
				}
				return null;
			}));
		}
		BackfillResult result;
		try {
			result = backfills.reindex(TicketAfter.class,
					BackfillOptions.defaults().withSegments(4).withThreads(2).withSource(BackfillSource.TABLE_SCAN));
		}
		finally {
			running.set(false);
			for (Future<?> thread : threads) {
				thread.get();
			}
			users.shutdown();
		}
		assertThat(updates).isNotEmpty();
		Map<String, Map<String, AttributeValue>> stored = BackfillFixtures.items(dynamo.rawClient(), dynamo.tableName(),
				"Ticket#");
		Set<String> indexed = new HashSet<>();
		for (int owner = 0; owner < BackfillFixtures.OWNERS; owner++) {
			indexed.addAll(BackfillFixtures.indexed(dynamo.rawClient(), dynamo.tableName(), "gsi2", "gsi2pk",
					"owner#" + BackfillFixtures.owner(owner)));
		}
		assertThat(indexed).hasSize(tickets);
		for (int i = 0; i < tickets; i++) {
			String id = String.format("T%06d", i);
			Map<String, AttributeValue> latest = stored.get("Ticket#" + id + "|v0");
			TicketAfter ticket = application.getById(TicketAfter.class, id);
			int made = updates.containsKey(id) ? updates.get(id).get() : 0;
			// no update lost: each successful update added one to the counter and one version
			assertThat(ticket.counter()).as(id).isEqualTo(made);
			assertThat(ticket.version()).isEqualTo(2L + made);
			assertThat(latest.get("gsi2pk").s()).isEqualTo("owner#" + ticket.owner());
			assertThat(ticket.owner()).isEqualTo(
					owners.containsKey(id) ? owners.get(id).owner() : BackfillFixtures.owner(i));
			assertThat(stored).containsKey("Ticket#" + id + "|v" + ticket.version());
		}
		assertThat(result.itemsRead()).isEqualTo(result.itemsWritten() + result.itemsUnchanged() + skipped(result));
	}

	@Test
	void aUserUpdateBetweenTheBackfillsReadAndWriteIsKeptAndTheItemRetried() throws Exception {
		SingleTableTemplate before = BackfillFixtures.template(dynamo.rawClient(), dynamo.tableName());
		BackfillFixtures.write(dynamo.rawClient(), dynamo.tableName(),
				BackfillFixtures.tickets(before.getConverter(), 50, 2));
		AtomicBoolean interleaved = new AtomicBoolean();
		ExecutionInterceptor interleave = new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				if (context.request() instanceof UpdateItemRequest update
						&& update.key().get("pk").s().equals("Ticket#T000007") && interleaved.compareAndSet(false, true)) {
					// an instance still on the old definition updates the ticket after the backfill read it
					TicketBefore read = before.getById(TicketBefore.class, "T000007");
					before.update(new TicketBefore(read.id(), read.version(), read.createdAt(), read.updatedAt(),
							read.owner(), "changed by a user", read.counter() + 1));
				}
			}
		};
		try (DynamoDbClient client = DynamoDbLocal.newClient(interleave)) {
			SingleTableBackfills backfills = new SingleTableBackfills(BackfillFixtures.template(client, dynamo.tableName()));
			BackfillResult result = backfills.reindex(TicketAfter.class, BackfillOptions.defaults());

			assertThat(interleaved).isTrue();
			assertThat(result.retries()).isEqualTo(1);
			assertThat(result.itemsWritten()).isEqualTo(50);
			Map<String, AttributeValue> latest = dynamo.storedItem("Ticket#T000007", "v0");
			assertThat(latest.get("version").n()).isEqualTo("3");
			assertThat(latest.get("gsi2pk").s()).isEqualTo("owner#" + BackfillFixtures.owner(7));
			TicketAfter ticket = BackfillFixtures.template(dynamo.client(), dynamo.tableName())
				.getById(TicketAfter.class, "T000007");
			assertThat(ticket.title()).isEqualTo("changed by a user");
			assertThat(ticket.counter()).isEqualTo(1);
			assertThat(dynamo.sortKeys("Ticket#T000007")).containsExactlyInAnyOrder("v0", "v1", "v2", "v3");
		}
	}

	@Test
	void theCapacityConsumedPerSecondStaysAtTheLimit() throws Exception {
		int memos = 100;
		SingleTableTemplate before = BackfillFixtures.template(dynamo.rawClient(), dynamo.tableName());
		BackfillFixtures.write(dynamo.rawClient(), dynamo.tableName(), BackfillFixtures.memos(before.getConverter(), memos));
		BackfillFixtures.write(dynamo.rawClient(), dynamo.tableName(), BackfillFixtures.tickets(before.getConverter(), 20, 1));
		AtomicLong first = new AtomicLong();
		AtomicLong last = new AtomicLong();
		ConcurrentHashMap<String, Double> consumed = new ConcurrentHashMap<>();
		ExecutionInterceptor meter = new ExecutionInterceptor() {
			@Override
			public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
				first.compareAndSet(0, System.nanoTime());
			}

			@Override
			public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
				consumed.merge("units", units(context.response()), Double::sum);
				last.set(System.nanoTime());
			}
		};
		double limit = 40;
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (DynamoDbClient client = DynamoDbLocal.newClient(meter)) {
			SingleTableBackfills backfills = new SingleTableBackfills(BackfillFixtures.template(client, dynamo.tableName()));
			// a first run without limit loads what the requests and the converter need, so that the measured run
			// is paced by the limiter, not by a cold JVM on a busy machine
			backfills.reindex(TicketAfter.class, BackfillOptions.defaults());
			first.set(0);
			consumed.clear();
			backfills.setMetrics(new MicrometerSingleTableMetrics(registry));
			BackfillResult result = backfills.reindex(MemoAfter.class, BackfillOptions.defaults()
				.withSegments(8)
				.withThreads(4)
				.withMaxCapacityPerSecond(limit)
				.withProgressInterval(Duration.ofSeconds(1)));

			double seconds = (last.get() - first.get()) / 1e9;
			double units = consumed.get("units");
			assertThat(seconds).isGreaterThan(3);
			assertThat(units / seconds).isCloseTo(limit, within(limit * 0.10));
			assertThat(result.consumedCapacity()).isCloseTo(units, within(units * 0.02));
			assertThat(result.itemsWritten()).isEqualTo(memos);
			assertThat(registry.get("singletable.backfill.items").tag("outcome", "written").counter().count())
				.isEqualTo(memos);
			assertThat(registry.get("singletable.backfill.capacity").counter().count())
				.isCloseTo(result.consumedCapacity(), within(0.001));
			assertThat(registry.find("singletable.backfill.segments.remaining").gauges()).isEmpty();
		}
	}

	private static double units(SdkResponse response) {
		return response.getValueForField("ConsumedCapacity", ConsumedCapacity.class)
			.map((capacity) -> (capacity.capacityUnits() != null) ? capacity.capacityUnits() : 0.0)
			.orElse(0.0);
	}

	private static long skipped(BackfillResult result) {
		return result.itemsRead() - result.itemsWritten() - result.itemsUnchanged();
	}

}
