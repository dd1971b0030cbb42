package dev.singletable.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two workers sharing one lease table on the stream of a table on DynamoDB Local (issue 34, items 2 to 4): 1,000
 * updates of 100 resources by 4 threads are all delivered, at least once, in version order per resource, with the
 * right old and new state; each change goes to one worker at a time; when the worker holding the stream stops, the
 * other takes its shards over from the checkpoint and delivers what follows.
 */
class SingleTableChangeStreamFleetIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("changes-fleet",
			SingleTableSchema::withChangeStream);

	private static final int RESOURCES = 100;

	private static final int UPDATES = 10;

	private final DynamoDbStreamsClient streams = DynamoDbLocal.newStreamsClient();

	private final DynamoDbAsyncClient leases = DynamoDbLocal.newAsyncClient();

	private final List<SingleTableChangeStream> workers = new ArrayList<>();

	@AfterEach
	void stop() {
		this.workers.forEach(SingleTableChangeStream::stop);
		this.streams.close();
		this.leases.close();
	}

	@Test
	void aFleetDeliversEveryUpdateInOrderPerResourceAndTakesOverFromTheCheckpoint() throws Exception {
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		String leaseTable = "fleet-" + System.nanoTime();
		Map<String, List<ResourceChange<Counter>>> received = new ConcurrentHashMap<>();
		Map<String, String> deliveredBy = new ConcurrentHashMap<>();
		AtomicInteger concurrentDuplicates = new AtomicInteger();
		SingleTableChangeStream first = worker(template, leaseTable, "first", received, deliveredBy,
				concurrentDuplicates);
		SingleTableChangeStream second = worker(template, leaseTable, "second", received, deliveredBy,
				concurrentDuplicates);
		first.start();
		second.start();

		ExecutorService writers = Executors.newFixedThreadPool(4);
		List<Future<?>> done = new ArrayList<>();
		for (int thread = 0; thread < 4; thread++) {
			int from = thread * (RESOURCES / 4);
			done.add(writers.submit(() -> {
				for (int i = from; i < from + RESOURCES / 4; i++) {
					Counter counter = template.create(new Counter("c" + i, null, 0));
					for (int update = 1; update < UPDATES; update++) {
						counter = template.update(new Counter(counter.id(), counter.version(), update));
					}
				}
				return null;
			}));
		}
		for (Future<?> writer : done) {
			writer.get();
		}
		writers.shutdown();

		await(() -> received.size() == RESOURCES
				&& received.values().stream().allMatch((changes) -> latestVersion(changes) == UPDATES));
		for (Map.Entry<String, List<ResourceChange<Counter>>> resource : received.entrySet()) {
			List<ResourceChange<Counter>> changes = resource.getValue();
			assertThat(changes).as("changes of %s in version order", resource.getKey())
				.extracting(ResourceChange::version)
				.isSorted();
			assertThat(changes).extracting(ResourceChange::version).containsAll(versions(1, UPDATES));
			for (ResourceChange<Counter> change : changes) {
				assertThat(change.newState().value()).isEqualTo(change.version() - 1);
				if (change.version() > 1) {
					assertThat(change.oldState().value()).isEqualTo(change.version() - 2);
				}
			}
		}
		assertThat(concurrentDuplicates).hasValue(0);

		// the worker holding the stream stops: the other takes its shards over and delivers what follows
		String holder = deliveredBy.get("Counter#c0#v1");
		SingleTableChangeStream stopping = holder.equals("first") ? first : second;
		String other = holder.equals("first") ? "second" : "first";
		stopping.stop();
		Counter c0 = template.findById(Counter.class, "c0").orElseThrow();
		template.update(new Counter("c0", c0.version(), 100));

		await(() -> deliveredBy.containsKey("Counter#c0#v" + (UPDATES + 1)));
		assertThat(deliveredBy).containsEntry("Counter#c0#v" + (UPDATES + 1), other);
		assertThat(received.get("c0")).extracting(ResourceChange::version).isSorted();
	}

	private SingleTableChangeStream worker(SingleTableTemplate template, String leaseTable, String name,
			Map<String, List<ResourceChange<Counter>>> received, Map<String, String> deliveredBy,
			AtomicInteger concurrentDuplicates) {
		SingleTableChangeStream worker = new SingleTableChangeStream(template, this.streams, this.leases);
		worker.setLeaseTableName(leaseTable);
		worker.setWorkerId(name);
		worker.setFailoverTime(Duration.ofSeconds(5));
		worker.setPollInterval(Duration.ofMillis(100));
		Map<String, Boolean> inDelivery = new ConcurrentHashMap<>();
		worker.addListener(Counter.class, name, (change) -> {
			String key = change.idempotencyKey();
			if (inDelivery.putIfAbsent(key, true) != null) {
				concurrentDuplicates.incrementAndGet();
			}
			received.computeIfAbsent(change.id(), (id) -> new CopyOnWriteArrayList<>()).add(change);
			deliveredBy.put(key, name);
			inDelivery.remove(key);
		});
		this.workers.add(worker);
		return worker;
	}

	private static long latestVersion(List<ResourceChange<Counter>> changes) {
		return changes.isEmpty() ? 0 : changes.get(changes.size() - 1).version();
	}

	private static List<Long> versions(long from, long to) {
		List<Long> versions = new ArrayList<>();
		for (long version = from; version <= to; version++) {
			versions.add(version);
		}
		return versions;
	}

	private static void await(BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
		while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
			Thread.sleep(50);
		}
	}

	@SingleTableEntity(versioned = true, maxVersions = 3)
	record Counter(@Id String id, @Version Long version, long value) {
	}

}
