package dev.singletable.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.transaction.IllegalTransactionStateException;
import org.springframework.transaction.InvalidIsolationLevelException;
import org.springframework.transaction.NestedTransactionNotSupportedException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionTimedOutException;
import org.springframework.transaction.UnexpectedRollbackException;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link SingleTableTransactionManager} driven by Spring's {@link TransactionTemplate}: the writes of a transaction
 * go out as one {@code TransactWriteItems} at commit, none on rollback, and each propagation behaves as documented.
 */
class SingleTableTransactionManagerIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	/** Reads through the uncounted client, to inspect the table without adding to the request counts. */
	private SingleTableTemplate inspector;

	private SingleTableTransactionManager transactionManager;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.inspector = new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName());
		this.transactionManager = new SingleTableTransactionManager(this.template.getDatabaseFactory());
	}

	// ---- commit and rollback -------------------------------------------------------------------------

	@Test
	void theWritesOfATransactionAreSentAsOneTransactWriteItemsAtCommit() {
		Task existing = this.inspector.create(task("existing"));
		dynamo.requests().reset();

		List<Object> written = transaction(TransactionDefinition.PROPAGATION_REQUIRED).execute((status) -> {
			Document document = this.template.create(Document.of("first"));
			Task task = this.template.create(task("second"));
			Task updated = this.template.update(existing.withStatus(Status.DONE));
			// collected, not sent: nothing has reached DynamoDB yet, and reads see the store
			assertThat(dynamo.requests().total()).isZero();
			assertThat(this.inspector.findById(Task.class, task.id())).isEmpty();
			return List.of(document, task, updated);
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		// a versioned create writes v1 and v0, each plain write one item
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(4);
		Document document = (Document) written.get(0);
		assertThat(this.inspector.findById(Document.class, document.id())).hasValueSatisfying(
				(stored) -> assertThat(stored.text()).isEqualTo("first"));
		assertThat(this.inspector.findById(Task.class, ((Task) written.get(1)).id())).isPresent();
		assertThat(this.inspector.getById(Task.class, existing.id()).status()).isEqualTo(Status.DONE);
	}

	@Test
	void aTemplateTransactionInsideASpringTransactionJoinsIt() {
		Task existing = this.inspector.create(task("existing"));
		dynamo.requests().reset();

		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
			this.template.create(task("through the template"));
			this.template.transaction((tx) -> {
				tx.create(task("through the transaction API"));
				tx.increment(Task.class, existing.id(), "views", 5);
			});
			assertThat(dynamo.requests().total()).isZero();
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(3);
		assertThat(this.inspector.getById(Task.class, existing.id()).views()).isEqualTo(5);
		assertThat(this.inspector.query(Task.class).stream()).hasSize(3);
	}

	@Test
	void anExceptionRollsBackAndNothingIsSentOrStored() {
		AtomicReference<String> id = new AtomicReference<>();

		assertThatThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
			id.set(this.template.create(task("doomed")).id());
			this.template.create(Document.of("doomed too"));
			throw new IllegalStateException("boom");
		})).isInstanceOf(IllegalStateException.class).hasMessage("boom");

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.inspector.findById(Task.class, id.get())).isEmpty();
		assertThat(this.inspector.query(Document.class).stream()).isEmpty();
	}

	@Test
	void setRollbackOnlySendsNothing() {
		AtomicReference<String> id = new AtomicReference<>();

		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
			id.set(this.template.create(task("never stored")).id());
			status.setRollbackOnly();
		});

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.inspector.findById(Task.class, id.get())).isEmpty();
	}

	@Test
	void aTransactionWithoutWritesSendsNothing() {
		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
			assertThat(TransactionSynchronizationManager.hasResource(this.template.getDatabaseFactory())).isTrue();
		});

		assertThat(dynamo.requests().total()).isZero();
		assertThat(TransactionSynchronizationManager.hasResource(this.template.getDatabaseFactory())).isFalse();
	}

	@Test
	void aStaleVersionAtCommitThrowsTheTypedExceptionAndWritesNothing() {
		Document stored = this.inspector.create(Document.of("v1"));
		this.inspector.update(stored.withText("v2 by someone else"));
		dynamo.requests().reset();
		AtomicReference<String> taskId = new AtomicReference<>();

		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
				taskId.set(this.template.create(task("beside the stale update")).id());
				this.template.update(stored.withText("stale"));
			}))
			.withMessageContaining(stored.id());

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(this.inspector.findById(Task.class, taskId.get())).isEmpty();
		assertThat(this.inspector.getById(Document.class, stored.id()).text()).isEqualTo("v2 by someone else");
	}

	@Test
	void moreThanOneHundredItemsFailAndNothingIsSent() {
		List<String> ids = new ArrayList<>();

		assertThatThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
			for (int i = 0; i < 101; i++) {
				ids.add(this.template.create(task("task " + i)).id());
			}
		})).isInstanceOf(DataAccessException.class).hasMessageContaining("100");

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.inspector.query(Task.class).stream()).isEmpty();
	}

	// ---- propagation ---------------------------------------------------------------------------------

	@Test
	void anInnerRequiredTransactionJoinsTheOuterOne() {
		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
			this.template.create(task("outer"));
			transaction(TransactionDefinition.PROPAGATION_REQUIRED)
				.executeWithoutResult((inner) -> this.template.create(task("inner")));
			assertThat(dynamo.requests().total()).isZero();
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(2);
	}

	@Test
	void anInnerRequiredTransactionMarkedRollbackOnlyRollsBackTheOuterOne() {
		assertThatExceptionOfType(UnexpectedRollbackException.class)
			.isThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
				this.template.create(task("outer"));
				transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((inner) -> {
					this.template.create(task("inner"));
					inner.setRollbackOnly();
				});
			}));

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.inspector.query(Task.class).stream()).isEmpty();
	}

	@Test
	void aRequiresNewTransactionCommitsIndependentlyOfTheOuterRollback() {
		AtomicReference<String> outerId = new AtomicReference<>();
		AtomicReference<String> innerId = new AtomicReference<>();

		assertThatThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
			outerId.set(this.template.create(task("outer")).id());
			innerId.set(transaction(TransactionDefinition.PROPAGATION_REQUIRES_NEW)
				.execute((inner) -> this.template.create(task("inner")).id()));
			// the inner transaction was sent when it completed, the outer one still holds its write
			assertThat(this.inspector.findById(Task.class, innerId.get())).isPresent();
			assertThat(dynamo.requests().total()).isEqualTo(1);
			this.template.create(task("outer, after the inner one"));
			throw new IllegalStateException("outer fails");
		})).hasMessage("outer fails");

		assertThat(dynamo.requests().total()).isEqualTo(1);
		assertThat(this.inspector.findById(Task.class, innerId.get())).isPresent();
		assertThat(this.inspector.findById(Task.class, outerId.get())).isEmpty();
		assertThat(this.inspector.query(Task.class).stream()).hasSize(1);
	}

	@Test
	void theOuterTransactionResumesWithItsWritesAfterARequiresNewOne() {
		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
			this.template.create(task("outer 1"));
			transaction(TransactionDefinition.PROPAGATION_REQUIRES_NEW)
				.executeWithoutResult((inner) -> this.template.create(task("inner")));
			this.template.create(task("outer 2"));
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems", "TransactWriteItems");
		List<TransactWriteItemsRequest> sent = dynamo.requests().sent(TransactWriteItemsRequest.class);
		assertThat(sent.get(0).transactItems()).hasSize(1);
		assertThat(sent.get(1).transactItems()).hasSize(2);
		assertThat(this.inspector.query(Task.class).stream()).hasSize(3);
	}

	@Test
	void supportsWithoutATransactionSendsEachWriteAtOnce() {
		transaction(TransactionDefinition.PROPAGATION_SUPPORTS).executeWithoutResult((status) -> {
			Task task = this.template.create(task("at once"));
			assertThat(dynamo.requests().total()).isEqualTo(1);
			assertThat(this.inspector.findById(Task.class, task.id())).isPresent();
		});

		assertThat(dynamo.requests().total()).isEqualTo(1);
	}

	@Test
	void supportsInsideATransactionJoinsIt() {
		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
			this.template.create(task("outer"));
			transaction(TransactionDefinition.PROPAGATION_SUPPORTS)
				.executeWithoutResult((inner) -> this.template.create(task("inner")));
			assertThat(dynamo.requests().total()).isZero();
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
	}

	@Test
	void notSupportedSuspendsTheTransactionAndSendsEachWriteAtOnce() {
		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
			this.template.create(task("outer 1"));
			transaction(TransactionDefinition.PROPAGATION_NOT_SUPPORTED).executeWithoutResult((inner) -> {
				Task task = this.template.create(task("not transactional"));
				assertThat(this.inspector.findById(Task.class, task.id())).isPresent();
			});
			assertThat(dynamo.requests().total()).isEqualTo(1);
			this.template.create(task("outer 2"));
		});

		assertThat(dynamo.requests().total()).isEqualTo(2);
		List<TransactWriteItemsRequest> transactions = dynamo.requests().sent(TransactWriteItemsRequest.class);
		assertThat(transactions.get(transactions.size() - 1).transactItems()).hasSize(2);
		assertThat(this.inspector.query(Task.class).stream()).hasSize(3);
	}

	@Test
	void mandatoryWithoutATransactionFailsAndSendsNothing() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_MANDATORY)
				.executeWithoutResult((status) -> this.template.create(task("never"))))
			.withMessageContaining("mandatory");

		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void mandatoryInsideATransactionJoinsIt() {
		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
			this.template.create(task("outer"));
			transaction(TransactionDefinition.PROPAGATION_MANDATORY)
				.executeWithoutResult((inner) -> this.template.create(task("inner")));
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(this.inspector.query(Task.class).stream()).hasSize(2);
	}

	@Test
	void nestedIsRefusedWithoutATransaction() {
		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_NESTED)
				.executeWithoutResult((status) -> this.template.create(task("never"))))
			.withMessageContaining("NESTED")
			.withMessageContaining("REQUIRES_NEW");

		assertThat(dynamo.requests().total()).isZero();
		assertThat(TransactionSynchronizationManager.hasResource(this.template.getDatabaseFactory())).isFalse();
	}

	@Test
	void nestedIsRefusedInsideATransactionAndTheOuterOneRollsBack() {
		assertThatExceptionOfType(NestedTransactionNotSupportedException.class)
			.isThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
				this.template.create(task("outer"));
				transaction(TransactionDefinition.PROPAGATION_NESTED)
					.executeWithoutResult((inner) -> this.template.create(task("inner")));
			}))
			.withMessageContaining("NESTED")
			.withMessageContaining("savepoints");

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.inspector.query(Task.class).stream()).isEmpty();
	}

	@Test
	void neverIsRefusedWithoutATransactionAndInsideOneAndSendsNothing() {
		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_NEVER)
				.executeWithoutResult((status) -> this.template.create(task("never alone"))))
			.withMessageContaining("NEVER")
			.withMessageContaining("NOT_SUPPORTED");
		assertThat(dynamo.requests().total()).isZero();
		assertThat(TransactionSynchronizationManager.isSynchronizationActive()).isFalse();

		assertThatExceptionOfType(IllegalTransactionStateException.class)
			.isThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((outer) -> {
				this.template.create(task("outer"));
				transaction(TransactionDefinition.PROPAGATION_NEVER)
					.executeWithoutResult((inner) -> this.template.create(task("never")));
			}));
		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.inspector.query(Task.class).stream()).isEmpty();

		// the template still works afterwards: nothing was left bound to the thread
		this.template.create(task("after"));
		assertThat(this.inspector.query(Task.class).stream()).hasSize(1);
	}

	// ---- definition attributes -----------------------------------------------------------------------

	@Test
	void aNonDefaultIsolationLevelIsRefused() {
		TransactionTemplate transaction = transaction(TransactionDefinition.PROPAGATION_REQUIRED);
		transaction.setIsolationLevel(TransactionDefinition.ISOLATION_SERIALIZABLE);

		assertThatExceptionOfType(InvalidIsolationLevelException.class)
			.isThrownBy(() -> transaction.executeWithoutResult((status) -> this.template.create(task("never"))))
			.withMessageContaining("isolation SERIALIZABLE");

		assertThat(dynamo.requests().total()).isZero();
		assertThat(TransactionSynchronizationManager.hasResource(this.template.getDatabaseFactory())).isFalse();
	}

	@Test
	void aWriteInAReadOnlyTransactionFailsAndNothingIsSent() {
		TransactionTemplate transaction = transaction(TransactionDefinition.PROPAGATION_REQUIRED);
		transaction.setReadOnly(true);
		Task existing = this.inspector.create(task("existing"));
		dynamo.requests().reset();

		Optional<Task> read = transaction.execute((status) -> this.template.findById(Task.class, existing.id()));
		assertThat(read).isPresent();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> transaction.executeWithoutResult((status) -> this.template.create(task("never"))))
			.withMessageContaining("read-only")
			.withMessageContaining("create of Task");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> transaction.executeWithoutResult(
					(status) -> this.template.transaction((tx) -> tx.deleteById(Task.class, existing.id()))))
			.withMessageContaining("deleteById of Task");
		assertThat(dynamo.requests().operations()).containsExactly("GetItem");
		assertThat(this.inspector.query(Task.class).stream()).hasSize(1);
	}

	@Test
	void aTransactionPastItsTimeoutSendsNothing() {
		TransactionTemplate transaction = transaction(TransactionDefinition.PROPAGATION_REQUIRED);
		transaction.setTimeout(1);

		assertThatExceptionOfType(TransactionTimedOutException.class)
			.isThrownBy(() -> transaction.executeWithoutResult((status) -> {
				this.template.create(task("too late"));
				sleep(1100);
			}));

		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.inspector.query(Task.class).stream()).isEmpty();
	}

	// ---- synchronizations ----------------------------------------------------------------------------

	@Test
	void afterCommitCallbacksRunOnceTheWriteIsStoredAndTheirOwnWritesAreSentAtOnce() {
		AtomicReference<Optional<Task>> seenAfterCommit = new AtomicReference<>();
		AtomicReference<String> followUpId = new AtomicReference<>();
		AtomicReference<String> id = new AtomicReference<>();

		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
			id.set(this.template.create(task("committed")).id());
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					seenAfterCommit.set(SingleTableTransactionManagerIntegrationTests.this.inspector
						.findById(Task.class, id.get()));
					followUpId.set(SingleTableTransactionManagerIntegrationTests.this.template
						.create(task("follow-up"))
						.id());
				}

			});
		});

		assertThat(seenAfterCommit.get()).isPresent();
		assertThat(this.inspector.findById(Task.class, followUpId.get())).isPresent();
		assertThat(dynamo.requests().total()).isEqualTo(2);
	}

	@Test
	void beforeCommitCallbacksMayStillAddWrites() {
		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
			this.template.create(task("in the body"));
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void beforeCommit(boolean readOnly) {
					SingleTableTransactionManagerIntegrationTests.this.template.create(task("before commit"));
				}

			});
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(2);
	}

	@Test
	void aFailedCommitReportsARollbackToTheSynchronizations() {
		Task existing = this.inspector.create(task("existing"));
		dynamo.requests().reset();
		AtomicReference<Integer> completion = new AtomicReference<>();

		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
				// an id that exists already: the create's condition fails
				this.template.create(new Task(existing.id(), null, null, "duplicate", Status.OPEN, "ann",
						LocalDate.of(2026, 1, 1), 1, 0, Set.of(), List.of(), Map.of()));
				this.template.create(task("beside it"));
				TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

					@Override
					public void afterCompletion(int status) {
						completion.set(status);
					}

				});
			}));

		assertThat(completion.get()).isEqualTo(TransactionSynchronization.STATUS_ROLLED_BACK);
		assertThat(this.inspector.query(Task.class).stream()).hasSize(1);
	}

	@Test
	void theTransactionIsBoundUnderItsTemplateOnly() {
		SingleTableTemplate other = new SingleTableTemplate(dynamo.client(), dynamo.tableName());

		transaction(TransactionDefinition.PROPAGATION_REQUIRED).executeWithoutResult((status) -> {
			this.template.create(task("collected"));
			other.create(task("another template: sent at once"));
			assertThat(dynamo.requests().total()).isEqualTo(1);
		});

		assertThat(dynamo.requests().total()).isEqualTo(2);
		assertThat(this.transactionManager.getResourceFactory()).isSameAs(this.template.getDatabaseFactory());
	}

	private TransactionTemplate transaction(int propagation) {
		TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
		transaction.setPropagationBehavior(propagation);
		return transaction;
	}

	private static Task task(String title) {
		return Task.of(title, Status.OPEN, "ann", LocalDate.of(2026, 1, 1), 1);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
