package dev.singletable.core.reliability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Profile;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every operation type under 20% injected faults (throttling, 500s, connection resets after the server applied
 * the request): each logical operation takes effect exactly once and nothing is lost.
 */
@Tag("reliability")
class FaultInjectionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private ChaosInterceptor chaos;

	private DynamoDbClient chaosClient;

	private SingleTableTemplate template;

	private SingleTableTemplate reader;

	@BeforeEach
	void setUp() {
		this.chaos = new ChaosInterceptor(0.2, 20261123L);
		this.chaosClient = DynamoDbLocal.newClient(this.chaos);
		this.template = new SingleTableTemplate(this.chaosClient, dynamo.tableName());
		this.template.setConsistentReads(true);
		this.reader = new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName());
		this.reader.setConsistentReads(true);
	}

	@AfterEach
	void tearDown() {
		this.chaosClient.close();
	}

	@Test
	void everyOperationTypeSucceedsExactlyOnceUnderTwentyPercentFaults() throws Exception {
		AtomicInteger operations = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		List<Future<Note>> notes = new ArrayList<>();
		List<Future<Profile>> profiles = new ArrayList<>();
		Task counter = this.template.create(Task.of("counter", Status.OPEN, null, null, 1));
		operations.incrementAndGet();
		try {
			for (int i = 0; i < 24; i++) {
				int n = i;
				notes.add(pool.submit(() -> {
					Note note = this.template.create(Note.of("n" + n));
					for (int version = 2; version <= 4; version++) {
						note = this.template.update(note.withTitle("n" + n + "-v" + version));
					}
					Note restored = this.template.restoreVersion(Note.class, note.id(), 1);
					operations.addAndGet(5);
					return restored;
				}));
				profiles.add(pool.submit(() -> {
					Profile profile = this.template.create(new Profile("p" + n));
					profile.setVisits(1);
					profile = this.template.update(profile);
					profile.setVisits(2);
					profile = this.template.update(profile);
					this.template.increment(Task.class, counter.id(), "views", 1);
					this.template.addToSet(Task.class, counter.id(), "tags", "tag" + n);
					operations.addAndGet(5);
					return profile;
				}));
			}
			for (Future<Note> note : notes) {
				note.get(180, TimeUnit.SECONDS);
			}
			for (Future<Profile> profile : profiles) {
				profile.get(180, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		for (Future<Note> future : notes) {
			Note restored = future.get();
			assertThat(restored.version()).isEqualTo(5L);
			List<Note> history = this.reader.findAllVersions(Note.class, restored.id());
			assertThat(history).extracting(Note::version).containsExactly(5L, 4L, 3L, 2L, 1L);
			assertThat(history.get(0).title()).isEqualTo(history.get(4).title());
			assertThat(this.reader.getById(Note.class, restored.id())).isEqualTo(restored);
		}
		for (Future<Profile> future : profiles) {
			Profile profile = future.get();
			assertThat(this.reader.getById(Profile.class, profile.getId()).getVisits()).isEqualTo(2);
		}
		Task counted = this.reader.getById(Task.class, counter.id());
		assertThat(counted.views()).isEqualTo(24);
		assertThat(counted.tags()).hasSize(24);
		assertThat(this.reader.query(Note.class).count()).isEqualTo(24);
		assertThat(this.reader.query(Profile.class).count()).isEqualTo(24);
		assertThat(this.chaos.injectedByKind()).containsKeys("throttle", "server error", "connection reset after apply");
		ReliabilityReport.row("20% faults on every operation type, 4 threads", operations.get(), this.chaos.injected(), 0,
				"versions contiguous 1..5, no duplicate version, counter exact (24), set complete (24), "
						+ this.chaos.injectedByKind());
	}

	@Test
	void batchesUnderFaultsLoseNothingAndRepeatNothing() {
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < 120; i++) {
			tasks.add(Task.of("t" + i, Status.DONE, null, null, i));
		}

		List<Task> stored = this.template.putAll(tasks);
		List<String> ids = stored.stream().map(Task::id).toList();
		List<Task> found = this.template.findAllById(Task.class, ids);
		List<Task> listed = this.template.query(Task.class).index("gsi1").partition("status#DONE").all();
		this.template.deleteAllById(Task.class, ids.subList(0, 60));

		assertThat(found).extracting(Task::id).containsExactlyElementsOf(ids);
		assertThat(listed).hasSize(120).extracting(Task::id).doesNotHaveDuplicates();
		Set<String> left = new HashSet<>(this.reader.query(Task.class).all().stream().map(Task::id).toList());
		assertThat(left).isEqualTo(new HashSet<>(ids.subList(60, 120)));
		ReliabilityReport.row("batch put/get/query/delete of 120 items under 20% faults", 4, this.chaos.injected(), 0,
				"120 written, 120 read once in order, 60 deleted, 60 left");
	}

	@Test
	void transientlyCancelledTransactionsAreRetriedAndConditionFailuresAreNot() {
		Note note = this.reader.create(Note.of("tx"));
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		dynamo.faults().failNext("TransactWriteItems", 2, () -> FaultInjector.cancelled("TransactionConflict"));
		dynamo.requests().reset();

		Note updated = template.update(note.withTitle("after conflicts"));

		assertThat(updated.version()).isEqualTo(2L);
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(3);
		dynamo.requests().reset();
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> template.update(note.withTitle("stale")));
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		ReliabilityReport.row("transaction cancelled for TransactionConflict twice, then stale", 2, 2, 0,
				"retried with backoff to success (3 attempts); condition failure not retried (1 attempt)");
	}

	@Test
	void anUpdateKilledBeforeSendingLeavesLatestAndHistoryInAgreement() {
		Note note = this.reader.create(Note.of("before"));
		note = this.reader.update(note.withTitle("second"));
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		dynamo.faults().failNext("TransactWriteItems", 1, () -> new IllegalStateException("process killed"));
		Note base = note;

		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> template.update(base.withTitle("lost")));

		Note latest = this.reader.getById(Note.class, note.id());
		List<Note> history = this.reader.findAllVersions(Note.class, note.id());
		assertThat(latest.version()).isEqualTo(2L);
		assertThat(history.get(0)).isEqualTo(latest);
		assertThat(history).extracting(Note::version).containsExactly(2L, 1L);
		Note next = template.update(latest.withTitle("third"));
		assertThat(next.version()).isEqualTo(3L);
		assertThat(this.reader.findAllVersions(Note.class, note.id()).get(0)).isEqualTo(next);
		ReliabilityReport.row("versioned update killed between building and sending", 2, 1, 0,
				"v0 = v2 = newest history item; next update writes v3");
	}

	static Map<String, AttributeValue> key(String pk, String sk) {
		return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk));
	}

}
