package dev.singletable.core.reactive;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Meter;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Subscription;

import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.internal.execution.ReactiveDynamoDbExecutor;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.operation.TablePlans;
import dev.singletable.core.internal.reactive.ReactiveComponents;
import dev.singletable.core.internal.reactive.ReactorCaller;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationContext;
import dev.singletable.core.observation.SingleTableObservationConvention;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ObservationBehaviourSuite} on the {@link ReactiveSingleTableTemplate}, on the SDK's Netty async client
 * (counted and failed by the table extension's interceptors), and what only the reactive API has: a query cancelled
 * while its page is read stops that page's observation, and operations running side by side on the same threads
 * each report with their own tags (the operation travels in the Reactor context), and units written all or nothing
 * (a reactive transaction's commit) are one {@code commit} observation, as the blocking writer's are.
 */
class ReactiveObservationBehaviourTests extends ObservationBehaviourSuite {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final HeldAnswers held = new HeldAnswers();

	private static DynamoDbAsyncClient client;

	private ReactiveSingleTableTemplate template;

	@BeforeAll
	static void startClient() {
		client = AsyncClients.newAsyncClient(dynamo.requests(), dynamo.faults(), held);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@AfterEach
	void release() {
		held.release();
	}

	@Override
	DynamoDbLocalExtension dynamo() {
		return dynamo;
	}

	@Override
	Observed template(@Nullable ObservationRegistry registry, @Nullable SingleTableObservationConvention convention,
			@Nullable SingleTableMetrics metrics) {
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		template.setObservationRegistry(registry);
		template.setObservationConvention(convention);
		template.setMetrics(metrics);
		this.template = template;
		return new Observed(TemplateOps.reactive(template), ObservedOps.reactive(template));
	}

	@Test
	void aQueryCancelledWhileItsPageIsReadStopsThatPagesObservationAndReadsNoMore() throws InterruptedException {
		for (int i = 0; i < 5; i++) {
			ops().create(Note.of("listed " + i));
		}
		this.recorded.clear();
		dynamo.requests().reset();
		CountDownLatch answered = held.holdNextQuery();
		Demand demand = new Demand();

		this.template.query(Note.class).all().subscribe(demand);
		assertThat(answered.await(10, TimeUnit.SECONDS)).as("the page's answer arrived").isTrue();
		assertThat(this.recorded.started).singleElement()
			.satisfies((context) -> assertThat(context.getOperation()).isEqualTo("query.stream"));
		assertThat(this.recorded.stopped).isEmpty();
		demand.cancel();

		assertThat(this.recorded.stopped).containsExactlyElementsOf(this.recorded.started);
		assertThat(this.recorded.errors).isEmpty();
		held.release();
		Thread.sleep(200);
		assertThat(demand.received).isEmpty();
		assertThat(dynamo.requests().sent(QueryRequest.class)).hasSize(1);
		assertThat(this.recorded.started).hasSize(1);
		assertThat(this.meters.find("singletable.operation").tags("operation", "query.stream").timer().count())
			.isEqualTo(1);
	}

	@Test
	void operationsSideBySideReportWithTheirOwnTags() {
		List<Note> notes = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			notes.add(ops().create(Note.of("read " + i)));
		}
		this.meters.clear();
		this.recorded.clear();

		Flux.merge(Flux.fromIterable(notes).flatMap((note) -> this.template.findById(Note.class, note.id())),
				Flux.range(0, 8).flatMap((i) -> this.template.create(Task.of("t" + i, Status.OPEN, "ann", null, 1))))
			.collectList()
			.block();

		List<String> reported = new ArrayList<>();
		for (Meter meter : this.meters.find(MicrometerSingleTableMetrics.CAPACITY).meters()) {
			reported.add(meter.getId().getTag("type") + " " + meter.getId().getTag("operation") + " "
					+ meter.getId().getTag("kind"));
		}
		assertThat(reported).containsExactlyInAnyOrder("Note findById read", "Task create write");
		assertThat(this.recorded.started.stream().map(SingleTableObservationContext::getOperation))
			.hasSize(16)
			.containsOnly("findById", "create");
	}

	@Test
	void unitsWrittenAllOrNothingAreOneCommitObservationOfTheirTypes() {
		ReactiveComponents parts = ReactiveComponents.of(new Object(),
				new ReactiveDynamoDbExecutor(client, dynamo.tableName()),
				TablePlans.of(dynamo.tableName(), this.template.getConverter()));
		parts.executor().observations().setRegistry(this.registry);
		parts.executor().setMetrics(new MicrometerSingleTableMetrics(this.meters));

		CollectedWrites transaction = new CollectedWrites();
		transaction.collect(parts.plans().writes().create(Note.of("together")), parts.caller(), Stamps.Snapshot.NONE,
				null);
		transaction.collect(parts.plans().writes().create(Task.of("together", Status.OPEN, "ann", null, 1)),
				parts.caller(), Stamps.Snapshot.NONE, null);

		ReactorCaller.commit(transaction).block();

		assertThat(operations()).containsExactly("commit Note,Task");
		assertThat(timer("Note,Task", "commit", "table").count()).isEqualTo(1);
		assertThat(capacity("Note,Task", "commit", "write")).isGreaterThan(0);
	}

	/**
	 * Asks for one result and records what arrives.
	 */
	private static final class Demand extends BaseSubscriber<Note> {

		final List<Note> received = new ArrayList<>();

		@Override
		protected void hookOnSubscribe(Subscription subscription) {
			request(1);
		}

		@Override
		protected void hookOnNext(Note value) {
			this.received.add(value);
		}

	}

	/**
	 * Holds the answer of the next {@code Query} after it arrived, until released: the request is in flight
	 * meanwhile, as on a slow network.
	 */
	static final class HeldAnswers implements ExecutionInterceptor {

		private volatile @Nullable CountDownLatch arrived;

		private volatile CountDownLatch release = new CountDownLatch(0);

		CountDownLatch holdNextQuery() {
			this.release = new CountDownLatch(1);
			CountDownLatch arrived = new CountDownLatch(1);
			this.arrived = arrived;
			return arrived;
		}

		void release() {
			this.release.countDown();
		}

		@Override
		public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
			CountDownLatch arrived = this.arrived;
			if (arrived != null && "Query".equals(executionAttributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
				this.arrived = null;
				arrived.countDown();
				try {
					this.release.await(10, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}

	}

}
