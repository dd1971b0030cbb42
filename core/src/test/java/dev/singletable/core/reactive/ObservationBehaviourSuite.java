package dev.singletable.core.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.observation.DefaultSingleTableObservationConvention;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.core.observation.SingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservation;
import dev.singletable.core.observation.SingleTableObservationContext;
import dev.singletable.core.observation.SingleTableObservationConvention;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Observations and metrics, one suite for both APIs against DynamoDB Local: {@link BlockingObservationBehaviourTests}
 * runs it on {@link SingleTableTemplate}, {@link ReactiveObservationBehaviourTests} on
 * {@link ReactiveSingleTableTemplate}, with the same assertions — each operation one {@code singletable.operation}
 * observation with the same name and tags, its error recorded; consumed capacity, conflicts, retries and unprocessed
 * batch items counted with the operation's tags; a parent observation picked up; a query the caller stops reading
 * leaves no observation open; nothing recorded and no capacity asked for without registry and metrics.
 */
abstract class ObservationBehaviourSuite {

	/** The table's extension: its requests, faults and raw reads. */
	abstract DynamoDbLocalExtension dynamo();

	/**
	 * A template on the table with the given registry, convention and metrics ({@literal null} for none); its
	 * requests are counted by {@link DynamoDbLocalExtension#requests()} and failed by its
	 * {@link DynamoDbLocalExtension#faults()}.
	 */
	abstract Observed template(@Nullable ObservationRegistry registry,
			@Nullable SingleTableObservationConvention convention, @Nullable SingleTableMetrics metrics);

	/**
	 * A template's operations under test.
	 */
	record Observed(TemplateOps ops, ObservedOps queries) {
	}

	SimpleMeterRegistry meters;

	Recorded recorded;

	ObservationRegistry registry;

	Observed observed;

	@BeforeEach
	void observe() {
		this.meters = new SimpleMeterRegistry();
		this.recorded = new Recorded();
		this.registry = ObservationRegistry.create();
		this.registry.observationConfig()
			.observationHandler(new DefaultMeterObservationHandler(this.meters))
			.observationHandler(this.recorded);
		this.observed = template(this.registry, null, new MicrometerSingleTableMetrics(this.meters));
	}

	TemplateOps ops() {
		return this.observed.ops();
	}

	ObservedOps queries() {
		return this.observed.queries();
	}

	@Test
	void eachOperationIsOneObservationWithTheBlockingTemplatesNameAndTags() {
		Note created = ops().create(Note.of("observed"));
		Note updated = ops().update(created.withTitle("observed again"));
		ops().save(updated.withTitle("saved"));
		ops().findById(Note.class, created.id());
		ops().findVersion(Note.class, created.id(), 1);
		ops().findAllVersions(Note.class, created.id());
		ops().restoreVersion(Note.class, created.id(), 1);
		queries().page(Note.class, 5);
		queries().count(Note.class);
		queries().first(Note.class);
		Task task = ops().create(Task.of("t", Status.OPEN, "ann", null, 1));
		assertThat(queries().all(Task.class, "gsi1", "status#OPEN")).containsExactly(task);
		ops().delete(task);
		ops().deleteById(Note.class, created.id());

		assertThat(operations()).containsExactly("create Note", "update Note", "save Note", "findById Note",
				"findVersion Note", "findAllVersions Note", "restoreVersion Note", "query.page Note",
				"query.count Note", "query.first Note", "create Task", "query.stream Task", "delete Task",
				"deleteById Note");
		assertThat(timer("Note", "create", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "update", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "save", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "findById", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "findAllVersions", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "query.page", "gsitype").count()).isEqualTo(1);
		assertThat(timer("Note", "query.count", "gsitype").count()).isEqualTo(1);
		assertThat(timer("Note", "query.first", "gsitype").count()).isEqualTo(1);
		assertThat(timer("Task", "query.stream", "gsi1").count()).isEqualTo(1);
		assertThat(timer("Note", "deleteById", "table").count()).isEqualTo(1);
		Timer create = timer("Note", "create", "table");
		assertThat(create.getId().getTag("table")).isEqualTo(dynamo().tableName());
		assertThat(create.getId().getTag("error")).isEqualTo("none");
		assertThat(this.recorded.started).hasSameSizeAs(this.recorded.stopped);
		assertThat(this.recorded.started).allSatisfy((context) -> {
			assertThat(context.getName()).isEqualTo(SingleTableObservation.NAME);
			assertThat(context.getContextualName()).isEqualTo(context.getOperation() + " "
					+ context.getEntityTypeName());
			assertThat(context.getLowCardinalityKeyValues()).extracting(KeyValue::getKey)
				.containsExactlyInAnyOrder("type", "operation", "index", "table");
		});
		// never an id: every tag value of every singletable meter comes from a small, fixed set
		for (Meter meter : this.meters.getMeters()) {
			meter.getId().getTags().forEach((tag) -> assertThat(tag.getValue()).doesNotContain(created.id()));
		}
	}

	@Test
	void aVersionConflictIsTheObservationsErrorAndIsCountedAsAConflict() {
		Note note = ops().create(Note.of("conflict"));
		ops().update(note.withTitle("first"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> ops().update(note.withTitle("stale")));

		SingleTableObservationContext failed = this.recorded.started.get(2);
		assertThat(failed.getOperation()).isEqualTo("update");
		assertThat(failed.getError()).isInstanceOf(VersionConflictException.class);
		assertThat(this.recorded.errors).containsExactly(failed);
		assertThat(this.recorded.stopped).contains(failed);
		assertThat(this.meters.find(SingleTableObservation.NAME)
			.tags("type", "Note", "operation", "update", "error", "VersionConflictException")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.CONFLICTS).counters())
			.singleElement()
			.satisfies((counter) -> {
				assertThat(counter.count()).isEqualTo(1);
				assertThat(counter.getId().getTag("type")).isEqualTo("Note");
				assertThat(counter.getId().getTag("operation")).isEqualTo("update");
				assertThat(counter.getId().getTag("reason")).isEqualTo("ConditionalCheckFailed");
			});
	}

	@Test
	void consumedCapacityIsReportedWithTheOperationsTags() {
		dynamo().requests().reset();
		Note note = ops().create(Note.of("capacity"));
		ops().findById(Note.class, note.id());
		queries().page(Note.class, 5);
		Task task = ops().create(Task.of("t", Status.OPEN, "ann", null, 1));
		queries().all(Task.class, "gsi1", "status#OPEN");

		assertThat(capacity("Note", "create", "write")).isGreaterThan(0);
		assertThat(capacity("Note", "findById", "read")).isGreaterThan(0);
		assertThat(capacity("Note", "query.page", "read")).isGreaterThan(0);
		assertThat(capacity("Task", "create", "write")).isGreaterThan(0);
		assertThat(capacity("Task", "query.stream", "read")).isGreaterThan(0);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.CAPACITY).tags("operation", "create", "kind", "read")
			.counter()).isNull();
		assertThat(this.meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "unknown").counter())
			.isNull();
		assertThat(task.id()).isNotNull();
		List<SdkRequest> sent = sent(TransactWriteItemsRequest.class, GetItemRequest.class, QueryRequest.class);
		assertThat(sent).hasSizeGreaterThanOrEqualTo(4).allSatisfy((request) -> assertThat(request
			.getValueForField("ReturnConsumedCapacity", Object.class)
			.map(String::valueOf)).contains(ReturnConsumedCapacity.TOTAL.toString()));
	}

	@Test
	void withMetricsAndNoRegistryTheReportsStillCarryTheOperation() {
		SimpleMeterRegistry counted = new SimpleMeterRegistry();
		Observed metricsOnly = template(null, null, new MicrometerSingleTableMetrics(counted));

		Note note = metricsOnly.ops().create(Note.of("metrics only"));
		metricsOnly.ops().findById(Note.class, note.id());

		assertThat(counted.find(MicrometerSingleTableMetrics.CAPACITY).tags("type", "Note", "operation", "findById",
				"kind", "read").counter().count()).isGreaterThan(0);
		assertThat(counted.find(SingleTableObservation.NAME).timer()).isNull();
		assertThat(this.recorded.started).isEmpty();
	}

	@Test
	void aTransientCancellationRetriedIsCountedForItsOperation() {
		Note note = ops().create(Note.of("retried"));
		dynamo().faults().failNext("TransactWriteItems", 2, () -> FaultInjector.cancelled("TransactionConflict"));

		ops().update(note.withTitle("after conflicts"));

		Counter retries = this.meters.find(MicrometerSingleTableMetrics.RETRIES)
			.tags("type", "Note", "operation", "update", "reason", "TransactionConflict")
			.counter();
		assertThat(retries).isNotNull();
		assertThat(retries.count()).isEqualTo(2);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.CONFLICTS)
			.tags("operation", "update", "reason", "TransactionConflict")
			.counter()
			.count()).isEqualTo(2);
	}

	@Test
	void unprocessedBatchItemsAreCountedAndRetriedForTheirOperation() {
		Note note = ops().create(Note.of("history"));
		note = ops().update(note.withTitle("v2"));
		ops().update(note.withTitle("v3"));
		dynamo().requests().reset();
		// the history's BatchWriteItem answers that nothing was processed: the writer sends it again
		dynamo().faults().rewriteNext(BatchWriteItemResponse.class, (response) -> response.toBuilder()
			.unprocessedItems(Map.of(dynamo().tableName(), dynamo().requests()
				.sent(BatchWriteItemRequest.class)
				.get(0)
				.requestItems()
				.get(dynamo().tableName())))
			.build());

		assertThat(ops().deleteById(Note.class, note.id())).isTrue();

		assertThat(dynamo().sortKeys("Note#" + note.id())).isEmpty();
		assertThat(dynamo().requests().sent(BatchWriteItemRequest.class)).hasSize(2);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.UNPROCESSED)
			.tags("type", "Note", "operation", "deleteById")
			.counter()
			.count()).isEqualTo(3);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.RETRIES)
			.tags("type", "Note", "operation", "deleteById", "reason", "unprocessed")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void anOperationRunWithinAnObservationIsItsChild() {
		Observation parent = Observation.start("request", this.registry);

		queries().createWithin(parent, Task.of("child", Status.OPEN, "ann", null, 1));
		assertThat(queries().allWithin(parent, Task.class, "gsi1", "status#OPEN")).hasSize(1);
		parent.stop();

		assertThat(operations()).containsExactly("create Task", "query.stream Task");
		assertThat(this.recorded.started)
			.allSatisfy((context) -> assertThat(context.getParentObservation()).isSameAs(parent));
	}

	@Test
	void aQueryTheCallerStopsReadingLeavesNoObservationOpen() {
		for (int i = 0; i < 12; i++) {
			ops().create(Note.of("listed " + i));
		}
		this.recorded.clear();

		assertThat(queries().firstThenStop(Note.class)).isPresent();

		awaitUntil(() -> this.recorded.stopped.size() == this.recorded.started.size());
		assertThat(this.recorded.started).isNotEmpty().allSatisfy((context) -> {
			assertThat(context.getOperation()).isEqualTo("query.stream");
			assertThat(context.getIndexName()).isEqualTo("gsitype");
			assertThat(context.getError()).isNull();
		});
		assertThat(this.recorded.stopped).containsExactlyInAnyOrderElementsOf(this.recorded.started);
	}

	@Test
	void aConventionRenamesAndRetagsTheObservations() {
		Observed custom = template(this.registry, new DefaultSingleTableObservationConvention() {

			@Override
			public String getName() {
				return "store.calls";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(SingleTableObservationContext context) {
				return KeyValues.of("op", context.getOperation());
			}

		}, null);

		custom.ops().create(Note.of("custom"));

		assertThat(this.meters.find("store.calls").tags("op", "create").timer().count()).isEqualTo(1);
		assertThat(this.meters.find(SingleTableObservation.NAME).timer()).isNull();
	}

	@Test
	void withoutRegistryAndMetricsNothingIsRecordedAndNoCapacityIsAskedFor() {
		Observed plain = template(ObservationRegistry.NOOP, null, null);
		dynamo().requests().reset();

		Note note = plain.ops().create(Note.of("quiet"));
		plain.ops().update(note.withTitle("quiet again"));
		plain.ops().findById(Note.class, note.id());
		plain.queries().page(Note.class, 5);

		assertThat(this.meters.getMeters()).isEmpty();
		assertThat(this.recorded.started).isEmpty();
		// query pages always ask for it, for QueryPage.consumedCapacity()
		assertThat(sent(TransactWriteItemsRequest.class, GetItemRequest.class)).hasSize(3)
			.allSatisfy((request) -> assertThat(request.getValueForField("ReturnConsumedCapacity", Object.class))
				.isEmpty());
	}

	/** The operations observed, in the order they started, as {@code "operation Type"}. */
	List<String> operations() {
		return this.recorded.started.stream().map((context) -> context.getOperation() + " " + context.getEntityTypeName())
			.toList();
	}

	/**
	 * The requests of the given types the operations sent: the one-time read of the table's cursor secret (an
	 * internal item, read when a template first needs a cursor) is the template's, not an operation's.
	 */
	@SafeVarargs
	private List<SdkRequest> sent(Class<? extends SdkRequest>... types) {
		List<SdkRequest> sent = new ArrayList<>();
		for (Class<? extends SdkRequest> type : types) {
			dynamo().requests()
				.sent(type)
				.stream()
				.filter((request) -> !(request instanceof GetItemRequest get && get.key().get("pk") != null
						&& String.valueOf(get.key().get("pk").s()).startsWith("_INTERNAL#")))
				.forEach(sent::add);
		}
		return sent;
	}

	Timer timer(String type, String operation, String index) {
		Timer timer = this.meters.find(SingleTableObservation.NAME)
			.tags("type", type, "operation", operation, "index", index)
			.timer();
		assertThat(timer).as("timer of %s %s on %s in %s", operation, type, index, this.meters.getMetersAsString())
			.isNotNull();
		return timer;
	}

	double capacity(String type, String operation, String kind) {
		Counter counter = this.meters.find(MicrometerSingleTableMetrics.CAPACITY)
			.tags("type", type, "operation", operation, "kind", kind)
			.counter();
		assertThat(counter).as("capacity of %s %s (%s) in %s", operation, type, kind, this.meters.getMetersAsString())
			.isNotNull();
		return counter.count();
	}

	static void awaitUntil(BooleanSupplier condition) {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited 10 s").isLessThan(deadline);
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	/**
	 * Records the singletable observations a registry starts, stops and sees fail.
	 */
	static final class Recorded implements ObservationHandler<SingleTableObservationContext> {

		final List<SingleTableObservationContext> started = new CopyOnWriteArrayList<>();

		final List<SingleTableObservationContext> stopped = new CopyOnWriteArrayList<>();

		final List<SingleTableObservationContext> errors = new CopyOnWriteArrayList<>();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof SingleTableObservationContext;
		}

		@Override
		public void onStart(SingleTableObservationContext context) {
			this.started.add(context);
		}

		@Override
		public void onError(SingleTableObservationContext context) {
			this.errors.add(context);
		}

		@Override
		public void onStop(SingleTableObservationContext context) {
			this.stopped.add(context);
		}

		void clear() {
			this.started.clear();
			this.stopped.clear();
			this.errors.clear();
		}

	}

}
