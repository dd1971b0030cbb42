package dev.singletable.core;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.internal.execution.Observations;
import dev.singletable.core.observation.DefaultSingleTableObservationConvention;
import dev.singletable.core.observation.MicrometerSingleTableMetrics;
import dev.singletable.core.observation.SingleTableObservationContext;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Observations and metrics of the template against DynamoDB Local: each kind of operation is timed as
 * {@code singletable.operation} with its type, operation and index; consumed capacity, conflicts, retries and
 * unprocessed batch items are counted per type and operation; without observations and metrics, nothing is recorded
 * and no request asks for consumed capacity.
 */
class ObservabilityIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SimpleMeterRegistry meters;

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.meters = new SimpleMeterRegistry();
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.template.setObservationRegistry(observations);
		this.template.setMetrics(new MicrometerSingleTableMetrics(this.meters));
	}

	@Test
	void everyKindOfOperationIsTimedWithTypeOperationAndIndex() {
		Note created = this.template.create(Note.of("observed"));
		Note note = this.template.update(created.withTitle("observed again"));
		this.template.save(note.withTitle("saved"));
		this.template.findById(Note.class, note.id());
		this.template.findAllById(Note.class, List.of(note.id(), "missing"));
		this.template.findAllVersions(Note.class, note.id());
		this.template.query(Note.class).limit(5).page();
		this.template.query(Note.class).stream().toList();
		this.template.query(Note.class).count();
		Task task = this.template.create(Task.of("t", Status.OPEN, "ann", null, 1));
		this.template.query(Task.class).index("gsi1").partition("status#OPEN").all();
		this.template.transaction((tx) -> tx.update(task.withStatus(Status.DONE)));
		this.template.deleteById(Note.class, note.id());

		assertThat(timer("Note", "create", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "update", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "save", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "findById", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "findAllById", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "findAllVersions", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "query.page", "gsitype").count()).isEqualTo(1);
		assertThat(timer("Note", "query.stream", "gsitype").count()).isGreaterThanOrEqualTo(1);
		assertThat(timer("Note", "query.count", "gsitype").count()).isEqualTo(1);
		assertThat(timer("Task", "query.stream", "gsi1").count()).isGreaterThanOrEqualTo(1);
		assertThat(timer("Task", "commit", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "deleteById", "table").count()).isEqualTo(1);
		assertThat(timer("Note", "create", "table").getId().getTag("table")).isEqualTo(dynamo.tableName());
		assertThat(timer("Note", "create", "table").getId().getTag("error")).isEqualTo("none");
		// never an id: every tag value of every singletable meter comes from a small, fixed set
		for (Meter meter : this.meters.getMeters()) {
			meter.getId().getTags().forEach((tag) -> assertThat(tag.getValue()).doesNotContain(note.id()));
		}
	}

	@Test
	void consumedCapacityIsCountedPerTypeOperationAndKind() {
		Note note = this.template.create(Note.of("capacity"));
		this.template.findById(Note.class, note.id());
		this.template.query(Note.class).all();

		assertThat(capacity("Note", "create", "write")).isGreaterThan(0);
		assertThat(capacity("Note", "findById", "read")).isGreaterThan(0);
		assertThat(capacity("Note", "query.stream", "read")).isGreaterThan(0);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.CAPACITY).tags("operation", "create", "kind", "read")
			.counter()).isNull();
		assertThat(dynamo.requests().sent(GetItemRequest.class))
			.allSatisfy((request) -> assertThat(request.returnConsumedCapacity()).isEqualTo(ReturnConsumedCapacity.TOTAL));
	}

	@Test
	void requestsSentSideBySideOnHelperThreadsCountForTheirOperation() {
		// 6 BatchWriteItem and 2 BatchGetItem requests, some sent from the template's helper threads
		assertCountedForTheirOperations(130);
	}

	@Test
	void withMetricsAloneRequestsStillCountForTheirOperationOnEveryThread() {
		this.template.setObservationRegistry(null);
		assertCountedForTheirOperations(60);
	}

	@Test
	void requestsCountForTheirOperationWhenTheRegistryLeavesTheObservationsOut() {
		ObservationRegistry filtered = ObservationRegistry.create();
		filtered.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		filtered.observationConfig().observationPredicate((name, context) -> false);
		this.template.setObservationRegistry(filtered);
		assertCountedForTheirOperations(60);
		assertThat(this.meters.find("singletable.operation").timer()).isNull();
	}

	@Test
	void requestsOnHelperThreadsCountForTheirOperationWhenTheRegistryLeavesItOutInsideAnApplicationObservation() {
		// the application's observation is in scope, the operation only in the template's own scopes
		ObservationRegistry filtered = ObservationRegistry.create();
		filtered.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		filtered.observationConfig().observationPredicate((name, context) -> !name.startsWith("singletable"));
		this.template.setObservationRegistry(filtered);
		Observation.createNotStarted("application.work", filtered).observe(() -> assertCountedForTheirOperations(60));
		assertThat(this.meters.find("singletable.operation").timer()).isNull();
		assertThat(this.meters.find("application.work").timer()).isNotNull();
	}

	@Test
	void requestsOfAnOperationCountForItInsideAnApplicationObservation() {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(this.meters));
		this.template.setObservationRegistry(observations);
		Note note = Observation.createNotStarted("application.work", observations)
			.observe(() -> this.template.create(Note.of("inside")));
		assertThat(capacity("Note", "create", "write")).isGreaterThan(0);
		assertThat(timer("Note", "create", "table").count()).isEqualTo(1);
		assertThat(this.template.findById(Note.class, note.id())).isPresent();
	}

	private void assertCountedForTheirOperations(int count) {
		this.template.setMaxConcurrentRequests(4);
		List<Task> tasks = new java.util.ArrayList<>();
		for (int i = 0; i < count; i++) {
			tasks.add(Task.of("counted " + i, Status.OPEN, "ann", null, 1));
		}
		List<String> ids = this.template.putAll(tasks).stream().map(Task::id).toList();
		assertThat(this.template.findAllById(Task.class, ids)).hasSize(count);
		this.template.findById(Task.class, ids.get(0));

		assertThat(capacity("Task", "putAll", "write")).isGreaterThanOrEqualTo(count);
		assertThat(capacity("Task", "findAllById", "read")).isGreaterThan(0);
		assertThat(capacity("Task", "findById", "read")).isGreaterThan(0);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.CAPACITY).tag("operation", "unknown").counter())
			.isNull();
	}

	@Test
	void aVersionConflictIsCountedAndTheTimerCarriesTheError() {
		Note note = this.template.create(Note.of("conflict"));
		this.template.update(note.withTitle("first"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(note.withTitle("stale")));

		Counter conflicts = this.meters.find(MicrometerSingleTableMetrics.CONFLICTS)
			.tags("type", "Note", "operation", "update", "reason", "ConditionalCheckFailed")
			.counter();
		assertThat(conflicts).isNotNull();
		assertThat(conflicts.count()).isGreaterThanOrEqualTo(1);
		assertThat(this.meters.find("singletable.operation").tags("operation", "update", "error",
				"VersionConflictException").timer()).isNotNull();
	}

	@Test
	void aCancelledTransactionIsOneConflictHoweverManyOfItsConditionsFailed() {
		Note one = this.template.create(Note.of("one"));
		Note two = this.template.create(Note.of("two"));
		Note three = this.template.create(Note.of("three"));
		Task task = this.template.create(Task.of("t", Status.OPEN, "ann", null, 1));

		// five operations, three of whose conditions fail
		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.requireVersion(one, 5);
				tx.requireVersion(two, 6);
				tx.requireAbsent(Note.class, three.id());
				tx.requireExists(Task.class, task.id());
				tx.create(Note.of("four"));
			}))
			.satisfies((ex) -> assertThat(ex.getFailures()).hasSize(3));

		assertThat(this.meters.find(MicrometerSingleTableMetrics.CONFLICTS).counters())
			.singleElement()
			.satisfies((counter) -> {
				assertThat(counter.count()).isEqualTo(1);
				assertThat(counter.getId().getTag("reason")).isEqualTo("ConditionalCheckFailed");
				assertThat(counter.getId().getTag("operation")).isEqualTo("commit");
				assertThat(counter.getId().getDescription()).contains("conflicting writes");
			});
	}

	@Test
	void aTransientCancellationRetriedIsCounted() {
		Note note = this.template.create(Note.of("retried"));
		dynamo.faults().failNext("TransactWriteItems", 2, () -> FaultInjector.cancelled("TransactionConflict"));

		this.template.update(note.withTitle("after conflicts"));

		Counter retries = this.meters.find(MicrometerSingleTableMetrics.RETRIES)
			.tags("type", "Note", "operation", "update", "reason", "TransactionConflict")
			.counter();
		assertThat(retries).isNotNull();
		assertThat(retries.count()).isEqualTo(2);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.CONFLICTS).tags("reason", "TransactionConflict")
			.counter()).isNotNull();
	}

	@Test
	void unprocessedBatchKeysAreCountedAndRetried() {
		Note note = this.template.create(Note.of("batch"));
		dynamo.faults().rewriteNext(software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse.class,
				(response) -> response.toBuilder()
					.responses(Map.of())
					.unprocessedKeys(Map.of(dynamo.tableName(),
							dynamo.requests().sent(BatchGetItemRequest.class).get(0).requestItems().get(dynamo.tableName())))
					.build());
		dynamo.requests().reset();

		assertThat(this.template.findAllById(Note.class, List.of(note.id()))).hasSize(1);

		assertThat(this.meters.find(MicrometerSingleTableMetrics.UNPROCESSED).tags("type", "Note", "operation",
				"findAllById").counter().count()).isEqualTo(1);
		assertThat(this.meters.find(MicrometerSingleTableMetrics.RETRIES).tags("operation", "findAllById", "reason",
				"unprocessed").counter().count()).isEqualTo(1);
	}

	@Test
	void aCustomConventionRenamesAndRetags() {
		this.template.setObservationConvention(new DefaultSingleTableObservationConvention() {

			@Override
			public String getName() {
				return "store.calls";
			}

			@Override
			public KeyValues getLowCardinalityKeyValues(SingleTableObservationContext context) {
				return KeyValues.of("op", context.getOperation());
			}

		});

		this.template.create(Note.of("custom"));

		assertThat(this.meters.find("store.calls").tags("op", "create").timer()).isNotNull();
		assertThat(this.meters.find("singletable.operation").timer()).isNull();
	}

	@Test
	void withoutObservationsOrMetricsNothingIsRecordedAndNoCapacityIsAskedFor() {
		SingleTableTemplate plain = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		SimpleMeterRegistry unused = new SimpleMeterRegistry();
		ObservationRegistry noop = ObservationRegistry.NOOP;
		plain.setObservationRegistry(noop);
		this.template.setMetrics(null);
		this.template.setObservationRegistry(null);
		dynamo.requests().reset();

		Note note = plain.create(Note.of("quiet"));
		note = plain.update(note.withTitle("quiet again"));
		plain.findById(Note.class, note.id());
		plain.findAllById(Note.class, List.of(note.id()));
		Task task = this.template.create(Task.of("quiet", Status.OPEN, "ann", null, 1));
		this.template.findById(Task.class, task.id());

		assertThat(this.meters.getMeters()).isEmpty();
		assertThat(unused.getMeters()).isEmpty();
		List<SdkRequest> sent = new java.util.ArrayList<>();
		sent.addAll(dynamo.requests().sent(PutItemRequest.class));
		sent.addAll(dynamo.requests().sent(GetItemRequest.class));
		sent.addAll(dynamo.requests().sent(BatchGetItemRequest.class));
		sent.addAll(dynamo.requests().sent(TransactWriteItemsRequest.class));
		assertThat(sent).hasSizeGreaterThanOrEqualTo(5);
		assertThat(sent).allSatisfy((request) -> assertThat(request.getValueForField("ReturnConsumedCapacity",
				Object.class)).isEmpty());
	}

	private Timer timer(String type, String operation, String index) {
		Timer timer = this.meters.find("singletable.operation")
			.tags("type", type, "operation", operation, "index", index)
			.timer();
		assertThat(timer).as("timer of %s %s on %s in %s", operation, type, index, this.meters.getMetersAsString())
			.isNotNull();
		return timer;
	}

	private double capacity(String type, String operation, String kind) {
		Counter counter = this.meters.find(MicrometerSingleTableMetrics.CAPACITY)
			.tags("type", type, "operation", operation, "kind", kind)
			.counter();
		assertThat(counter).as("capacity of %s %s (%s) in %s", operation, type, kind, this.meters.getMetersAsString())
			.isNotNull();
		return counter.count();
	}

}
