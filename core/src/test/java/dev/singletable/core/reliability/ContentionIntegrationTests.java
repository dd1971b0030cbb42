package dev.singletable.core.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.TransientDataAccessException;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Profile;
import dev.singletable.core.fixtures.Task;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many writers on one resource: no update is lost, history has no holes, and each version holds what its
 * writer wrote. A write refused as transient (a transaction still cancelled by conflicts or throttling after the
 * retries, which DynamoDB Local alone never answers) wrote nothing, and its writer sends it again.
 */
@Tag("reliability")
class ContentionIntegrationTests {

	private static final int THREADS = 16;

	private static final int UPDATES_PER_THREAD = 50;

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(client(), dynamo.tableName());
		this.template.setConsistentReads(true);
	}

	/**
	 * The client the template writes through: the extension's, or one in front of which a subclass models more of
	 * DynamoDB.
	 */
	DynamoDbClient client() {
		return dynamo.client();
	}

	/**
	 * How many writes each thread makes.
	 */
	int updatesPerThread() {
		return UPDATES_PER_THREAD;
	}

	/**
	 * Whether a write may be refused as transient after the retries: only where more of DynamoDB is modelled in front
	 * of DynamoDB Local (throttling, conflicting transactions), which alone never answers so.
	 */
	boolean refusesTransiently() {
		return false;
	}

	private String refused(AtomicInteger refusals) {
		if (!refusesTransiently()) {
			assertThat(refusals.get()).as("writes refused as transient by DynamoDB Local alone").isZero();
		}
		return (refusals.get() > 0) ? ", " + refusals.get() + " transient refusals retried" : "";
	}

	private String threads() {
		return THREADS + " threads x " + updatesPerThread();
	}

	@Test
	void versionedReadModifyWriteLosesNoUpdateAndKeepsContiguousHistory() throws Exception {
		Note note = this.template.create(Note.of("start"));
		Map<Long, String> writtenBy = new ConcurrentHashMap<>();
		AtomicInteger conflicts = new AtomicInteger();
		AtomicInteger refusals = new AtomicInteger();

		runConcurrently((thread) -> {
			for (int op = 0; op < updatesPerThread(); op++) {
				String tag = "t" + thread + "-" + op;
				while (true) {
					Note latest = this.template.getById(Note.class, note.id());
					try {
						Note stored = this.template.update(latest.withTitle(tag));
						assertThat(writtenBy.put(stored.version(), tag)).as("version %s written twice", stored.version()).isNull();
						break;
					}
					catch (VersionConflictException ex) {
						conflicts.incrementAndGet();
					}
					catch (TransientDataAccessException ex) {
						// refused after the retries (conflicting transactions, throttling): nothing was written
						refusals.incrementAndGet();
					}
				}
			}
		});

		int successes = THREADS * updatesPerThread();
		Note latest = this.template.getById(Note.class, note.id());
		assertThat(latest.version()).isEqualTo(successes + 1L);
		List<Note> history = this.template.findAllVersions(Note.class, note.id());
		assertThat(history).extracting(Note::version)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, successes + 1L).map((v) -> successes + 2L - v).boxed().toList());
		for (Note version : history) {
			if (version.version() > 1) {
				assertThat(version.title()).as("content of v%s", version.version()).isEqualTo(writtenBy.get(version.version()));
			}
		}
		assertThat(latest.title()).isEqualTo(writtenBy.get(latest.version()));
		assertThat(conflicts.get()).isPositive();
		ReliabilityReport.row("versioned read-modify-write, " + threads(), successes + conflicts.get(), 0, 0,
				"final version " + latest.version() + ", history v1..v" + latest.version() + " contiguous, "
						+ conflicts.get() + " typed conflicts retried" + refused(refusals));
	}

	@Test
	void plainOptimisticReadModifyWriteLosesNoUpdate() throws Exception {
		Profile profile = this.template.create(new Profile("counter"));
		AtomicInteger conflicts = new AtomicInteger();
		AtomicInteger refusals = new AtomicInteger();

		runConcurrently((thread) -> {
			for (int op = 0; op < updatesPerThread(); op++) {
				while (true) {
					Profile latest = this.template.getById(Profile.class, profile.getId());
					latest.setVisits(latest.getVisits() + 1);
					try {
						this.template.update(latest);
						break;
					}
					catch (VersionConflictException ex) {
						conflicts.incrementAndGet();
					}
					catch (TransientDataAccessException ex) {
						refusals.incrementAndGet();
					}
				}
			}
		});

		long visits = this.template.getById(Profile.class, profile.getId()).getVisits();
		assertThat(visits).isEqualTo(THREADS * updatesPerThread());
		assertThat(conflicts.get()).isPositive();
		ReliabilityReport.row("plain optimistic read-modify-write, " + threads(), THREADS * updatesPerThread()
				+ conflicts.get(), 0, 0, "counter field = " + visits + " (exact), " + conflicts.get() + " conflicts retried"
				+ refused(refusals));
	}

	@Test
	void atomicCountersAreExactUnderContention() throws Exception {
		Task task = this.template.create(Task.of("c", Task.Status.OPEN, null, null, 1));
		AtomicInteger refusals = new AtomicInteger();

		runConcurrently((thread) -> {
			for (int op = 0; op < updatesPerThread(); op++) {
				while (true) {
					try {
						this.template.increment(Task.class, task.id(), "views", 1);
						break;
					}
					catch (TransientDataAccessException ex) {
						refusals.incrementAndGet();
					}
				}
			}
		});

		long views = this.template.getById(Task.class, task.id()).views();
		assertThat(views).isEqualTo(THREADS * updatesPerThread());
		ReliabilityReport.row("atomic counter, " + threads(), THREADS * updatesPerThread(), 0, 0,
				"sum = " + views + " (exact)" + refused(refusals));
	}

	private static void runConcurrently(ThrowingConsumer work) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(THREADS);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < THREADS; thread++) {
				int id = thread;
				futures.add(pool.submit(() -> {
					work.accept(id);
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(300, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
	}

	@FunctionalInterface
	interface ThrowingConsumer {

		void accept(int thread) throws Exception;

	}

	static <T> Function<T, T> identity() {
		return (value) -> value;
	}

}
