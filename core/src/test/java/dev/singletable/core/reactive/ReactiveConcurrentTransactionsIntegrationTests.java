package dev.singletable.core.reactive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.reactive.TransactionBehaviourSuite.Stock;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two reactive transactions that update the same version of a resource, each with a write of its own: exactly one
 * commits, the other is cancelled as a whole with a {@link TransactionCancelledException} naming the resource, and
 * its own write is not stored. The interleaving is forced: an interceptor in front of the real server holds each
 * transaction's {@code TransactWriteItems} until both were planned on the version read and are about to be sent.
 */
class ReactiveConcurrentTransactionsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private static final TransactWriteBarrier barrier = new TransactWriteBarrier();

	private static DynamoDbAsyncClient client;

	@BeforeAll
	static void startClient() {
		client = DynamoDbLocal.newAsyncClient(barrier);
	}

	@AfterAll
	static void closeClient() {
		client.close();
	}

	@Test
	void twoTransactionsUpdatingOneVersionOneCommitsTheOtherIsCancelledWhole() throws InterruptedException {
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		Document v1 = template.create(Document.of("v1")).block();
		barrier.arm(2);
		List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch done = new CountDownLatch(2);
		for (String side : List.of("left", "right")) {
			// each transaction subscribed on its own thread: the barrier holds the thread that sends its commit
			template.transaction((tx) -> tx.update(v1.withText(side)).then(tx.create(new Stock(side, 1))))
				.thenReturn((Object) side)
				.onErrorResume((ex) -> Mono.just(ex))
				.subscribeOn(Schedulers.boundedElastic())
				.subscribe((outcome) -> {
					outcomes.add(outcome);
					done.countDown();
				});
		}

		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(barrier.held()).isEqualTo(2);
		List<String> committed = outcomes.stream().filter(String.class::isInstance).map(String.class::cast).toList();
		assertThat(committed).hasSize(1);
		assertThat(outcomes).filteredOn(TransactionCancelledException.class::isInstance)
			.singleElement()
			.satisfies((ex) -> assertThat(((TransactionCancelledException) ex).getFailures()).singleElement()
				.satisfies((failure) -> {
					assertThat(failure.operation()).isEqualTo("update");
					assertThat(failure.id()).isEqualTo(v1.id());
					assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT);
				}));
		String winner = committed.get(0);
		String loser = winner.equals("left") ? "right" : "left";
		Document stored = template.getById(Document.class, v1.id()).block(Duration.ofSeconds(10));
		assertThat(stored.text()).isEqualTo(winner);
		assertThat(stored.version()).isEqualTo(2);
		assertThat(template.findById(Stock.class, winner).block(Duration.ofSeconds(10))).isNotNull();
		assertThat(template.findById(Stock.class, loser).block(Duration.ofSeconds(10))).isNull();
	}

}
