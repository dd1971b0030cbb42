package dev.singletable.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.dao.DataAccessException;

import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.fixtures.Task;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Hiding round trips (issue 17): a stream reads one page ahead and no more, and stops reading when closed; batch
 * reads and writes send their chunks side by side, never more at once than allowed; the requests and results are
 * those of the sequential paths. A {@link Latency} interceptor delays every request, counts the calls of each
 * operation and the most in flight at once, and makes query pages small.
 */
class LatencyHidingIntegrationTests {

	private static final int PAGE = 10;

	private static final long DELAY_MILLIS = 20;

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private final Latency latency = new Latency();

	private DynamoDbClient client;

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.client = DynamoDbLocal.newClient(this.latency);
		this.template = new SingleTableTemplate(this.client, dynamo.tableName());
	}

	@AfterEach
	void tearDown() {
		this.template.destroy();
		this.client.close();
	}

	// ---- streams -----------------------------------------------------------------------------------------

	@Test
	void streamReadsOnePageAheadWhileThePageIsConsumedAndNeverMore() {
		List<Task> stored = this.template.putAll(tasks(55));
		this.latency.reset();

		List<String> streamed = new ArrayList<>();
		try (Stream<Task> tasks = this.template.query(Task.class).stream()) {
			tasks.forEach((task) -> {
				int page = streamed.size() / PAGE + 1;
				// while page k is consumed, page k + 1 (when there is one) is being read or already read
				assertThat(this.latency.calls("Query")).isLessThanOrEqualTo(page + 1);
				if (streamed.size() % PAGE == 0 && page < 6) {
					await(() -> this.latency.calls("Query") == page + 1);
				}
				streamed.add(task.id());
			});
		}

		assertThat(streamed).containsExactlyInAnyOrderElementsOf(stored.stream().map(Task::id).toList());
		assertThat(this.latency.calls("Query")).isEqualTo(6);
		assertThat(this.latency.maxInFlight("Query")).isEqualTo(1);
		this.template.setStreamPrefetch(false);
		this.latency.reset();
		assertThat(this.template.query(Task.class).all()).extracting(Task::id).containsExactlyElementsOf(streamed);
		assertThat(this.latency.calls("Query")).isEqualTo(6);
	}

	@Test
	void closingAStreamEarlyStopsReadingAndFreesTheHelperThread() throws Exception {
		this.template.putAll(tasks(55));
		this.latency.reset();

		try (Stream<Task> tasks = this.template.query(Task.class).stream()) {
			assertThat(tasks.limit(PAGE + 5)).hasSize(PAGE + 5);
		}
		assertThat(helperThreads()).isNotEmpty();
		// a fetch of page 3 the helper had already begun may still reach the server; nothing starts after it
		await(() -> this.latency.inFlight() == 0 && helperThreadsIdle());
		Thread.sleep(3 * DELAY_MILLIS);
		await(() -> this.latency.inFlight() == 0 && helperThreadsIdle());
		int afterClose = this.latency.calls("Query");
		Thread.sleep(3 * DELAY_MILLIS);

		// page 1, page 2 and at most the fetch of page 3 that closing gave up
		assertThat(afterClose).isBetween(2, 3);
		assertThat(this.latency.calls("Query")).isEqualTo(afterClose);
		assertThat(helperThreadsIdle()).isTrue();
	}

	@Test
	void aLimitedStreamNeverFetchesPastItsLimit() {
		List<Task> stored = this.template.putAll(tasks(55));
		this.template.setStreamPrefetch(false);
		this.latency.reset();
		List<Task> sequential = this.template.query(Task.class).limit(PAGE + 5).all();
		List<QueryRequest> sequentialRequests = this.latency.queries();
		this.template.setStreamPrefetch(true);
		this.latency.reset();

		List<Task> prefetched = this.template.query(Task.class).limit(PAGE + 5).all();

		assertThat(prefetched).hasSize(PAGE + 5).isEqualTo(sequential).isSubsetOf(stored);
		assertThat(this.latency.queries()).isEqualTo(sequentialRequests).hasSize(2);
	}

	@Test
	void aFailedPrefetchIsThrownWhenTheConsumerReachesItsPage() {
		this.template.putAll(tasks(35));
		this.latency.reset();
		this.latency.failQuery = 2;

		List<Task> consumed = new ArrayList<>();
		DataAccessException failure;
		try (Stream<Task> tasks = this.template.query(Task.class).stream()) {
			failure = catchThrowableOfType(() -> tasks.forEach((task) -> {
				if (consumed.isEmpty()) {
					// the failed fetch of page 2 is over before page 1 is consumed
					await(() -> this.latency.calls("Query") == 2 && this.latency.inFlight() == 0);
				}
				consumed.add(task);
			}), DataAccessException.class);
		}

		assertThat(consumed).hasSize(PAGE);
		assertThat(failure).isInstanceOf(UncategorizedSingleTableException.class)
			.rootCause()
			.hasMessageContaining("Injected failure of Query 2");
		assertThat(this.latency.calls("Query")).isEqualTo(2);
	}

	// ---- batches ---------------------------------------------------------------------------------------------

	@Test
	void batchGetsSendTheirChunksSideBySideWithinTheLimitWithTheSequentialRequestsAndOrder() {
		List<String> ids = new ArrayList<>(this.template.putAll(tasks(430)).stream().map(Task::id).toList());
		ids.add(17, "missing-1");
		ids.add("missing-2");
		Collections.shuffle(ids, new Random(17));
		this.template.setMaxConcurrentRequests(1);
		this.latency.reset();
		List<Task> sequential = this.template.findAllById(Task.class, ids);
		assertThat(this.latency.maxInFlight("BatchGetItem")).isEqualTo(1);
		int sequentialRequests = this.latency.calls("BatchGetItem");

		this.template.setMaxConcurrentRequests(3);
		this.latency.reset();
		List<Task> concurrent = this.template.findAllById(Task.class, ids);

		assertThat(concurrent).hasSize(430).isEqualTo(sequential);
		assertThat(concurrent).extracting(Task::id)
			.containsExactlyElementsOf(ids.stream().filter((id) -> !id.startsWith("missing")).toList());
		assertThat(this.latency.calls("BatchGetItem")).isEqualTo(sequentialRequests).isEqualTo(5);
		assertThat(this.latency.maxInFlight("BatchGetItem")).isBetween(2, 3);
	}

	@Test
	void deletingAVersionHistorySendsItsBatchesSideBySideWithinTheLimit() {
		Note note = this.template.create(Note.of("v1"));
		for (int i = 2; i <= 60; i++) {
			note = this.template.update(note.withTitle("v" + i));
		}
		this.template.setMaxConcurrentRequests(2);
		this.latency.reset();

		assertThat(this.template.deleteById(Note.class, note.id())).isTrue();

		// 59 history items: 3 batches of at most 25, 2 at a time
		assertThat(this.latency.calls("BatchWriteItem")).isEqualTo(3);
		assertThat(this.latency.maxInFlight("BatchWriteItem")).isEqualTo(2);
		assertThat(storedPartitionKeys()).isEmpty();
	}

	@Test
	void aFailedBatchWriteNamesEveryItemNotWrittenAndNoOther() {
		List<Task> tasks = tasks(75);
		this.latency.failBatchWrite = 2;

		IncompleteBatchWriteException failure = catchThrowableOfType(() -> this.template.putAll(tasks),
				IncompleteBatchWriteException.class);

		assertThat(failure).isNotNull();
		assertThat(failure.getCause()).isInstanceOf(UncategorizedSingleTableException.class);
		assertThat(failure.getTotal()).isEqualTo(75);
		assertThat(failure.getRemainingKeys()).hasSize(25);
		assertThat(failure).hasMessageContaining("25 of 75 writes to table '" + dynamo.tableName() + "'");
		Set<String> written = new HashSet<>(storedPartitionKeys());
		Set<String> remaining = new HashSet<>();
		failure.getRemainingKeys().forEach((key) -> remaining.add(key.get(ItemAttributes.PK).s()));
		assertThat(written).hasSize(50).doesNotContainAnyElementsOf(remaining);
	}

	@Test
	void sequentialBatchWritesNameTheBatchesNeverSentAsRemaining() {
		this.template.setMaxConcurrentRequests(0);
		this.latency.failBatchWrite = 2;

		IncompleteBatchWriteException failure = catchThrowableOfType(() -> this.template.putAll(tasks(75)),
				IncompleteBatchWriteException.class);

		assertThat(failure.getRemainingKeys()).hasSize(50);
		assertThat(this.latency.calls("BatchWriteItem")).isEqualTo(2);
		assertThat(storedPartitionKeys()).hasSize(25);
	}

	@Test
	void aDestroyedTemplateEndsItsHelperThreadsAndSendsItsRequestsOneAfterAnother() {
		List<Task> stored = this.template.putAll(tasks(250));
		List<Thread> helpers = helperThreads();
		assertThat(helpers).isNotEmpty();
		this.template.destroy();
		await(() -> helpers.stream().noneMatch(Thread::isAlive));
		this.latency.reset();

		assertThat(this.template.findAllById(Task.class, stored.stream().map(Task::id).toList()))
			.containsExactlyElementsOf(stored);
		assertThat(this.latency.maxInFlight("BatchGetItem")).isEqualTo(1);
		assertThat(helperThreads()).isEmpty();
	}

	@Test
	void negativeConcurrencyIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.setMaxConcurrentRequests(-1))
			.withMessageContaining("-1");
	}

	// ---- helpers -------------------------------------------------------------------------------------------

	private List<String> storedPartitionKeys() {
		return dynamo.rawClient()
			.scan((request) -> request.tableName(dynamo.tableName()).consistentRead(true))
			.items()
			.stream()
			.map((item) -> item.get(ItemAttributes.PK).s())
			.toList();
	}

	/** The threads other than the test's that sent requests of this test's client. */
	private List<Thread> helperThreads() {
		List<Thread> threads = this.latency.threads();
		assertThat(threads).allMatch((thread) -> thread.getName().startsWith("singletable-" + dynamo.tableName() + "-"));
		return threads;
	}

	/** Whether no helper thread is inside a request. */
	private boolean helperThreadsIdle() {
		return helperThreads().stream()
			.allMatch((thread) -> Stream.of(thread.getStackTrace())
				.noneMatch((frame) -> frame.getClassName().startsWith("software.amazon.awssdk")));
	}

	private static void await(BooleanSupplier condition) {
		long deadline = System.nanoTime() + 5_000_000_000L;
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Condition not met within 5 s");
			}
			try {
				Thread.sleep(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new AssertionError(ex);
			}
		}
	}

	private static List<Task> tasks(int count) {
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tasks.add(Task.of("t" + i, Status.OPEN, null, null, 1));
		}
		return tasks;
	}

	/**
	 * Delays every request by {@link #DELAY_MILLIS} (a network round trip), counts the calls of each operation and
	 * the most in flight at once, limits query pages to {@link #PAGE} items, and fails the n-th {@code Query} or
	 * {@code BatchWriteItem} call when asked to.
	 */
	static final class Latency implements ExecutionInterceptor {

		private static final ExecutionAttribute<Integer> CALL = new ExecutionAttribute<>("LatencyCall");

		private final Map<String, AtomicInteger> calls = new java.util.concurrent.ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> inFlight = new java.util.concurrent.ConcurrentHashMap<>();

		private final Map<String, AtomicInteger> maxInFlight = new java.util.concurrent.ConcurrentHashMap<>();

		private final List<QueryRequest> queries = Collections.synchronizedList(new ArrayList<>());

		private final Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();

		private final Thread testThread = Thread.currentThread();

		volatile int failQuery;

		volatile int failBatchWrite;

		void reset() {
			this.calls.clear();
			this.maxInFlight.clear();
			this.queries.clear();
			this.threads.clear();
		}

		int calls(String operation) {
			return counter(this.calls, operation).get();
		}

		int maxInFlight(String operation) {
			return counter(this.maxInFlight, operation).get();
		}

		int inFlight() {
			return this.inFlight.values().stream().mapToInt(AtomicInteger::get).sum();
		}

		List<Thread> threads() {
			return List.copyOf(this.threads);
		}

		List<QueryRequest> queries() {
			synchronized (this.queries) {
				return List.copyOf(this.queries);
			}
		}

		private static AtomicInteger counter(Map<String, AtomicInteger> counters, String operation) {
			return counters.computeIfAbsent(operation, (name) -> new AtomicInteger());
		}

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
			int call = counter(this.calls, operation).incrementAndGet();
			int now = counter(this.inFlight, operation).incrementAndGet();
			counter(this.maxInFlight, operation).accumulateAndGet(now, Math::max);
			if (context.request() instanceof QueryRequest query) {
				this.queries.add(query);
			}
			attributes.putAttribute(CALL, call);
			if (Thread.currentThread() != this.testThread) {
				this.threads.add(Thread.currentThread());
			}
		}

		@Override
		public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
			if (context.request() instanceof QueryRequest query
					&& (query.limit() == null || query.limit() > PAGE)) {
				return query.toBuilder().limit(PAGE).build();
			}
			return context.request();
		}

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			try {
				Thread.sleep(DELAY_MILLIS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
			int call = attributes.getAttribute(CALL);
			if (("Query".equals(operation) && call == this.failQuery)
					|| ("BatchWriteItem".equals(operation) && call == this.failBatchWrite)) {
				throw DynamoDbException.builder()
					.statusCode(400)
					.awsErrorDetails(AwsErrorDetails.builder()
						.errorCode("Injected")
						.errorMessage("Injected failure of " + operation + " " + call)
						.build())
					.message("Injected failure of " + operation + " " + call)
					.build();
			}
		}

		@Override
		public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
			counter(this.inFlight, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).decrementAndGet();
		}

		@Override
		public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
			counter(this.inFlight, attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME)).decrementAndGet();
		}

	}

}
