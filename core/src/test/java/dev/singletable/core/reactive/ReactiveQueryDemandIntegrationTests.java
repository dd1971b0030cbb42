package dev.singletable.core.reactive;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.QueryDemandLog;
import dev.singletable.test.StepSubscriber;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static dev.singletable.test.QueryDemandLog.expectedLimits;
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

	private static final QueryDemandLog log = new QueryDemandLog();

	private static DynamoDbAsyncClient client;

	private static ReactiveSingleTableTemplate reactiveTemplate;

	@BeforeAll
	static void seed() {
		dynamo.ensureTable();
		dynamo.emptyTable();
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.putAll(IntStream.range(0, ITEMS)
			.mapToObj((i) -> Task.of("task-" + i, Status.OPEN, "ann", LocalDate.of(2025, 1, 1).plusDays(i % 365), i % 10))
			.toList());
		client = AsyncClients.newAsyncClient(log);
		reactiveTemplate = new ReactiveSingleTableTemplate(
				ReactiveSingleTableDatabaseFactory.create(client, dynamo.tableName()),
				template.getConverter());
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
		log.assertNoMoreRequests();
	}

	@Test
	void aLimitAboveTheDemandReadsOnlyWhatIsTaken() {
		List<Task> taken = tasks().limit(1_000).all().take(150).collectList().block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(150);
		assertThat(log.limits()).isEqualTo(expectedLimits(150, log.counts()));
		log.assertNoMoreRequests();
	}

	@Test
	void aLimitBelowTheDemandEndsTheReading() {
		List<Task> taken = tasks().limit(120).all().take(150).collectList().block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(120);
		assertThat(log.limits()).isEqualTo(expectedLimits(120, log.counts()));
		log.assertNoMoreRequests();
	}

	@Test
	void eachRequestOfTheSubscriberSendsOneQueryOfThatSizeAndCancellingStops() throws InterruptedException {
		StepSubscriber<Task> subscriber = new StepSubscriber<>();
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
		log.assertNoMoreRequests();
	}

	@Test
	void unboundedDemandReadsWholePagesAndCancellingStops() {
		List<Task> taken = tasks().all().take(150, false).collectList().block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(150);
		assertThat(log.limits()).containsExactly((Integer) null);
		assertThat(log.counts().get(0)).as("a whole page").isGreaterThanOrEqualTo(150);
		log.assertNoMoreRequests();
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
		log.assertNoMoreRequests();
	}

	private ReactiveSingleTableQuery<Task> tasks() {
		return reactiveTemplate.<Task>query(List.of(Task.class), false).index("gsi1").partition("status#OPEN");
	}

}
