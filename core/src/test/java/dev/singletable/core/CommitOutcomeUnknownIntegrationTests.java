package dev.singletable.core;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.transaction.HeuristicCompletionException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A write whose every answer is lost (the request reaches DynamoDB Local, which applies it; the fault injector then
 * throws a connection reset instead of returning the response, on every attempt of the SDK) is reported as of
 * unknown outcome, never as rolled back or failed, and names the client request token a transaction was sent with.
 */
class CommitOutcomeUnknownIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	/** Reads through the client without faults. */
	private SingleTableTemplate inspector;

	private SingleTableTransactionManager transactionManager;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.inspector = new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName());
		this.transactionManager = new SingleTableTransactionManager(this.template.getDatabaseFactory());
	}

	@Test
	void aSpringManagedCommitWhoseAnswersAreLostIsAHeuristicCompletionOfUnknownOutcome() {
		Task existing = this.inspector.create(task("existing"));
		List<Integer> completions = new ArrayList<>();
		AtomicReference<Task> created = new AtomicReference<>();
		loseEveryAnswerOf("TransactWriteItems");

		HeuristicCompletionException ex = org.assertj.core.api.Assertions
			.catchThrowableOfType(HeuristicCompletionException.class,
					() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
						created.set(this.template.create(task("new")));
						this.template.update(existing.withStatus(Status.DONE));
						TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

							@Override
							public void afterCompletion(int status) {
								completions.add(status);
							}

						});
					}));
		dynamo.faults().clear();

		assertThat(ex).isNotNull();
		assertThat(ex.getOutcomeState()).isEqualTo(HeuristicCompletionException.STATE_UNKNOWN);
		assertThat(completions).containsExactly(TransactionSynchronization.STATUS_UNKNOWN);
		CommitOutcomeUnknownException cause = (CommitOutcomeUnknownException) ex.getCause();
		String token = dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).clientRequestToken();
		assertThat(cause.getClientRequestToken()).isNotBlank().isEqualTo(token);
		assertThat(cause.getMessage()).contains("client request token '" + token + "'", "within 10 minutes",
				"idempotent", "create of Task '" + created.get().id() + "'", "update of Task '" + existing.id() + "'");
		// the transaction was in fact applied, once
		assertThat(this.inspector.getById(Task.class, existing.id()).status()).isEqualTo(Status.DONE);
		assertThat(this.inspector.findById(Task.class, created.get().id())).isPresent();
	}

	@Test
	void templateTransactionWhoseAnswersAreLostIsOfUnknownOutcome() {
		Document document = this.inspector.create(Document.of("v1"));
		loseEveryAnswerOf("TransactWriteItems");

		assertThatExceptionOfType(HeuristicCompletionException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> tx.update(document.withText("v2"))))
			.satisfies((ex) -> assertThat(ex.getOutcomeState()).isEqualTo(HeuristicCompletionException.STATE_UNKNOWN))
			.havingCause()
			.isInstanceOf(CommitOutcomeUnknownException.class);
		dynamo.faults().clear();

		assertThat(this.inspector.getById(Document.class, document.id()).text()).isEqualTo("v2");
	}

	@Test
	void aSinglePutWhoseAnswersAreLostIsOfUnknownOutcomeWithoutToken() {
		Task task = this.inspector.create(task("single"));
		loseEveryAnswerOf("PutItem");

		assertThatExceptionOfType(CommitOutcomeUnknownException.class)
			.isThrownBy(() -> this.template.update(task.withPriority(7)))
			.satisfies((ex) -> {
				assertThat(ex.getClientRequestToken()).isNull();
				assertThat(ex.getMessage()).contains("update of Task '" + task.id() + "' may or may not be stored",
						"PutItem", "Read the item");
			});
		dynamo.faults().clear();

		assertThat(this.inspector.getById(Task.class, task.id()).priority()).isEqualTo(7);
	}

	@Test
	void aSingleVersionedUpdateWhoseAnswersAreLostNamesItsToken() {
		Document document = this.inspector.create(Document.of("v1"));
		loseEveryAnswerOf("TransactWriteItems");

		assertThatExceptionOfType(CommitOutcomeUnknownException.class)
			.isThrownBy(() -> this.template.update(document.withText("v2")))
			.satisfies((ex) -> assertThat(ex.getClientRequestToken())
				.isEqualTo(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).clientRequestToken()));
		dynamo.faults().clear();

		assertThat(this.inspector.getById(Document.class, document.id()).version()).isEqualTo(2);
	}

	@Test
	void aCancelledCommitIsStillReportedAsRolledBack() {
		Task existing = this.inspector.create(task("existing"));
		List<Integer> completions = new ArrayList<>();

		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				this.template.create(new Task(existing.id(), null, null, "duplicate", Status.OPEN, "ann", null, 1, 0,
						java.util.Set.of(), List.of(), java.util.Map.of()));
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCompletion(int status) {
						completions.add(status);
					}

				});
			}));

		assertThat(completions).containsExactly(TransactionSynchronization.STATUS_ROLLED_BACK);
	}

	/**
	 * Lets every attempt of the operation reach the server, then drops its answer as a connection reset would.
	 */
	private static void loseEveryAnswerOf(String operation) {
		dynamo.faults().failNextAfterTransmission(operation, 1000, () -> SdkClientException.builder()
			.message("Connection reset")
			.cause(new IOException("Connection reset"))
			.build());
		dynamo.requests().reset();
	}

	private static Task task(String title) {
		return Task.of(title, Status.OPEN, "ann", null, 1);
	}

}
