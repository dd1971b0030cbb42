package dev.singletable.core;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.singletable.core.TransactionCancelledException.Failure;
import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.internal.transaction.CollectedWrites;
import dev.singletable.core.internal.transaction.ThreadCaller;
import dev.singletable.core.internal.transaction.SingleTableResourceHolder;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Multi-item transactions across types: one {@code TransactWriteItems}, all or nothing, checked before sending, and
 * a cancellation that names each failed operation.
 */
class TransactionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void aTransactionAcrossAVersionedAPlainAndACounterEntityIsOneRequestAndReturnsTheNewVersions() {
		Document document = this.template.create(Document.of("first"));
		Task task = this.template.create(Task.of("ship", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		Inventory inventory = this.template.create(new Inventory(null, 10));
		AtomicReference<Document> updatedDocument = new AtomicReference<>();
		AtomicReference<Task> updatedTask = new AtomicReference<>();
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			updatedDocument.set(tx.update(document.withText("second")));
			updatedTask.set(tx.update(task.withStatus(Task.Status.DONE)));
			tx.increment(Inventory.class, inventory.id(), "stock", -1);
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		TransactWriteItemsRequest sent = dynamo.requests().sent(TransactWriteItemsRequest.class).get(0);
		assertThat(sent.transactItems()).hasSize(4);
		assertThat(sent.clientRequestToken()).isNotBlank();
		assertThat(updatedDocument.get().version()).isEqualTo(2);
		assertThat(updatedTask.get().updatedAt()).isAfter(task.updatedAt());
		assertThat(this.template.getById(Document.class, document.id())).isEqualTo(updatedDocument.get());
		assertThat(this.template.findAllVersions(Document.class, document.id())).extracting(Document::version)
			.containsExactly(2, 1);
		assertThat(this.template.getById(Task.class, task.id())).isEqualTo(updatedTask.get());
		assertThat(this.template.getById(Inventory.class, inventory.id()).stock()).isEqualTo(9);
	}

	@Test
	void aStaleVersionInOneOperationWritesNothingAndTheExceptionNamesThatOperation() {
		Document document = this.template.create(Document.of("first"));
		this.template.update(document.withText("someone else"));
		Inventory inventory = this.template.create(new Inventory(null, 10));
		Task newTask = Task.of("new", Task.Status.OPEN, "bob", LocalDate.of(2026, 2, 1), 1);
		AtomicReference<Task> created = new AtomicReference<>();
		dynamo.requests().reset();

		TransactionCancelledException ex = catchCancellation(() -> this.template.transaction((tx) -> {
			created.set(tx.create(newTask));
			tx.update(document.withText("stale"));
			tx.increment(Inventory.class, inventory.id(), "stock", -1);
		}));

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(ex).isInstanceOf(DataAccessException.class);
		assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(1);
			assertThat(failure.operation()).isEqualTo("update");
			assertThat(failure.entityType()).isEqualTo(Document.class);
			assertThat(failure.id()).isEqualTo(document.id());
			assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT);
			assertThat(failure.exception()).isInstanceOf(VersionConflictException.class);
			assertThat(((VersionConflictException) failure.exception()).getActual()).isEqualTo(2L);
		});
		assertThat(ex.getMessage()).contains("update of Document '" + document.id() + "'");
		assertThat(this.template.findById(Task.class, created.get().id())).isEmpty();
		assertThat(this.template.getById(Inventory.class, inventory.id()).stock()).isEqualTo(10);
		assertThat(this.template.getById(Document.class, document.id()).text()).isEqualTo("someone else");
	}

	@Test
	void eachFailedOperationIsNamedWithItsReason() {
		Inventory existing = this.template.create(new Inventory(null, 1));
		Document document = this.template.create(Document.of("first"));

		TransactionCancelledException ex = catchCancellation(() -> this.template.transaction((tx) -> {
			tx.create(new Inventory(existing.id(), 5));
			tx.increment(Inventory.class, "missing", "stock", 1);
			tx.requireVersion(document, 7);
			tx.requireExists(Task.class, "nobody");
		}));

		assertThat(ex.getFailures()).extracting(Failure::index, Failure::operation, Failure::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(0, "create", Reason.ALREADY_EXISTS),
					org.assertj.core.groups.Tuple.tuple(1, "increment", Reason.NOT_FOUND),
					org.assertj.core.groups.Tuple.tuple(2, "requireVersion", Reason.VERSION_CONFLICT),
					org.assertj.core.groups.Tuple.tuple(3, "requireExists", Reason.NOT_FOUND));
		assertThat(ex.getFailures().get(0).exception()).isInstanceOf(DuplicateResourceException.class);
		assertThat(ex.getMessage()).contains("Inventory '" + existing.id() + "'", "Inventory 'missing'",
				"Document '" + document.id() + "'", "Task 'nobody'");
	}

	@Test
	void moreThan100ItemsFailBeforeAnythingIsSent() {
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				for (int i = 0; i < 101; i++) {
					tx.create(new Inventory("item-" + i, i));
				}
			}))
			.withMessageContaining("at most 100 items")
			.withMessageContaining("create of Inventory 'item-100'")
			.withMessageContaining("101");
		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.findById(Inventory.class, "item-0")).isEmpty();
	}

	@Test
	void aTransactionOfExactly100ItemsIsOneRequest() {
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			for (int i = 0; i < 100; i++) {
				tx.create(new Inventory("full-" + i, i));
			}
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(this.template.getById(Inventory.class, "full-99").stock()).isEqualTo(99);
	}

	@Test
	void twoOperationsOnOneItemFailBeforeAnythingIsSent() {
		Task task = this.template.create(Task.of("one", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				tx.update(task.withStatus(Task.Status.DONE));
				tx.increment(Task.class, task.id(), "views", 1);
			}))
			.withMessageContaining("increment of Task '" + task.id() + "'")
			.withMessageContaining("update of Task '" + task.id() + "'");
		assertThat(dynamo.requests().total()).isZero();
		assertThat(this.template.getById(Task.class, task.id())).isEqualTo(task);
	}

	@Test
	void aTransientCancellationIsRetriedWithTheSameClientRequestToken() {
		Inventory inventory = this.template.create(new Inventory(null, 10));
		dynamo.faults().failNext("TransactWriteItems", 1, () -> TransactionCanceledException.builder()
			.statusCode(400)
			.message("Transaction cancelled: TransactionConflict")
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode("TransactionCanceledException")
				.errorMessage("Transaction cancelled [TransactionConflict, None]")
				.build())
			.cancellationReasons(CancellationReason.builder().code("TransactionConflict").build(),
					CancellationReason.builder().code("None").build())
			.build());
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			tx.increment(Inventory.class, inventory.id(), "stock", 5);
			tx.create(new Inventory(null, 1));
		});

		List<TransactWriteItemsRequest> sent = dynamo.requests().sent(TransactWriteItemsRequest.class);
		assertThat(sent).hasSize(2);
		assertThat(sent.get(1).clientRequestToken()).isEqualTo(sent.get(0).clientRequestToken());
		assertThat(this.template.getById(Inventory.class, inventory.id()).stock()).isEqualTo(15);
	}

	@Test
	void aVersionedUpdateOnALongerHistoryIsOneRequestAndItsProbeFindsTheHistoryAndTrimsItAfterwards() {
		Document document = this.template.create(Document.of("0"));
		for (int i = 1; i <= 5; i++) {
			document = this.template.update(document.withText(Integer.toString(i)));
		}
		// the prunes after the answers are done (the last one deletes v3)
		BackgroundCleanups.await();
		// v3 is back: the history is longer than maxVersions = 3, as a writer that never prunes leaves it
		Map<String, AttributeValue> old = new HashMap<>(dynamo.storedItem("Document#" + document.id(), "v4"));
		old.put("sk", AttributeValue.fromS("v3"));
		old.put("version", AttributeValue.fromN("3"));
		dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(old));
		Task task = this.template.create(Task.of("with", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		Document base = document;
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			tx.update(task.withStatus(Task.Status.DONE));
			tx.update(base.withText("7"));
		});

		BackgroundCleanups.await();
		// the transaction alone before the answer; after it the probe of v3 finds the longer history, and the trim
		// queries the keys and deletes v3, then v4, the version the next probe looks at, last
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems", "GetItem", "Query",
				"BatchWriteItem", "BatchWriteItem");
		assertThat(dynamo.sortKeys("Document#" + document.id())).containsExactlyInAnyOrder("v0", "v5", "v6", "v7");
		assertThat(this.template.getById(Task.class, task.id()).status()).isEqualTo(Task.Status.DONE);
	}

	@Test
	void aCarriedCreationTimeThatDiffersFromTheStoredOneIsReplacedAndTheTransactionSentAgain() {
		Document created = this.template.create(Document.of("first"));
		Task task = this.template.create(Task.of("along", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		Document forged = new Document(created.id(), created.version(),
				java.time.OffsetDateTime.parse("2001-01-01T00:00:00Z"), created.updatedAt(), "second", created.labels(),
				created.weight());
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			tx.update(forged);
			tx.update(task.withStatus(Task.Status.DONE), Changes.set("owner", "bob"));
		});

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(2);
		Document stored = this.template.getById(Document.class, created.id());
		assertThat(stored.version()).isEqualTo(2);
		assertThat(stored.text()).isEqualTo("second");
		assertThat(stored.createdAt()).isEqualTo(created.createdAt());
		Task storedTask = this.template.getById(Task.class, task.id());
		assertThat(storedTask.status()).isEqualTo(Task.Status.DONE);
		assertThat(storedTask.owner()).isEqualTo("bob");
	}

	@Test
	void aVersionedDeleteRemovesEveryVersionInTheTransaction() {
		Document document = this.template.create(Document.of("0"));
		document = this.template.update(document.withText("1"));
		Document latest = document;

		this.template.transaction((tx) -> tx.delete(latest));

		assertThat(dynamo.sortKeys("Document#" + document.id())).isEmpty();
	}

	@Test
	void templateWritesJoinABoundTransactionAndAreSentAtCommit() {
		Task task = this.template.create(Task.of("bound", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		CollectedWrites transaction = new CollectedWrites();
		TransactionSynchronizationManager.bindResource(this.template.getDatabaseFactory(),
				new SingleTableResourceHolder<>(transaction));
		Inventory created;
		try {
			dynamo.requests().reset();
			created = this.template.create(new Inventory(null, 3));
			this.template.update(task.withStatus(Task.Status.DONE));
			this.template.addToSet(Task.class, "other", "tags", "x");
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.template.increment(Inventory.class, created.id(), "stock", 1))
				.withMessageContaining("increment");
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.template.deleteVersion(Document.class, "d", 1))
				.withMessageContaining("deleteVersion");
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.template.putAll(List.of(new Inventory(null, 1))))
				.withMessageContaining("putAll");
			this.template.deleteAllById(Inventory.class, List.of("gone-1", "gone-2"));
			assertThat(dynamo.requests().total()).isZero();
			assertThat(transaction.isEmpty()).isFalse();
		}
		finally {
			TransactionSynchronizationManager.unbindResource(this.template.getDatabaseFactory());
		}

		TransactionCancelledException ex = catchCancellation(() -> ThreadCaller.commit(transaction));

		// the set change of a missing Task cancels it all
		assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.operation()).isEqualTo("addToSet");
			assertThat(failure.reason()).isEqualTo(Reason.NOT_FOUND);
		});
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(5);
		assertThat(this.template.findById(Inventory.class, created.id())).isEmpty();
		assertThat(this.template.getById(Task.class, task.id()).status()).isEqualTo(Task.Status.OPEN);
	}

	@Test
	void plainDeletesAreConditionedOnTheStateRead() {
		Task kept = this.template.create(Task.of("kept", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		Task gone = this.template.create(Task.of("gone", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		this.template.update(kept.withPriority(9));

		TransactionCancelledException ex = catchCancellation(() -> this.template.transaction((tx) -> {
			tx.delete(gone);
			tx.delete(kept);
		}));

		assertThat(ex.getFailures()).extracting(Failure::index, Failure::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, Reason.VERSION_CONFLICT));
		assertThat(this.template.findById(Task.class, gone.id())).isPresent();

		this.template.transaction((tx) -> tx.delete(gone));

		assertThat(this.template.findById(Task.class, gone.id())).isEmpty();
	}

	@Test
	void aReadTransactionReadsSeveralTypesAsOneSnapshotInOneRequest() {
		Document document = this.template.create(Document.of("first"));
		Task task = this.template.create(Task.of("read", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		dynamo.requests().reset();

		SingleTableSnapshot snapshot = this.template.readTransaction((r) -> {
			r.get(Document.class, document.id());
			r.get(Task.class, task.id());
			r.get(Task.class, task.id());
			r.get(Inventory.class, "missing");
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactGetItems");
		assertThat(dynamo.requests().sent(software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest.class)
			.get(0)
			.transactItems()).hasSize(3);
		assertThat(snapshot.get(Document.class, document.id())).contains(document);
		assertThat(snapshot.get(Task.class, task.id())).contains(task);
		assertThat(snapshot.get(Inventory.class, "missing")).isEmpty();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> snapshot.get(Inventory.class, "other"))
			.withMessageContaining("Inventory 'other' was not read");
	}

	@Test
	void aReadTransactionOfMoreThan100ResourcesFailsBeforeSending() {
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.readTransaction((r) -> {
				for (int i = 0; i < 101; i++) {
					r.get(Inventory.class, "i" + i);
				}
			}))
			.withMessageContaining("at most 100")
			.withMessageContaining("101");
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void aTemplateTransactionInsideABoundOneJoinsItAndRestoresAndChecksAreOperationsToo() {
		Document document = this.template.create(Document.of("v1"));
		document = this.template.update(document.withText("v2"));
		CollectedWrites bound = new CollectedWrites();
		TransactionSynchronizationManager.bindResource(this.template.getDatabaseFactory(),
				new SingleTableResourceHolder<>(bound));
		AtomicReference<Document> restored = new AtomicReference<>();
		String id = document.id();
		try {
			dynamo.requests().reset();
			this.template.transaction((tx) -> {
				restored.set(tx.restoreVersion(Document.class, id, 1));
				tx.requireAbsent(Inventory.class, "not-there");
			});
			assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems");
		}
		finally {
			TransactionSynchronizationManager.unbindResource(this.template.getDatabaseFactory());
		}

		ThreadCaller.commit(bound);

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(restored.get().version()).isEqualTo(3);
		assertThat(this.template.getById(Document.class, id)).isEqualTo(restored.get());
		assertThat(restored.get().text()).isEqualTo("v1");
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class).isThrownBy(() -> ThreadCaller.commit(bound));
	}

	@Test
	void anEmptyTransactionSendsNothing() {
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
		});

		assertThat(dynamo.requests().total()).isZero();
	}

	private static TransactionCancelledException catchCancellation(Runnable action) {
		try {
			action.run();
		}
		catch (TransactionCancelledException ex) {
			return ex;
		}
		throw new AssertionError("Expected a TransactionCancelledException");
	}

	/** A plain counter. */
	@SingleTableEntity
	record Inventory(@Id String id, long stock) {
	}

}
