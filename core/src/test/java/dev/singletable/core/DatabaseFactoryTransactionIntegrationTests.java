package dev.singletable.core;

import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mapping.callback.EntityCallbacks;
import org.springframework.transaction.HeuristicCompletionException;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionExecution;
import org.springframework.transaction.TransactionExecutionListener;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Task.Status;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.internal.write.send.TypeCounts;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.mapping.event.AfterSaveCallback;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Transactions bound to a {@link SingleTableDatabaseFactory}: every template built on one factory joins the
 * transaction bound under it, whichever template or manager began it, and its writes go in the one
 * {@code TransactWriteItems} of the commit, each with what its own template does around it (S3, counts, callbacks);
 * a template on another factory does not join. Against DynamoDB Local and the in-process S3, requests counted in
 * front of the server.
 */
class DatabaseFactoryTransactionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static DynamoDbLocalExtension otherTable = new DynamoDbLocalExtension("singletable-other-factory");

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableDatabaseFactory factory;

	/** Writes tasks, with a converter of its own. */
	private SingleTableTemplate tasks;

	/** Writes documents, with another converter. */
	private SingleTableTemplate documents;

	/** Reads through the uncounted client. */
	private SingleTableTemplate inspector;

	private SingleTableTransactionManager transactionManager;

	@BeforeEach
	void setUp() {
		this.factory = SingleTableDatabaseFactory.create(dynamo.client(), dynamo.tableName());
		this.tasks = new SingleTableTemplate(this.factory,
				new MappingSingleTableConverter(new SingleTableMappingContext()));
		this.documents = new SingleTableTemplate(this.factory,
				new MappingSingleTableConverter(new SingleTableMappingContext()));
		this.inspector = new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName());
		this.transactionManager = new SingleTableTransactionManager(this.factory);
	}

	// ---- two templates, one transaction --------------------------------------------------------------

	@Test
	void twoTemplatesOfOneFactoryJoinOneSpringManagedTransactionSentAsOneRequest() {
		List<Object> written = new TransactionTemplate(this.transactionManager).execute((status) -> {
			Task task = this.tasks.create(task("from the task template"));
			Document document = this.documents.create(Document.of("from the document template"));
			assertThat(dynamo.requests().total()).isZero();
			return List.of(task, document);
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		// the plain task's one item, the versioned document's v1 and v0
		assertThat(sentItems(0)).hasSize(3);
		assertThat(this.inspector.findById(Task.class, ((Task) written.get(0)).id())).contains((Task) written.get(0));
		assertThat(this.inspector.findById(Document.class, ((Document) written.get(1)).id()))
			.contains((Document) written.get(1));
	}

	@Test
	void aTemplateTransactionCollectsTheWritesOfTheOtherTemplateOfItsFactory() {
		this.tasks.transaction((tx) -> {
			tx.create(task("through tx"));
			this.documents.create(Document.of("through the other template"));
			this.documents.transaction((nested) -> nested.create(Document.of("through a nested transaction")));
			assertThat(dynamo.requests().total()).isZero();
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(sentItems(0)).hasSize(5);
		assertThat(this.inspector.query(Task.class).stream()).hasSize(1);
		assertThat(this.inspector.query(Document.class).stream()).hasSize(2);
	}

	@Test
	void aConflictOfOneTemplatesWriteCancelsTheWritesOfBoth() {
		Document stale = this.documents.create(Document.of("v1"));
		this.inspector.update(this.inspector.getById(Document.class, stale.id()).withText("v2 by another writer"));
		dynamo.requests().reset();

		assertThatExceptionOfType(TransactionCancelledException.class)
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				this.tasks.create(task("never stored"));
				this.documents.update(stale.withText("based on v1"));
			}))
			.satisfies((ex) -> assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
				assertThat(failure.operation()).isEqualTo("update");
				assertThat(failure.entityType()).isEqualTo(Document.class);
				assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT);
			}));

		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(this.inspector.query(Task.class).stream()).isEmpty();
		assertThat(this.inspector.getById(Document.class, stale.id()).text()).isEqualTo("v2 by another writer");
	}

	@Test
	void aCommitOfTwoTemplatesWhoseAnswersAreLostIsOfUnknownOutcomeNamingTheWritesOfBoth() {
		dynamo.faults().failNextAfterTransmission("TransactWriteItems", 1000, () -> SdkClientException.builder()
			.message("Connection reset")
			.cause(new IOException("Connection reset"))
			.build());
		AtomicReference<Task> task = new AtomicReference<>();
		AtomicReference<Document> document = new AtomicReference<>();

		assertThatExceptionOfType(HeuristicCompletionException.class)
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				task.set(this.tasks.create(task("maybe stored")));
				document.set(this.documents.create(Document.of("maybe stored")));
			}))
			.satisfies((ex) -> assertThat(ex.getOutcomeState()).isEqualTo(HeuristicCompletionException.STATE_UNKNOWN))
			.havingCause()
			.isInstanceOfSatisfying(CommitOutcomeUnknownException.class, (cause) -> assertThat(cause.getMessage())
				.contains("create of Task '" + task.get().id() + "'")
				.contains("create of Document '" + document.get().id() + "'")
				.contains(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).clientRequestToken()));
		dynamo.faults().clear();

		// it was in fact applied, once
		assertThat(this.inspector.findById(Task.class, task.get().id())).isPresent();
		assertThat(this.inspector.findById(Document.class, document.get().id())).isPresent();
	}

	@Test
	void theLimitsOfATransactionCountTheOperationsOfEveryTemplate() {
		Task shared = this.inspector.create(task("shared"));
		dynamo.requests().reset();

		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.tasks.update(shared.withStatus(Status.DONE));
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.documents.update(shared.withStatus(Status.OPEN)))
				.withMessageContaining("one operation per item");
			for (int i = 1; i < 60; i++) {
				this.tasks.create(task("task " + i));
			}
			for (int i = 0; i < 40; i++) {
				this.documents.create(task("document template's " + i));
			}
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.documents.create(task("the 101st")))
				.withMessageContaining("at most 100 items")
				.withMessageContaining("101");
			status.setRollbackOnly();
		});

		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void aTemplateThatKeepsCountsReservesTheCountsItemForEveryTemplateOfTheTransaction() {
		this.documents.setTrackCounts(true);

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
				this.documents.transaction((tx) -> tx.requireAbsent(Document.class, "absent"));
				for (int i = 0; i < 99; i++) {
					this.tasks.create(task("task " + i));
				}
			}))
			.withMessageContaining("one of them the per-type counts")
			.withMessageContaining("it would hold 100");
		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void eachTemplateCountsItsOwnCreatesInTheOneCountsItemOfTheTransaction() {
		this.tasks.setTrackCounts(true);
		this.documents.setTrackCounts(true);
		SingleTableTemplate uncounted = new SingleTableTemplate(this.factory);

		this.tasks.transaction((tx) -> {
			tx.create(task("counted"));
			this.documents.create(Document.of("counted"));
			uncounted.create(Document.of("not counted: its template keeps no counts"));
		});

		// the counts row is missing: it is created and the transaction sent again, still with one counts item
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems", "UpdateItem",
				"TransactWriteItems");
		assertThat(sentItems(1)).filteredOn((item) -> item.update() != null)
			.singleElement()
			.satisfies((item) -> assertThat(item.update().key().get("pk").s()).isEqualTo(TypeCounts.KEY));
		assertThat(this.tasks.countsByType()).containsOnly(Map.entry("Task", 1L), Map.entry("Document", 1L));
		assertThat(this.inspector.query(Document.class).stream()).hasSize(2);
	}

	@Test
	void eachTemplateUploadsItsOwnBlobsToItsStorageAndRemovesThemWhenTheTransactionIsCancelled() {
		SingleTableTemplate withBlobs = new SingleTableTemplate(this.factory);
		withBlobs.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), "pre",
				withBlobs.getConverter().getJsonMapper()));
		Task taken = this.inspector.create(task("taken"));

		// the task template, first to join, has no blob storage: the attachment goes to the other's
		this.tasks.transaction((tx) -> {
			tx.create(task("first"));
			withBlobs.create(new Attachment("a1", null, "text one"));
		});
		// one transaction, inside the blob lock of the attachment (taken and given back by its template)
		assertThat(dynamo.requests().operations()).containsExactly("UpdateItem", "TransactWriteItems", "DeleteItem");
		assertThat(s3.keys()).containsExactly("pre/Attachment/a1/text");
		assertThat(withBlobs.loadBlobs(withBlobs.getById(Attachment.class, "a1")).text()).isEqualTo("text one");

		assertThatExceptionOfType(TransactionCancelledException.class).isThrownBy(() -> this.tasks.transaction((tx) -> {
			withBlobs.create(new Attachment("a2", null, "text two"));
			tx.requireAbsent(Task.class, taken.id());
		}));
		assertThat(s3.keys()).containsExactly("pre/Attachment/a1/text");
		assertThat(withBlobs.findById(Attachment.class, "a2")).isEmpty();
	}

	@Test
	void afterCommitCallbacksRunWithTheTemplateThatMadeEachWrite() {
		List<String> saved = new CopyOnWriteArrayList<>();
		this.tasks.setEntityCallbacks(EntityCallbacks.create(recording("tasks", saved)));
		this.documents.setEntityCallbacks(EntityCallbacks.create(recording("documents", saved)));

		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.tasks.create(task("one"));
			this.documents.create(Document.of("two"));
			this.tasks.create(task("three"));
			assertThat(saved).isEmpty();
		});

		assertThat(saved).containsExactly("tasks Task", "documents Document", "tasks Task");
	}

	@Test
	void aReadOnlyTransactionRefusesTheWritesOfEveryTemplate() {
		TransactionTemplate readOnly = new TransactionTemplate(this.transactionManager);
		readOnly.setReadOnly(true);

		readOnly.executeWithoutResult((status) -> {
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.tasks.create(task("refused")))
				.withMessageContaining("read-only");
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.documents.create(Document.of("refused")))
				.withMessageContaining("read-only");
		});

		assertThat(dynamo.requests().total()).isZero();
	}

	@Test
	void requiresNewSuspendsTheTransactionOfTheFactoryForEveryTemplate() {
		TransactionTemplate outer = new TransactionTemplate(this.transactionManager);
		TransactionTemplate inner = new TransactionTemplate(new SingleTableTransactionManager(this.factory));
		inner.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);

		outer.executeWithoutResult((status) -> {
			this.documents.create(Document.of("rolled back with the outer transaction"));
			inner.executeWithoutResult((innerStatus) -> {
				this.tasks.create(task("committed on its own"));
				this.documents.transaction((tx) -> tx.create(Document.of("joins the inner one")));
			});
			assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
			status.setRollbackOnly();
		});

		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");
		assertThat(sentItems(0)).hasSize(3);
		assertThat(this.inspector.query(Task.class).stream()).hasSize(1);
		assertThat(this.inspector.query(Document.class).stream()).singleElement()
			.satisfies((document) -> assertThat(document.text()).isEqualTo("joins the inner one"));
	}

	// ---- another factory ---------------------------------------------------------------------------------

	@Test
	void aTemplateOnAnotherFactoryDoesNotJoin() {
		SingleTableTemplate elsewhere = new SingleTableTemplate(
				SingleTableDatabaseFactory.create(dynamo.client(), otherTable.tableName()));

		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> {
			this.tasks.create(task("collected"));
			elsewhere.create(task("another table: sent at once"));
			assertThat(dynamo.requests().operations()).containsExactly("PutItem");
			status.setRollbackOnly();
		});

		assertThat(dynamo.requests().operations()).containsExactly("PutItem");
		assertThat(this.inspector.query(Task.class).stream()).isEmpty();
		assertThat(elsewhere.query(Task.class).stream()).singleElement()
			.satisfies((task) -> assertThat(task.title()).isEqualTo("another table: sent at once"));
	}

	// ---- the template's transaction manager ----------------------------------------------------------

	@Test
	void templateTransactionsRunThroughTheManagerTheTemplateIsGiven() {
		List<String> phases = new ArrayList<>();
		this.transactionManager.addListener(new TransactionExecutionListener() {

			@Override
			public void afterCommit(TransactionExecution transaction, @Nullable Throwable failure) {
				phases.add("afterCommit");
			}

		});
		this.tasks.transaction((tx) -> tx.create(task("own manager")));
		assertThat(phases).isEmpty();

		this.tasks.setTransactionManager(this.transactionManager);
		this.tasks.transaction((tx) -> tx.create(task("given manager")));
		assertThat(phases).containsExactly("afterCommit");

		this.tasks.setTransactionManager(null);
		this.tasks.transaction((tx) -> tx.create(task("own manager again")));
		assertThat(phases).containsExactly("afterCommit");
		assertThat(this.inspector.query(Task.class).stream()).hasSize(3);
	}

	@Test
	void aManagerOfAnotherFactoryIsRefused() {
		SingleTableTransactionManager elsewhere = new SingleTableTransactionManager(
				SingleTableDatabaseFactory.create(dynamo.client(), dynamo.tableName()));

		assertThatIllegalArgumentException().isThrownBy(() -> this.tasks.setTransactionManager(elsewhere))
			.withMessageContaining("manages the transactions of")
			.withMessageContaining("getDatabaseFactory()");
	}

	private List<TransactWriteItem> sentItems(int request) {
		return dynamo.requests().sent(TransactWriteItemsRequest.class).get(request).transactItems();
	}

	private static AfterSaveCallback<Object> recording(String template, List<String> saved) {
		return new AfterSaveCallback<>() {

			@Override
			public Object onAfterSave(Object entity, Map<String, AttributeValue> item) {
				saved.add(template + " " + entity.getClass().getSimpleName());
				return entity;
			}

		};
	}

	private static Task task(String title) {
		return Task.of(title, Status.OPEN, "ann", LocalDate.of(2026, 1, 1), 1);
	}

	@SingleTableEntity
	record Attachment(@Id String id, @Version Long version, @BlobField String text) {
	}

}
