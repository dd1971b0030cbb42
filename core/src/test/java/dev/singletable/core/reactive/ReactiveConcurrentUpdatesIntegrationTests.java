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

import dev.singletable.core.VersionConflictException;
import dev.singletable.core.fixtures.Note;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.DynamoDbLocalExtension;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two reactive updates of the same version at once: exactly one wins, the other fails with
 * {@link VersionConflictException}, and the history holds the winner's version only. The interleaving is forced:
 * an interceptor in front of the real server holds each update's {@code TransactWriteItems} until both were
 * built and are about to be sent, so both are planned on version 1 before either is written.
 */
class ReactiveConcurrentUpdatesIntegrationTests {

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
	void twoUpdatesOfOneVersionOneWinsTheOtherConflicts() throws InterruptedException {
		ReactiveSingleTableTemplate template = new ReactiveSingleTableTemplate(client, dynamo.tableName());
		Note v1 = template.create(Note.of("v1")).block();
		barrier.arm(2);
		List<Object> outcomes = Collections.synchronizedList(new ArrayList<>());
		CountDownLatch done = new CountDownLatch(2);
		for (String title : List.of("left", "right")) {
			// each subscriber on its own thread: the barrier holds the thread that sends the request
			template.update(v1.withTitle(title))
				.map(Object.class::cast)
				.onErrorResume((ex) -> Mono.just(ex))
				.subscribeOn(Schedulers.boundedElastic())
				.subscribe((outcome) -> {
					outcomes.add(outcome);
					done.countDown();
				});
		}

		assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
		assertThat(barrier.held()).isEqualTo(2);
		assertThat(outcomes).hasSize(2);
		List<Note> won = outcomes.stream().filter(Note.class::isInstance).map(Note.class::cast).toList();
		assertThat(won).singleElement().satisfies((note) -> assertThat(note.version()).isEqualTo(2L));
		assertThat(outcomes).filteredOn(VersionConflictException.class::isInstance).hasSize(1);
		Note stored = template.getById(Note.class, v1.id()).block(Duration.ofSeconds(10));
		assertThat(stored).isEqualTo(won.get(0));
		assertThat(dynamo.sortKeys("Note#" + v1.id())).containsExactly("v0", "v1", "v2");
	}

}
