package dev.singletable.repository.reactive;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Limit;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.reactive.AsyncClients;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.QueryDemandLog;
import dev.singletable.test.StepSubscriber;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static dev.singletable.test.QueryDemandLog.expectedLimits;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A derived {@code Flux} query method of a reactive repository reads by demand: over 3,000 items, every
 * {@code Query} the async client sends is logged by an interceptor (its {@code Limit} and how many items it
 * returned), and each test checks that the results taken needed exactly the requests sent — never one more.
 */
class ReactiveRepositoryDemandIntegrationTests {

	private static final int ITEMS = 3_000;

	/** Seeded once for the class, so not registered: it would empty the table before each test. */
	private static final DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-reactive-repo-demand");

	private static final QueryDemandLog log = new QueryDemandLog();

	private static DynamoDbAsyncClient client;

	private static Tasks tasks;

	/** A reactive repository of tasks. */
	interface Tasks extends ReactiveSingleTableRepository<Task> {

		Flux<Task> findByStatus(Status status);

		Flux<Task> findByStatus(Status status, Limit limit);

	}

	@BeforeAll
	static void seed() {
		dynamo.ensureTable();
		dynamo.emptyTable();
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		template.putAll(IntStream.range(0, ITEMS)
			.mapToObj((i) -> Task.of("task-" + i, Status.OPEN, "ann", LocalDate.of(2025, 1, 1).plusDays(i % 365), i % 10))
			.toList());
		client = AsyncClients.newAsyncClient(log);
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName(),
				template.getConverter());
		tasks = new ReactiveSingleTableRepositoryFactory(reactive).getRepository(Tasks.class);
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
	void nothingIsReadBeforeSubscription() throws InterruptedException {
		Flux<Task> open = tasks.findByStatus(Status.OPEN);
		Thread.sleep(100);

		assertThat(open).isNotNull();
		assertThat(log.limits()).isEmpty();
	}

	@Test
	void takingOneHundredFiftyResultsSendsOnlyTheRequestsTheyNeed() {
		List<Task> taken = tasks.findByStatus(Status.OPEN).take(150).collectList().block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(150).doesNotHaveDuplicates();
		assertThat(log.limits()).isEqualTo(expectedLimits(150, log.counts()));
		assertThat(log.counts().stream().mapToInt(Integer::intValue).sum()).as("items read").isEqualTo(150);
		log.assertNoMoreRequests();
	}

	@Test
	void aLimitArgumentAboveTheDemandReadsOnlyWhatIsTaken() {
		List<Task> taken = tasks.findByStatus(Status.OPEN, Limit.of(2_000)).take(100).collectList()
			.block(Duration.ofSeconds(30));

		assertThat(taken).hasSize(100);
		assertThat(log.limits()).isEqualTo(expectedLimits(100, log.counts()));
		log.assertNoMoreRequests();
	}

	@Test
	void eachRequestOfTheSubscriberSendsOneQueryOfThatSizeAndCancellingStops() throws InterruptedException {
		StepSubscriber<Task> subscriber = new StepSubscriber<>();
		tasks.findByStatus(Status.OPEN).subscribe(subscriber);
		Thread.sleep(100);
		assertThat(log.limits()).as("no request before demand").isEmpty();

		subscriber.requestAndAwait(40, 40);
		subscriber.requestAndAwait(25, 65);
		subscriber.cancel();

		assertThat(log.limits()).containsExactly(40, 25);
		assertThat(subscriber.results).hasSize(65).doesNotHaveDuplicates();
		log.assertNoMoreRequests();
	}

	@Test
	void readingEverythingReadsEveryItemOnce() {
		List<Task> all = tasks.findByStatus(Status.OPEN).collectList().block(Duration.ofSeconds(60));

		assertThat(all).hasSize(ITEMS).doesNotHaveDuplicates();
		assertThat(log.counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ITEMS);
	}

}
