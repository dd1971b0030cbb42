package dev.singletable.repository.reactive;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.reactivestreams.Publisher;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingleTableTransactionManager;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.reactive.AsyncClients;
import dev.singletable.core.reactive.ReactiveSingleTableTemplate;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactory;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A reactive repository's writes, those that write one by one as they are subscribed ({@code saveAll},
 * {@code deleteAll}, a derived delete) included, are refused when called inside a blocking singletable transaction,
 * which they could never join: an {@link IllegalTransactionStateException} error signal, nothing sent, the table
 * unchanged.
 */
class ReactiveRepositoryWritesInBlockingTransactionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final RequestCounter requests = new RequestCounter();

	private static DynamoDbAsyncClient client;

	private Tasks tasks;

	private TransactionTemplate blockingTransaction;

	/** A reactive repository of tasks. */
	interface Tasks extends ReactiveSingleTableRepository<Task> {

		Flux<Task> deleteByStatus(Status status);

	}

	@BeforeAll
	static void startClient() {
		client = AsyncClients.newAsyncClient(requests);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void repository() {
		SingleTableTemplate blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		ReactiveSingleTableTemplate reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName(),
				blocking.getConverter());
		this.tasks = new ReactiveSingleTableRepositoryFactory(reactive).getRepository(Tasks.class);
		this.blockingTransaction = new TransactionTemplate(
				new SingleTableTransactionManager(blocking.getDatabaseFactory()));
	}

	@Test
	void everyRepositoryWriteCalledInsideABlockingTransactionIsRefusedAndSendsNothing() {
		Task stored = this.tasks.save(task("stored")).block();
		requests.reset();
		List<Function<Tasks, Publisher<?>>> writes = List.of((repository) -> repository.save(task("new")),
				(repository) -> repository.saveAll(List.of(task("a"), task("b"))),
				(repository) -> repository.saveAll(Flux.just(task("c"))),
				(repository) -> repository.insert(task("d")), (repository) -> repository.deleteById(stored.id()),
				(repository) -> repository.deleteById(Mono.just(stored.id())),
				(repository) -> repository.delete(stored),
				(repository) -> repository.deleteAllById(List.of(stored.id())),
				(repository) -> repository.deleteAll(List.of(stored)),
				(repository) -> repository.deleteAll(Flux.just(stored)), Tasks::deleteAll,
				(repository) -> repository.deleteByStatus(Status.OPEN));

		for (int i = 0; i < writes.size(); i++) {
			Function<Tasks, Publisher<?>> write = writes.get(i);
			Publisher<?> publisher = this.blockingTransaction.execute((status) -> write.apply(this.tasks));
			assertThatExceptionOfType(IllegalTransactionStateException.class).as("write %d", i)
				.isThrownBy(() -> Flux.from(publisher).blockLast())
				.withMessageContaining("inside a blocking singletable transaction");
		}

		assertThat(requests.operations()).isEmpty();
		assertThat(storedPartitions()).containsExactly("Task#" + stored.id());
		// outside it the same writes are sent
		this.tasks.deleteByStatus(Status.OPEN).blockLast();
		assertThat(storedPartitions()).isEmpty();
	}

	private static Task task(String title) {
		return Task.of(title, Status.OPEN, "ann", LocalDate.of(2025, 1, 1), 1);
	}

	private static List<String> storedPartitions() {
		return dynamo.client()
			.scanPaginator((request) -> request.tableName(dynamo.tableName()).consistentRead(true))
			.items()
			.stream()
			.map((Map<String, AttributeValue> item) -> item.get(ItemAttributes.PK).s())
			.distinct()
			.toList();
	}

}
