package dev.singletable.core.reactive;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.BaseSubscriber;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reactive query over 10,000 items reads by demand: every {@code Query} the async client sends is logged by an
 * interceptor (its {@code Limit} and what it returned), and each test derives from the demand and the logged pages
 * how many requests the results it takes need — never one more.
 */
class ReactiveQueryDemandIntegrationTests {

	private static final int ITEMS = 10_000;

	/** Seeded once for the class, so not registered: it would empty the table before each test. */
	private static final DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-reactive-demand");

	private static final QueryLog log = new QueryLog();

	private static DynamoDbAsyncClient client;

	private static ReactiveQueries queries;

	@BeforeAll
	static void seed() {
		dynamo.ensureTable();
		dynamo.emptyTable();
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.putAll(IntStream.range(0, ITEMS)
			.mapToObj((i) -> Task.of("task-" + i, Status.OPEN, "ann", LocalDate.of(2025, 1, 1).plusDays(i % 365), i % 10))
			.toList());
		client = AsyncClients.newAsyncClient(log);
		queries = ReactiveQueries.of(new ReactiveDynamoDbExecutor(client, dynamo.tableName()), template.getConverter());
	}

	@AfterAll
	static void close() {
		client.close();
		dynamo.afterAll(null);
	}

	@BeforeEach
	void clearLog() {
		log.clear();
	}

	@Test
	void takingOneHundredFiftyResultsSendsOnlyTheRequestsTheyNeed() {
		List<Task> taken = tasks().all().take(150).collectList().block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(150).doesNotHaveDuplicates();
		// take(150) asks for 150: each request asks for what is still wanted, so the pages needed are those until
		// 150 results were read, each one's Limit what the ones before left to read
		assertThat(log.limits()).isEqualTo(expectedLimits(150, log.counts()));
		assertThat(log.counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(150);
		assertNoMoreRequests();
	}

	@Test
	void aLimitAboveTheDemandReadsOnlyWhatIsTaken() {
		List<Task> taken = tasks().limit(1_000).all().take(150).collectList().block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(150);
		assertThat(log.limits()).isEqualTo(expectedLimits(150, log.counts()));
		assertNoMoreRequests();
	}

	@Test
	void aLimitBelowTheDemandEndsTheReading() {
		List<Task> taken = tasks().limit(120).all().take(150).collectList().block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(120);
		assertThat(log.limits()).isEqualTo(expectedLimits(120, log.counts()));
		assertNoMoreRequests();
	}

	@Test
	void eachRequestOfTheSubscriberSendsOneQueryOfThatSizeAndCancellingStops() throws InterruptedException {
		StepSubscriber subscriber = new StepSubscriber();
		tasks().all().subscribe(subscriber);
		Thread.sleep(100);
		assertThat(log.limits()).as("no request before demand").isEmpty();

		int[] steps = { 50, 30, 70 };
		int received = 0;
		for (int step : steps) {
			received += step;
			subscriber.requestAndAwait(step, received);
		}
		subscriber.cancel();

		assertThat(log.limits()).containsExactly(50, 30, 70);
		assertThat(subscriber.results).hasSize(150);
		assertNoMoreRequests();
	}

	@Test
	void unboundedDemandReadsWholePagesAndCancellingStops() {
		List<Task> taken = tasks().all().take(150, false).collectList().block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(150);
		assertThat(log.limits()).containsExactly((Integer) null);
		assertThat(log.counts().get(0)).as("a whole page").isGreaterThanOrEqualTo(150);
		assertNoMoreRequests();
	}

	@Test
	void aFilteredQueryStopsAtTheRequestThatCompletesTheDemand() {
		List<Task> taken = tasks().where((task) -> task.priority() == 7).all().take(150).collectList()
			.block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(150).allMatch((task) -> task.priority() == 7);
		List<Integer> accepted = log.pages().stream()
			.map((page) -> (int) page.stream().filter((item) -> "7".equals(item.get("priority").n())).count())
			.toList();
		int beforeLast = accepted.subList(0, accepted.size() - 1).stream().mapToInt(Integer::intValue).sum();
		assertThat(beforeLast).as("the results of all requests but the last").isLessThan(150);
		assertThat(beforeLast + accepted.get(accepted.size() - 1)).isGreaterThanOrEqualTo(150);
		assertNoMoreRequests();
	}

	private ReactiveSingleTableQuery<Task> tasks() {
		return queries.<Task>queryTypes(List.of(Task.class), false).index("gsi1").partition("status#OPEN");
	}

	/**
	 * The limits of the requests that read {@code wanted} unfiltered results from pages of the given sizes: each
	 * asks for what the pages before left (at most 1,000), until none is left.
	 */
	private static List<Integer> expectedLimits(int wanted, List<Integer> pageSizes) {
		List<Integer> limits = new ArrayList<>();
		int left = wanted;
		for (int i = 0; left > 0; i++) {
			limits.add(Math.min(left, 1_000));
			left -= (i < pageSizes.size()) ? pageSizes.get(i) : left;
		}
		return limits;
	}

	private static void assertNoMoreRequests() {
		int sent = log.limits().size();
		try {
			Thread.sleep(200);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		assertThat(log.limits()).as("requests after the results were taken").hasSize(sent);
	}

	/** Requests results step by step and waits for them. */
	private static final class StepSubscriber extends BaseSubscriber<Task> {

		final List<Task> results = new CopyOnWriteArrayList<>();

		private volatile CountDownLatch arrived = new CountDownLatch(0);

		private volatile int awaited;

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
		}

		@Override
		protected void hookOnNext(Task value) {
			this.results.add(value);
			if (this.results.size() >= this.awaited) {
				this.arrived.countDown();
			}
		}

		void requestAndAwait(int count, int total) throws InterruptedException {
			this.awaited = total;
			this.arrived = new CountDownLatch(1);
			request(count);
			assertThat(this.arrived.await(10, TimeUnit.SECONDS)).as("%d results arrived", total).isTrue();
		}

	}

	/** Logs every {@code Query} of the client: its limit and the items it returned. */
	private static final class QueryLog implements ExecutionInterceptor {

		private final List<@Nullable Integer> limits = new CopyOnWriteArrayList<>();

		private final List<List<Map<String, AttributeValue>>> pages = new CopyOnWriteArrayList<>();

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof QueryRequest request) {
				this.limits.add(request.limit());
			}
		}

		@Override
		public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
			if (context.response() instanceof QueryResponse response) {
				this.pages.add(response.items());
			}
		}

		List<@Nullable Integer> limits() {
			return new ArrayList<>(this.limits);
		}

		List<List<Map<String, AttributeValue>>> pages() {
			return List.copyOf(this.pages);
		}

		List<Integer> counts() {
			return this.pages.stream().map(List::size).toList();
		}

		void clear() {
			this.limits.clear();
			this.pages.clear();
		}

	}

}
