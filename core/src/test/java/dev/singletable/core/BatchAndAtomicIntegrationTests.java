package dev.singletable.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BatchAndAtomicIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void batchGetReturnsEveryExistingIdOnceInRequestOrderDespiteUnprocessedKeys() {
		List<Task> stored = this.template.putAll(tasks(150));
		List<String> ids = new ArrayList<>(stored.stream().map(Task::id).toList());
		Collections.reverse(ids);
		List<String> asked = new ArrayList<>(ids);
		asked.add(2, "missing-1");
		asked.add(ids.get(5));
		dynamo.faults().rewriteNext(BatchGetItemResponse.class, (response) -> withHalfUnprocessed(response));
		dynamo.faults().rewriteNext(BatchGetItemResponse.class, (response) -> withHalfUnprocessed(response));
		dynamo.requests().reset();

		List<Task> found = this.template.findAllById(Task.class, asked);

		assertThat(found).extracting(Task::id).containsExactlyElementsOf(ids);
		assertThat(dynamo.faults().injected()).isEqualTo(2);
		assertThat(dynamo.requests().count("BatchGetItem")).isEqualTo(4);
	}

	@Test
	void batchGetReadsVersionedLatestState() {
		Note note = this.template.update(this.template.create(Note.of("one")).withTitle("two"));

		assertThat(this.template.findAllById(Note.class, List.of(note.id(), "nope"))).containsExactly(note);
	}

	@Test
	void batchWritesAndDeletesLoseNothingWhenItemsComeBackUnprocessed() {
		UnprocessedWrites dropper = new UnprocessedWrites(3);
		SingleTableTemplate template = new SingleTableTemplate(DynamoDbLocal.newClient(dropper), dynamo.tableName());

		List<Task> stored = template.putAll(tasks(60));

		assertThat(dropper.dropped).isPositive();
		assertThat(this.template.query(Task.class).all()).hasSameElementsAs(stored);

		dropper.remaining = 2;
		template.deleteAllById(Task.class, stored.stream().limit(40).map(Task::id).toList());
		assertThat(this.template.query(Task.class).all()).containsExactlyInAnyOrderElementsOf(stored.subList(40, 60));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.putAll(List.of(Note.of("v"))))
			.withMessageContaining("versioned");
	}

	/**
	 * Keeps half of the writes of the next batches from the server and reports them as unprocessed, as
	 * DynamoDB does under load.
	 */
	static final class UnprocessedWrites implements ExecutionInterceptor {

		volatile int remaining;

		volatile int dropped;

		private final ThreadLocal<List<WriteRequest>> held = new ThreadLocal<>();

		UnprocessedWrites(int batches) {
			this.remaining = batches;
		}

		@Override
		public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
			this.held.remove();
			if (context.request() instanceof BatchWriteItemRequest request && this.remaining > 0) {
				this.remaining--;
				Map.Entry<String, List<WriteRequest>> table = request.requestItems().entrySet().iterator().next();
				List<WriteRequest> writes = table.getValue();
				int keep = writes.size() / 2;
				this.held.set(List.copyOf(writes.subList(keep, writes.size())));
				this.dropped += writes.size() - keep;
				return request.toBuilder().requestItems(Map.of(table.getKey(), writes.subList(0, keep))).build();
			}
			return context.request();
		}

		@Override
		public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
			List<WriteRequest> held = this.held.get();
			if (held != null && context.response() instanceof BatchWriteItemResponse response) {
				this.held.remove();
				return response.toBuilder().unprocessedItems(Map.of(dynamo.tableName(), held)).build();
			}
			return context.response();
		}

	}

	@Test
	void countersAreExactUnderConcurrentIncrements() throws Exception {
		Task task = this.template.create(Task.of("counter", Status.OPEN, null, null, 1));
		ExecutorService pool = Executors.newFixedThreadPool(8);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				futures.add(pool.submit(() -> {
					for (int i = 0; i < 100; i++) {
						this.template.increment(Task.class, task.id(), "views", 1);
						this.template.increment(Task.class, task.id(), "counts.clicks", 2);
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}

		Task read = this.template.getById(Task.class, task.id());
		assertThat(read.views()).isEqualTo(800);
		assertThat(read.counts()).containsEntry("clicks", 1600L);
		assertThat(this.template.increment(Task.class, task.id(), "views", -1)).isEqualTo(799);
		assertThat(read.updatedAt()).isAfter(task.updatedAt());
	}

	@Test
	void setAndListChangesAreAtomicAndBumpTheModificationTime() {
		Task task = this.template.create(Task.of("sets", Status.OPEN, null, null, 1));

		this.template.addToSet(Task.class, task.id(), "tags", "a", "b");
		this.template.addToSet(Task.class, task.id(), "tags", "b", "c");
		this.template.removeFromSet(Task.class, task.id(), "tags", "a");
		this.template.appendToList(Task.class, task.id(), "log", "one");
		this.template.appendToList(Task.class, task.id(), "log", "two", "three");

		Task read = this.template.getById(Task.class, task.id());
		assertThat(read.tags()).containsExactlyInAnyOrder("b", "c");
		assertThat(read.log()).containsExactly("one", "two", "three");
		assertThat(read.updatedAt()).isAfter(task.updatedAt());
		Map<String, AttributeValue> item = dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("Task#" + task.id()), "sk", AttributeValue.fromS("Task#" + task.id()))))
			.item();
		assertThat(item.get("gsitypesk").s()).isEqualTo(item.get("updated_at").s());
		this.template.removeFromSet(Task.class, task.id(), "tags", "b", "c");
		assertThat(this.template.getById(Task.class, task.id()).tags()).isEmpty();
	}

	@Test
	void atomicChangesWorkOnPropertiesStoredAsNull() {
		Task task = this.template.create(new Task(null, null, null, "nulls", Status.OPEN, null, null, 1, 0, null, null,
				null));

		this.template.addToSet(Task.class, task.id(), "tags", "x");
		this.template.appendToList(Task.class, task.id(), "log", "first");
		assertThat(this.template.increment(Task.class, task.id(), "counts.hits", 3)).isEqualTo(3);

		Task read = this.template.getById(Task.class, task.id());
		assertThat(read.tags()).containsExactly("x");
		assertThat(read.log()).containsExactly("first");
		assertThat(read.counts()).containsEntry("hits", 3L);
	}

	@Test
	void atomicChangesNeedAnExistingPlainResourceAndAFittingProperty() {
		Task task = this.template.create(Task.of("x", Status.OPEN, null, null, 1));
		Note note = this.template.create(Note.of("n"));

		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> this.template.increment(Task.class, "missing", "views", 1));
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.increment(Task.class, task.id(), "title", 1))
			.withMessageContaining("not a number");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.increment(Note.class, note.id(), "priority", 1))
			.withMessageContaining("versioned");
		assertThatIllegalArgumentException().isThrownBy(() -> this.template.addToSet(Task.class, task.id(), "log", "a"))
			.withMessageContaining("not a Set");
		assertThat(this.template.findById(Task.class, "missing")).isEmpty();
	}

	private static BatchGetItemResponse withHalfUnprocessed(BatchGetItemResponse response) {
		Map.Entry<String, List<Map<String, AttributeValue>>> table = response.responses().entrySet().iterator().next();
		List<Map<String, AttributeValue>> items = table.getValue();
		List<Map<String, AttributeValue>> kept = items.subList(0, items.size() / 2);
		List<Map<String, AttributeValue>> unprocessed = items.subList(items.size() / 2, items.size())
			.stream()
			.map((item) -> Map.of("pk", item.get("pk"), "sk", item.get("sk")))
			.toList();
		return response.toBuilder()
			.responses(Map.of(table.getKey(), kept))
			.unprocessedKeys(Map.of(table.getKey(), KeysAndAttributes.builder().keys(unprocessed).build()))
			.build();
	}

	private static List<Task> tasks(int count) {
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tasks.add(Task.of("t" + i, Status.OPEN, null, null, 1));
		}
		return tasks;
	}

}
