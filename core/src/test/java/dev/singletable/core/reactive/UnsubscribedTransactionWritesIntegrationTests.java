package dev.singletable.core.reactive;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.UnsubscribedWriteException;
import dev.singletable.core.reactive.TransactionBehaviourSuite.Stock;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.RequestCounter;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * No write a transaction handed out is dropped in silence: a reactive write of the transaction's handle, or of the
 * template while the transaction's callback runs, that was never subscribed when the work completed fails the
 * transaction with {@link UnsubscribedWriteException} naming it, and nothing is stored; one subscribed after the
 * transaction is refused the same way. The blocking handle writes at the call, so its results can be ignored.
 */
class UnsubscribedTransactionWritesIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final RequestCounter requests = new RequestCounter();

	private static DynamoDbAsyncClient client;

	private SingleTableTemplate blocking;

	private ReactiveSingleTableTemplate template;

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
		this.template = new ReactiveSingleTableTemplate(client, dynamo.tableName(), this.blocking.getConverter());
		requests.reset();
	}

	@Test
	void aWriteOfTheHandleNeverSubscribedFailsTheTransactionNamingItAndNothingIsStored() {
		Mono<Void> transaction = this.template.transaction((tx) -> {
			tx.create(new Stock("forgotten", 1));
			tx.increment(Stock.class, "counter", "count", 1);
			return tx.create(new Stock("returned", 2));
		});

		assertThatExceptionOfType(UnsubscribedWriteException.class).isThrownBy(transaction::block)
			.withMessageContaining("create of Stock 'forgotten', increment of Stock 'counter'")
			.satisfies((ex) -> assertThat(ex.getWrites()).containsExactly("create of Stock 'forgotten'",
					"increment of Stock 'counter'"));
		assertThat(requests.operations()).isEmpty();
		assertThat(this.template.findById(Stock.class, "forgotten").block()).isNull();
		assertThat(this.template.findById(Stock.class, "returned").block()).isNull();
	}

	@Test
	void aWriteOfTheTemplateMadeInsideTheTransactionAndNeverSubscribedFailsIt() {
		Mono<Void> transaction = this.template.transaction((tx) -> {
			this.template.save(new Stock("forgotten-save", 1));
			return tx.create(new Stock("created", 2));
		});

		assertThatExceptionOfType(UnsubscribedWriteException.class).isThrownBy(transaction::block)
			.satisfies((ex) -> assertThat(ex.getWrites()).containsExactly("save of Stock 'forgotten-save'"));
		assertThat(requests.operations()).isEmpty();
		assertThat(this.template.findById(Stock.class, "created").block()).isNull();
		assertThat(this.template.findById(Stock.class, "forgotten-save").block()).isNull();
	}

	@Test
	void aForgottenWriteSubscribedAfterTheTransactionIsRefusedAndSendsNothing() {
		AtomicReference<Mono<Stock>> kept = new AtomicReference<>();
		Mono<Void> transaction = this.template.transaction((tx) -> {
			kept.set(this.template.create(new Stock("late", 1)));
			return tx.create(new Stock("first", 1));
		});
		assertThatExceptionOfType(UnsubscribedWriteException.class).isThrownBy(transaction::block);

		assertThatExceptionOfType(UnsubscribedWriteException.class).isThrownBy(() -> kept.get().block())
			.withMessageContaining("create of Stock 'late' was subscribed to after its transaction")
			.satisfies((ex) -> assertThat(ex.getWrites()).containsExactly("create of Stock 'late'"));
		assertThat(requests.operations()).isEmpty();
		assertThat(this.template.findById(Stock.class, "late").block()).isNull();
	}

	@Test
	void aWriteOfTheHandleSubscribedAfterTheCommitIsRefused() {
		AtomicReference<ReactiveSingleTableTransaction> handle = new AtomicReference<>();
		this.template.transaction((tx) -> {
			handle.set(tx);
			return tx.create(new Stock("committed", 1));
		}).block();
		requests.reset();

		assertThatExceptionOfType(UnsubscribedWriteException.class)
			.isThrownBy(() -> handle.get().create(new Stock("after-commit", 1)).block())
			.withMessageContaining("create of Stock 'after-commit' was subscribed to after its transaction was "
					+ "committed");
		assertThat(requests.operations()).isEmpty();
		assertThat(this.template.findById(Stock.class, "committed").block()).isNotNull();
		assertThat(this.template.findById(Stock.class, "after-commit").block()).isNull();
	}

	@Test
	void everyWriteComposedIntoTheWorkCommitsTogether() {
		this.template.transaction((tx) -> {
			Mono<Stock> outside = this.template.create(new Stock("template", 1));
			return Mono.when(tx.create(new Stock("handle", 1)), outside);
		}).block();

		assertThat(requests.operations()).containsExactly("TransactWriteItems");
		assertThat(this.template.findById(Stock.class, "handle").block()).isNotNull();
		assertThat(this.template.findById(Stock.class, "template").block()).isNotNull();
	}

	@Test
	void theBlockingHandleWritesAtTheCallSoAnIgnoredResultIsStillWritten() {
		this.blocking.transaction((tx) -> {
			tx.create(new Stock("ignored-1", 1));
			tx.create(new Stock("ignored-2", 2));
		});

		assertThat(List.of("ignored-1", "ignored-2"))
			.allSatisfy((id) -> assertThat(this.blocking.findById(Stock.class, id)).isNotNull());
	}

}
