package dev.singletable.core.reactive;

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
import dev.singletable.core.reactive.TransactionBehaviourSuite.Stock;
import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A reactive write can never be silently wrapped by a blocking singletable transaction, which it could not join:
 * called or subscribed on a thread to which a {@link SingleTableTransactionManager} bound a transaction, it fails
 * with an {@link IllegalTransactionStateException} as its error signal and sends nothing — the table is read to
 * prove it. Outside the blocking transaction the same writes are sent as usual.
 */
class ReactiveWritesInBlockingTransactionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final RequestCounter requests = new RequestCounter();

	private static DynamoDbAsyncClient client;

	private SingleTableTemplate blocking;

	private ReactiveSingleTableTemplate reactive;

	private TransactionTemplate blockingTransaction;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient(requests);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@BeforeEach
	void templates() {
		this.blocking = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.reactive = new ReactiveSingleTableTemplate(client, dynamo.tableName(), this.blocking.getConverter());
		this.blockingTransaction = new TransactionTemplate(
				new SingleTableTransactionManager(this.blocking.getDatabaseFactory()));
		requests.reset();
	}

	@Test
	void aReactiveWriteCalledInsideABlockingTransactionSignalsAnErrorAndSendsNothing() {
		// as Spring's TransactionInterceptor runs a blocking manager around a method returning Mono: the method is
		// called inside the transaction, which commits before the returned Mono is subscribed
		Mono<Stock> returned = this.blockingTransaction.execute((status) -> {
			this.blocking.create(new Stock("blocking-1", 1));
			return this.reactive.save(new Stock("reactive-1", 1)).then(Mono.error(new IllegalStateException("fail")));
		});

		assertThatExceptionOfType(IllegalTransactionStateException.class).isThrownBy(returned::block)
			.withMessageContaining("The reactive save(Stock) was called inside a blocking singletable transaction")
			.withMessageContaining("of table '" + dynamo.tableName() + "'")
			.withMessageContaining("@ReactiveSingleTableTransactional");
		assertThat(requests.operations()).isEmpty();
		// the blocking write committed with its transaction; the reactive one was never sent
		assertThat(storedPartitions()).containsExactly("Stock#blocking-1");
	}

	@Test
	void everyKindOfReactiveWriteIsRefusedInsideABlockingTransaction() {
		this.reactive.create(new Stock("existing", 1)).block();
		Stock existing = this.reactive.getById(Stock.class, "existing").block();
		requests.reset();
		List<Function<ReactiveSingleTableTemplate, Publisher<?>>> writes = List.of(
				(template) -> template.create(new Stock("new", 1)),
				(template) -> template.update(new Stock("existing", 2)),
				(template) -> template.save(new Stock("new", 1)), (template) -> template.delete(existing),
				(template) -> template.deleteExisting(existing),
				(template) -> template.deleteById(Stock.class, "existing"),
				(template) -> template.deleteAllById(Stock.class, List.of("existing")),
				(template) -> template.putAll(List.of(new Stock("new", 1))),
				(template) -> template.increment(Stock.class, "existing", "count", 1),
				(template) -> template.transaction((tx) -> tx.create(new Stock("new", 1))));

		for (Function<ReactiveSingleTableTemplate, Publisher<?>> write : writes) {
			Publisher<?> publisher = this.blockingTransaction.execute((status) -> write.apply(this.reactive));
			assertThatExceptionOfType(IllegalTransactionStateException.class)
				.isThrownBy(() -> Flux.from(publisher).blockLast());
		}

		assertThat(requests.operations()).isEmpty();
		assertThat(storedPartitions()).containsExactly("Stock#existing");
		assertThat(this.reactive.getById(Stock.class, "existing").block()).isEqualTo(existing);
	}

	@Test
	void aReactiveWriteSubscribedInsideABlockingTransactionIsRefusedAndTheTransactionRollsBack() {
		Mono<Stock> assembledOutside = this.reactive.create(new Stock("reactive-2", 2));

		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> this.blockingTransaction.executeWithoutResult((status) -> {
				this.blocking.create(new Stock("blocking-2", 2));
				assembledOutside.block();
			}))
			.withMessageContaining("The reactive create(Stock) was called inside a blocking singletable transaction");

		assertThat(requests.operations()).isEmpty();
		assertThat(storedPartitions()).isEmpty();
	}

	@Test
	void outsideTheBlockingTransactionTheSameWritesAreSent() {
		Mono<Stock> assembledOutside = this.reactive.create(new Stock("after-1", 1));
		this.blockingTransaction.executeWithoutResult((status) -> this.blocking.create(new Stock("before", 0)));

		assembledOutside.block();
		this.reactive.create(new Stock("after-2", 2)).block();

		assertThat(storedPartitions()).containsExactlyInAnyOrder("Stock#before", "Stock#after-1", "Stock#after-2");
	}

	/** The partition keys of every item of the table, read as stored. */
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
