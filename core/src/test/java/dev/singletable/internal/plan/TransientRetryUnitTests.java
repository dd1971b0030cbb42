package dev.singletable.internal.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Get;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The retry of transactions cancelled for a transient reason, driven by hand with scripted answers: which requests
 * the plan sends, with which token, how often, and what its continuation is given. No server.
 */
class TransientRetryUnitTests {

	private static final List<TransactWriteItem> ITEMS = List.of(item("a"), item("b"));

	@Test
	void aTransactionCancelledForATransientReasonIsSentAgainWithTheSameTokenAfterABackoff() {
		AtomicInteger transactions = new AtomicInteger();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Transact) {
				return (transactions.incrementAndGet() < 3) ? Answer.failed(cancelled("None", "TransactionConflict"))
						: Answer.of(null);
			}
			return Answer.of(null);
		});

		String result = driver.run(TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome));

		assertThat(result).isEqualTo("written");
		assertThat(driver.sent()).extracting((request) -> request.getClass().getSimpleName())
			.containsExactly("Transact", "Backoff", "Transact", "Backoff", "Transact");
		List<Request.Transact> sent = driver.sent(Request.Transact.class);
		assertThat(sent.get(0).items()).isEqualTo(ITEMS);
		assertThat(sent.get(0).clientRequestToken()).isNotBlank();
		assertThat(sent).containsOnly(sent.get(0));
		assertThat(driver.sent(Request.Backoff.class)).containsExactly(new Request.Backoff(1, "TransactionConflict"),
				new Request.Backoff(2, "TransactionConflict"));
	}

	@Test
	void aTransactionStillCancelledAfterTheLastAttemptHandsItsLastFailureOn() {
		List<TransactionCanceledException> failures = new ArrayList<>();
		ScriptedDriver driver = new ScriptedDriver((request) -> {
			if (request instanceof Request.Transact) {
				TransactionCanceledException throttled = cancelled("ThrottlingError", "None");
				failures.add(throttled);
				return Answer.failed(throttled);
			}
			return Answer.of(null);
		});

		assertThatExceptionOfType(TransactionCanceledException.class)
			.isThrownBy(() -> driver.run(TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome)))
			.isSameAs(failures.get(failures.size() - 1));

		List<Request.Transact> sent = driver.sent(Request.Transact.class);
		assertThat(sent).hasSize(TransientRetry.MAX_ATTEMPTS).containsOnly(sent.get(0));
		assertThat(driver.sent(Request.Backoff.class)).extracting(Request.Backoff::attempt)
			.containsExactlyElementsOf(IntStream.range(1, TransientRetry.MAX_ATTEMPTS).boxed().toList());
		assertThat(driver.sent(Request.Backoff.class)).extracting(Request.Backoff::reason)
			.containsOnly("ThrottlingError");
	}

	@Test
	void aTransactionCancelledByAFailedConditionIsNotSentAgain() {
		// a conflict beside a failed condition: sending it again would fail the same condition
		TransactionCanceledException failed = cancelled("ConditionalCheckFailed", "TransactionConflict");
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.failed(failed));

		assertThatExceptionOfType(TransactionCanceledException.class)
			.isThrownBy(() -> driver.run(TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome)))
			.isSameAs(failed);
		assertThat(driver.sent()).singleElement().isInstanceOf(Request.Transact.class);
	}

	@Test
	void aCancellationWithoutReasonsOrAnotherFailureIsNotSentAgain() {
		TransactionCanceledException unexplained = TransactionCanceledException.builder().message("cancelled").build();
		ScriptedDriver cancelledDriver = new ScriptedDriver((request) -> Answer.failed(unexplained));
		assertThatExceptionOfType(TransactionCanceledException.class)
			.isThrownBy(() -> cancelledDriver.run(TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome)))
			.isSameAs(unexplained);
		assertThat(cancelledDriver.sent()).hasSize(1);

		TransientDataAccessResourceException throttled = new TransientDataAccessResourceException("throttled");
		ScriptedDriver failingDriver = new ScriptedDriver((request) -> Answer.failed(throttled));
		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> failingDriver.run(TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome)))
			.isSameAs(throttled);
		assertThat(failingDriver.sent()).hasSize(1);
	}

	@Test
	void theBackoffNamesTheFirstTransientReason() {
		TransactionCanceledException cancelled = cancelled("None", "ThrottlingError", "TransactionConflict");
		AtomicInteger transactions = new AtomicInteger();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Transact
				&& transactions.incrementAndGet() == 1) ? Answer.failed(cancelled) : Answer.of(null));

		driver.run(TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome));

		assertThat(driver.sent(Request.Backoff.class)).containsExactly(new Request.Backoff(1, "ThrottlingError"));
		assertThat(TransientRetry.transientReason(cancelled("None", "None"))).isEqualTo("TransactionCanceled");
	}

	@Test
	void aFailedBackoffEndsThePlanWithItsFailure() {
		TransientDataAccessResourceException interrupted = new TransientDataAccessResourceException("interrupted");
		ScriptedDriver driver = new ScriptedDriver((request) -> (request instanceof Request.Backoff)
				? Answer.failed(interrupted) : Answer.failed(cancelled("TransactionConflict")));

		assertThatExceptionOfType(TransientDataAccessResourceException.class)
			.isThrownBy(() -> driver.run(TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome)))
			.isSameAs(interrupted);
		assertThat(driver.sent()).hasSize(2);
	}

	@Test
	void eachRunOfATransactionMakesItsOwnToken() {
		Step<String> plan = TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome);
		ScriptedDriver driver = new ScriptedDriver((request) -> Answer.of(null));

		driver.run(plan);
		driver.run(plan);
		driver.run(TransientRetry.transact(ITEMS, TransientRetryUnitTests::outcome));

		assertThat(driver.sent(Request.Transact.class)).extracting(Request.Transact::clientRequestToken)
			.doesNotHaveDuplicates()
			.hasSize(3);
	}

	@Test
	void aReadIsSentAgainAsItIsWhileCancelledForATransientReason() {
		Request read = new Request.Conditional(TransactGetItemsRequest.builder()
			.transactItems(TransactGetItem.builder()
				.get(Get.builder().tableName("table").key(key("a")).build())
				.build())
			.build());
		AtomicInteger reads = new AtomicInteger();
		ScriptedDriver driver = new ScriptedDriver((request) -> (request == read && reads.incrementAndGet() == 1)
				? Answer.failed(cancelled("TransactionConflict")) : Answer.of("snapshot"));

		String result = driver.run(TransientRetry.send(read, (answer) -> Step.done(answer.get(String.class))));

		assertThat(result).isEqualTo("snapshot");
		assertThat(driver.sent()).containsExactly(read, new Request.Backoff(1, "TransactionConflict"), read);
	}

	@Test
	void theBackoffGrowsFrom40MillisecondsToOneSecondWithJitter() {
		for (int attempt = 1; attempt <= 12; attempt++) {
			long cap = Math.min(1000L, 20L << attempt);
			for (int i = 0; i < 50; i++) {
				assertThat(TransientRetry.delay(attempt)).isBetween(Duration.ofMillis(cap / 2), Duration.ofMillis(cap));
			}
		}
	}

	@Test
	void aBackoffPausesForTheDelayOfItsAttempt() {
		for (int attempt = 1; attempt <= 12; attempt++) {
			long cap = Math.min(1000L, 20L << attempt);
			Request.Backoff backoff = new Request.Backoff(attempt, "TransactionConflict");
			for (int i = 0; i < 20; i++) {
				assertThat(backoff.pause().duration()).isBetween(Duration.ofMillis(cap / 2), Duration.ofMillis(cap));
			}
		}
	}

	/** The continuation of a send: done when it was written, the failure thrown as the plan reads it. */
	private static Step<String> outcome(Answer answer) {
		answer.orThrow();
		return Step.done("written");
	}

	private static TransactionCanceledException cancelled(String... codes) {
		List<CancellationReason> reasons = new ArrayList<>();
		for (String code : codes) {
			reasons.add(CancellationReason.builder().code(code).build());
		}
		return TransactionCanceledException.builder().message("cancelled").cancellationReasons(reasons).build();
	}

	private static TransactWriteItem item(String id) {
		return TransactWriteItem.builder().put(Put.builder().tableName("table").item(key(id)).build()).build();
	}

	private static Map<String, AttributeValue> key(String id) {
		return Map.of("pk", AttributeValue.fromS(id), "sk", AttributeValue.fromS("v0"));
	}

}
