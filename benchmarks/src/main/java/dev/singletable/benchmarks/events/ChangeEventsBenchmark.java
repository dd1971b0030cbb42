package dev.singletable.benchmarks.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.modulith.events.support.CompletionMode;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.events.SingleTableChangeStream;
import dev.singletable.events.SingleTableEventPublicationRepository;
import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Issue 34's benchmarks, on one in-process DynamoDB Local, printed as markdown: (1) the write throughput of a
 * versioned create with its event's publication in the same {@code TransactWriteItems} (the outbox) against the
 * create alone, rounds alternating; (2) the end-to-end latency of a change event (from just before the update to the
 * listener), median and p99; (3) the consumer's throughput over a backlog of changes against a hand-written KCL
 * consumer doing the same decoding ({@link FloorConsumer}), from the first change delivered to the last.
 * <p>
 * {@code java ... dev.singletable.benchmarks.events.ChangeEventsBenchmark [scale]}: scale 1 writes 500 creates per
 * round, 200 latency samples and a backlog of 5,000 changes.
 */
public final class ChangeEventsBenchmark {

	private static final int ROUNDS = 5;

	private ChangeEventsBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int scale = (args.length > 0) ? Integer.parseInt(args[0]) : 1;
		DynamoDbClient client = DynamoDbLocal.newClient();
		DynamoDbAsyncClient async = DynamoDbLocal.newAsyncClient();
		DynamoDbStreamsClient streams = DynamoDbLocal.newStreamsClient();
		String table = "events-bench-" + System.nanoTime();
		SingleTableSchema.standard(table).withChangeStream().create(client);
		SingleTableTemplate template = new SingleTableTemplate(client, table);
		StringBuilder report = new StringBuilder();
		outbox(template, 500 * scale, report);
		latency(template, streams, async, 200 * scale, report);
		consumer(template, streams, async, 5_000 * scale, report);
		System.out.println(report);
		client.close();
		async.close();
		streams.close();
		System.exit(0);
	}

	private static void outbox(SingleTableTemplate template, int creates, StringBuilder report) {
		TransactionTemplate transactions = new TransactionTemplate(
				new SingleTableTransactionManager(template.getDatabaseFactory()));
		SingleTableEventPublicationRepository outbox = new SingleTableEventPublicationRepository(template,
				CompletionMode.UPDATE);
		PublicationTargetIdentifier listener = PublicationTargetIdentifier.of("bench.listener");
		List<Double> plain = new ArrayList<>();
		List<Double> withOutbox = new ArrayList<>();
		AtomicLong ids = new AtomicLong();
		// warm-up
		run(creates / 5, () -> template.create(order("w" + ids.incrementAndGet())));
		run(creates / 5, () -> transactions.executeWithoutResult((status) -> {
			Order order = template.create(order("w" + ids.incrementAndGet()));
			outbox.create(TargetEventPublication.of(new OrderPlaced(order.id()), listener));
		}));
		for (int round = 0; round < ROUNDS; round++) {
			plain.add(run(creates, () -> template.create(order("p" + ids.incrementAndGet()))));
			withOutbox.add(run(creates, () -> transactions.executeWithoutResult((status) -> {
				Order order = template.create(order("o" + ids.incrementAndGet()));
				outbox.create(TargetEventPublication.of(new OrderPlaced(order.id()), listener));
			})));
		}
		double plainMedian = median(plain);
		double outboxMedian = median(withOutbox);
		report.append("## Outbox: versioned create with its event's publication\n\n")
			.append("| | ops/s (median of ").append(ROUNDS).append(" rounds of ").append(creates)
			.append(", min–max) | vs without |\n| --- | --- | --- |\n")
			.append(row("create alone (`v1` + `v0`: one `TransactWriteItems`)", plain, 1.0))
			.append(row("create + publication in the same `TransactWriteItems`", withOutbox, outboxMedian / plainMedian))
			.append('\n');
	}

	private static void latency(SingleTableTemplate template, DynamoDbStreamsClient streams,
			DynamoDbAsyncClient leases, int samples, StringBuilder report) throws Exception {
		Map<String, Long> written = new ConcurrentHashMap<>();
		List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
		SingleTableChangeStream changes = new SingleTableChangeStream(template, streams, leases);
		changes.setLeaseTableName("latency-" + System.nanoTime());
		changes.setStartFromOldest(false);
		changes.addListener(Order.class, (change) -> {
			Long before = written.remove(change.idempotencyKey());
			if (before != null) {
				latencies.add(System.nanoTime() - before);
			}
		});
		changes.start();
		Order order = template.create(order("latency"));
		// wait until the worker delivers
		String probe = "Order#latency#v" + (order.version() + 1);
		written.put(probe, System.nanoTime());
		order = template.update(new Order(order.id(), order.version(), "c", 2, "probe"));
		await(() -> !written.containsKey(probe), Duration.ofSeconds(120));
		latencies.clear();
		for (int i = 0; i < samples; i++) {
			String key = "Order#latency#v" + (order.version() + 1);
			written.put(key, System.nanoTime());
			order = template.update(new Order(order.id(), order.version(), "c", i, "n"));
			Thread.sleep(20);
		}
		await(() -> written.isEmpty(), Duration.ofSeconds(60));
		changes.stop();
		List<Long> sorted = new ArrayList<>(latencies);
		Collections.sort(sorted);
		report.append("## End-to-end latency of a change event\n\n")
			.append("From just before an update to its listener, ").append(sorted.size()).append(" of ")
			.append(samples).append(" updates 20 ms apart, poll interval 250 ms (the default):\n\n")
			.append("| median | p99 | max |\n| --- | --- | --- |\n")
			.append(String.format("| %d ms | %d ms | %d ms |%n%n", millis(sorted, 0.5), millis(sorted, 0.99),
					millis(sorted, 1.0)));
	}

	private static void consumer(SingleTableTemplate template, DynamoDbStreamsClient streams,
			DynamoDbAsyncClient leases, int backlog, StringBuilder report) throws Exception {
		for (int i = 0; i < backlog; i++) {
			template.create(order("backlog-" + i));
		}
		String streamArn = DynamoDbLocal.newClient()
			.describeTable((describe) -> describe.tableName(template.getTableName()))
			.table()
			.latestStreamArn();
		List<Double> ours = new ArrayList<>();
		List<Double> floor = new ArrayList<>();
		for (int round = 0; round < 2; round++) {
			ours.add(ourThroughput(template, streams, leases, backlog));
			floor.add(floorThroughput(template, streams, leases, streamArn, backlog));
		}
		report.append("## Consumer throughput over a backlog of ").append(backlog).append(" creates\n\n")
			.append("Changes decoded per second, from the first delivered to the last (the KCL's start-up left out), ")
			.append("best of 2 runs each, alternating:\n\n")
			.append("| | changes/s | vs floor |\n| --- | --- | --- |\n")
			.append(String.format("| singletable (`SingleTableChangeStream`, a listener) | %.0f | %.2f× |%n",
					Collections.max(ours), Collections.max(ours) / Collections.max(floor)))
			.append(String.format("| floor (a hand-written KCL consumer, the same decoding) | %.0f | 1.00× |%n%n",
					Collections.max(floor)));
	}

	private static double ourThroughput(SingleTableTemplate template, DynamoDbStreamsClient streams,
			DynamoDbAsyncClient leases, int backlog) throws Exception {
		AtomicLong count = new AtomicLong();
		AtomicLong first = new AtomicLong();
		AtomicLong last = new AtomicLong();
		SingleTableChangeStream changes = new SingleTableChangeStream(template, streams, leases);
		changes.setLeaseTableName("ours-" + System.nanoTime());
		changes.addListener(Order.class, (change) -> {
			if (change.id().startsWith("backlog-")) {
				long now = System.nanoTime();
				first.compareAndSet(0, now);
				last.set(now);
				count.incrementAndGet();
			}
		});
		changes.start();
		await(() -> count.get() >= backlog, Duration.ofSeconds(300));
		changes.stop();
		return count.get() / ((last.get() - first.get()) / 1e9);
	}

	private static double floorThroughput(SingleTableTemplate template, DynamoDbStreamsClient streams,
			DynamoDbAsyncClient leases, String streamArn, int backlog) throws Exception {
		FloorConsumer consumer = new FloorConsumer(streams, leases, streamArn, "floor-" + System.nanoTime(),
				template.getConverter(), 250);
		consumer.start();
		while (consumer.decoded() == 0) {
			Thread.sleep(1);
		}
		long first = System.nanoTime();
		long startCount = consumer.decoded();
		long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
		long decoded = consumer.decoded();
		long last = first;
		while (decoded < backlog && System.nanoTime() < deadline) {
			Thread.sleep(1);
			long now = consumer.decoded();
			if (now != decoded) {
				decoded = now;
				last = System.nanoTime();
			}
		}
		consumer.stop();
		return (decoded - startCount) / ((last - first) / 1e9);
	}

	private static String row(String name, List<Double> values, double ratio) {
		return String.format("| %s | %.0f (%.0f–%.0f) | %.2f× |%n", name, median(values), Collections.min(values),
				Collections.max(values), ratio);
	}

	private static double run(int times, Runnable operation) {
		long start = System.nanoTime();
		for (int i = 0; i < times; i++) {
			operation.run();
		}
		return times / ((System.nanoTime() - start) / 1e9);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		return sorted.get(sorted.size() / 2);
	}

	private static long millis(List<Long> sorted, double quantile) {
		if (sorted.isEmpty()) {
			return -1;
		}
		int index = (int) Math.min(sorted.size() - 1, Math.ceil(quantile * sorted.size()) - 1);
		return sorted.get(Math.max(0, index)) / 1_000_000;
	}

	private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(5);
		}
	}

	private static Order order(String id) {
		return new Order(id, null, "customer-" + id, 4200, "two lamps, one desk");
	}

	/** The event of the outbox benchmark. */
	record OrderPlaced(String orderId) {
	}

}
