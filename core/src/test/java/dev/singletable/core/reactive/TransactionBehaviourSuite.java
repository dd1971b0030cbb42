package dev.singletable.core.reactive;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import dev.singletable.core.audit.AuditEntry;
import java.util.concurrent.atomic.AtomicReference;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.annotation.Id;

import dev.singletable.core.Changes;
import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.SingleTableSnapshot;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.TransactionCancelledException;
import dev.singletable.core.TransactionCancelledException.Failure;
import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Profile;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour of multi-item transactions, one suite for both APIs: {@link BlockingTransactionBehaviourTests} runs
 * it on {@code SingleTableTemplate.transaction}, {@link ReactiveTransactionBehaviourTests} on
 * {@link ReactiveSingleTableTemplate#transaction}, with the same assertions — one {@code TransactWriteItems}, the
 * limits refused before anything is sent with the same messages, the same {@link TransactionCancelledException}
 * naming each failed operation, nothing written when the work fails, the template's own writes joining.
 */
abstract class TransactionBehaviourSuite {

	/** The transactions under test. */
	abstract TransactionOps ops();

	/** The table's extension (its raw reads). */
	abstract DynamoDbLocalExtension dynamo();

	/** Another writer's write forced right before a request, installed in the client of each API's template. */
	static final BeforeRequest before = new BeforeRequest();

	@BeforeEach
	void resetForcedWrites() {
		before.reset();
	}

	@Test
	void aTransactionAcrossAVersionedAPlainAndACounterEntityIsOneRequest() {
		Document document = ops().template().create(Document.of("first"));
		Task task = ops().template().create(Task.of("ship", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		Stock stock = ops().template().create(new Stock(null, 10));
		AtomicReference<Document> updated = new AtomicReference<>();
		AtomicReference<Task> done = new AtomicReference<>();
		ops().requests().reset();

		ops().transaction((tx) -> {
			updated.set(tx.update(document.withText("second")));
			done.set(tx.update(task.withStatus(Task.Status.DONE)));
			tx.increment(Stock.class, stock.id(), "count", -1);
		});

		assertThat(ops().requests().operations()).containsExactly("TransactWriteItems");
		TransactWriteItemsRequest sent = ops().requests().sent(TransactWriteItemsRequest.class).get(0);
		assertThat(sent.transactItems()).hasSize(4);
		assertThat(sent.clientRequestToken()).isNotBlank();
		assertThat(updated.get().version()).isEqualTo(2);
		assertThat(ops().template().getById(Document.class, document.id())).isEqualTo(updated.get());
		assertThat(ops().template().findAllVersions(Document.class, document.id())).extracting(Document::version)
			.containsExactly(2, 1);
		assertThat(ops().template().getById(Task.class, task.id())).isEqualTo(done.get());
		assertThat(ops().template().getById(Stock.class, stock.id()).count()).isEqualTo(9);
	}

	@Test
	void aTransactionReturnsWhatItsWorkReturnedOnceItIsStored() {
		Document document = ops().template().create(Document.of("first"));
		ops().requests().reset();

		Document updated = ops().inTransaction((tx) -> {
			Document second = tx.update(document.withText("second"));
			tx.create(Document.of("beside it"));
			return second;
		});

		assertThat(ops().requests().operations()).containsExactly("TransactWriteItems");
		assertThat(updated.version()).isEqualTo(2);
		assertThat(updated.text()).isEqualTo("second");
		assertThat(ops().template().getById(Document.class, document.id())).isEqualTo(updated);
	}

	@Test
	void aCancelledTransactionReturnsNothingAndWritesNothing() {
		Document document = ops().template().create(Document.of("first"));
		ops().template().update(document.withText("someone else"));
		ops().requests().reset();

		TransactionCancelledException ex = cancellation(() -> ops().inTransaction((tx) -> {
			tx.create(Task.of("new", Task.Status.OPEN, "bob", LocalDate.of(2026, 2, 1), 1));
			return tx.update(document.withText("stale"));
		}));

		assertThat(ex.getFailures()).hasSize(1);
		assertThat(ops().template().getById(Document.class, document.id()).text()).isEqualTo("someone else");
	}

	@Test
	void aStaleVersionInOneOperationWritesNothingAndTheExceptionNamesThatOperation() {
		Document document = ops().template().create(Document.of("first"));
		ops().template().update(document.withText("someone else"));
		Stock stock = ops().template().create(new Stock(null, 10));
		AtomicReference<Task> created = new AtomicReference<>();
		ops().requests().reset();

		TransactionCancelledException ex = cancellation(() -> ops().transaction((tx) -> {
			created.set(tx.create(Task.of("new", Task.Status.OPEN, "bob", LocalDate.of(2026, 2, 1), 1)));
			tx.update(document.withText("stale"));
			tx.increment(Stock.class, stock.id(), "count", -1);
		}));

		assertThat(ops().requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(ex).isInstanceOf(DataAccessException.class);
		assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(1);
			assertThat(failure.operation()).isEqualTo("update");
			assertThat(failure.entityType()).isEqualTo(Document.class);
			assertThat(failure.id()).isEqualTo(document.id());
			assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT);
			assertThat(((VersionConflictException) failure.exception()).getActual()).isEqualTo(2L);
		});
		assertThat(ex.getMessage()).contains("update of Document '" + document.id() + "'");
		assertThat(ex.getCause()).isInstanceOf(VersionConflictException.class);
		assertThat(ops().template().findById(Task.class, created.get().id())).isEmpty();
		assertThat(ops().template().getById(Stock.class, stock.id()).count()).isEqualTo(10);
		assertThat(ops().template().getById(Document.class, document.id()).text()).isEqualTo("someone else");
	}

	@Test
	void eachFailedOperationIsNamedWithItsReason() {
		Stock existing = ops().template().create(new Stock(null, 1));
		Document document = ops().template().create(Document.of("first"));

		TransactionCancelledException ex = cancellation(() -> ops().transaction((tx) -> {
			tx.create(new Stock(existing.id(), 5));
			tx.increment(Stock.class, "missing", "count", 1);
			tx.requireVersion(document, 7);
			tx.requireExists(Task.class, "nobody");
		}));

		assertThat(ex.getFailures()).extracting(Failure::index, Failure::operation, Failure::reason)
			.containsExactly(Tuple.tuple(0, "create", Reason.ALREADY_EXISTS),
					Tuple.tuple(1, "increment", Reason.NOT_FOUND),
					Tuple.tuple(2, "requireVersion", Reason.VERSION_CONFLICT),
					Tuple.tuple(3, "requireExists", Reason.NOT_FOUND));
		assertThat(ex.getFailures().get(0).exception()).isInstanceOf(DuplicateResourceException.class);
		assertThat(ex.getMessage()).contains("Stock '" + existing.id() + "'", "Stock 'missing'",
				"Document '" + document.id() + "'", "Task 'nobody'");
	}

	@Test
	void moreThan100ItemsFailBeforeAnythingIsSent() {
		ops().requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> ops().transaction((tx) -> {
				for (int i = 0; i < 101; i++) {
					tx.create(new Stock("item-" + i, i));
				}
			}))
			.withMessageContaining("A transaction holds at most 100 items; with the create of Stock 'item-100' (1) it "
					+ "would hold 101: create of Stock: 100 items")
			.withMessageContaining("Nothing was sent.");
		assertThat(ops().requests().total()).isZero();
		assertThat(ops().template().findById(Stock.class, "item-0")).isEmpty();
	}

	@Test
	void aTransactionOfExactly100ItemsIsOneRequest() {
		ops().requests().reset();

		ops().transaction((tx) -> {
			for (int i = 0; i < 100; i++) {
				tx.create(new Stock("full-" + i, i));
			}
		});

		assertThat(ops().requests().operations()).containsExactly("TransactWriteItems");
		assertThat(ops().template().getById(Stock.class, "full-99").count()).isEqualTo(99);
	}

	@Test
	void withPerTypeCountsATransactionHolds99ItemsOfItsOwnAndTheCountsTheLast() {
		ops().template().setTrackCounts(true);
		ops().template().create(new Stock("counted", 0));
		long stocks = ops().template().countsByType().values().stream().mapToLong(Long::longValue).sum();
		ops().requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> ops().transaction((tx) -> {
				for (int i = 0; i < 100; i++) {
					tx.create(new Stock("over-" + i, i));
				}
			}))
			.withMessageContaining("A transaction holds at most 100 items (one of them the per-type counts); with the "
					+ "create of Stock 'over-99' (1) it would hold 100: create of Stock: 99 items")
			.withMessageContaining("Nothing was sent.");
		assertThat(ops().requests().total()).isZero();

		ops().transaction((tx) -> {
			for (int i = 0; i < 99; i++) {
				tx.create(new Stock("full-" + i, i));
			}
		});

		assertThat(ops().requests().operations()).containsExactly("TransactWriteItems");
		assertThat(ops().requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(100);
		assertThat(ops().template().countsByType().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(stocks + 99);
	}

	@Test
	void eachTemplateOfTheFactorySendsItsOwnUnitsAtTheCommitWithItsOwnPerTypeCounts() {
		// the template that joins second keeps the per-type counts, the first does not
		ops().sibling().setTrackCounts(true);
		ops().sibling().create(new Stock("counted", 0));
		long counted = ops().sibling().countsByType().values().stream().mapToLong(Long::longValue).sum();
		ops().requests().reset();

		ops().transaction((tx) -> {
			tx.create(new Stock("by-the-template", 1));
			tx.siblingCreate(new Stock("by-the-sibling", 2));
		});

		assertThat(ops().requests().operations()).containsExactly("TransactWriteItems");
		// both creates and the counts item, which counts the sibling's create only
		assertThat(ops().requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(3);
		assertThat(ops().template().getById(Stock.class, "by-the-template").count()).isEqualTo(1);
		assertThat(ops().template().getById(Stock.class, "by-the-sibling").count()).isEqualTo(2);
		assertThat(ops().sibling().countsByType().values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(counted + 1);
	}

	@Test
	void twoOperationsOnOneItemFailBeforeAnythingIsSent() {
		Task task = ops().template().create(Task.of("one", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		ops().requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> ops().transaction((tx) -> {
				tx.update(task.withStatus(Task.Status.DONE));
				tx.increment(Task.class, task.id(), "views", 1);
			}))
			.withMessageContaining("A transaction can hold one operation per item: the increment of Task '"
					+ task.id() + "' and the update of Task '" + task.id() + "' (operation 1)");
		assertThat(ops().requests().total()).isZero();
		assertThat(ops().template().getById(Task.class, task.id())).isEqualTo(task);
	}

	@Test
	void aFailingWorkWritesNothingAndLeavesAMutableEntityAsGiven() {
		Profile profile = new Profile("Ann");
		ops().requests().reset();

		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> ops().transaction((tx) -> {
			tx.create(profile);
			assertThat(profile.getId()).isNotNull();
			throw new IllegalStateException("the work failed");
		})).withMessage("the work failed");

		assertThat(ops().requests().operations()).doesNotContain("TransactWriteItems", "PutItem");
		assertThat(profile.getId()).isNull();
		assertThat(profile.getCreatedAt()).isNull();
	}

	@Test
	void theTemplatesOwnWritesInsideTheWorkJoinTheTransaction() {
		Task task = ops().template().create(Task.of("bound", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		Document document = ops().template().create(Document.of("v1"));
		AtomicReference<Stock> created = new AtomicReference<>();
		ops().requests().reset();

		ops().transaction((tx) -> {
			created.set(tx.templateCreate(new Stock(null, 3)));
			tx.templateUpdate(task.withStatus(Task.Status.DONE));
			assertThat(tx.templateDeleteById(Document.class, document.id())).isTrue();
			tx.requireAbsent(Stock.class, "not-there");
			assertThat(ops().requests().operations()).doesNotContain("TransactWriteItems", "PutItem", "DeleteItem");
		});

		assertThat(ops().requests().count("TransactWriteItems")).isEqualTo(1);
		// the create, the update, the check, and the document's v0 and v1
		assertThat(ops().requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(5);
		assertThat(ops().template().getById(Stock.class, created.get().id()).count()).isEqualTo(3);
		assertThat(ops().template().getById(Task.class, task.id()).status()).isEqualTo(Task.Status.DONE);
		assertThat(dynamo().sortKeys("Document#" + document.id())).isEmpty();
	}

	@Test
	void theTemplatesBulkAndCounterOperationsJoinOrAreRefusedAsByTheBlockingTemplate() {
		Task task = ops().template().create(Task.of("tagged", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		Stock first = ops().template().create(new Stock(null, 1));
		Stock second = ops().template().create(new Stock(null, 2));
		Document document = ops().template().create(Document.of("v1"));
		ops().template().update(document.withText("v2"));
		ops().requests().reset();

		ops().transaction((tx) -> {
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> tx.templatePutAll(List.of(new Stock("bulk", 1))))
				.withMessageContaining("putAll cannot join a transaction");
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> tx.templateIncrement(Stock.class, first.id(), "count", 1))
				.withMessageContaining("increment cannot join a transaction");
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> tx.templateDeleteVersion(Document.class, document.id(), 1))
				.withMessageContaining("deleteVersion cannot join a transaction");
			tx.templateAddToSet(Task.class, task.id(), "tags", "joined");
			tx.templateDeleteAllById(Stock.class, List.of(first.id(), second.id(), first.id()));
			assertThat(ops().requests().operations()).doesNotContain("TransactWriteItems", "UpdateItem",
					"BatchWriteItem", "DeleteItem");
		});

		assertThat(ops().requests().count("TransactWriteItems")).isEqualTo(1);
		// the set change and the two deletes
		assertThat(ops().requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(3);
		assertThat(ops().template().getById(Task.class, task.id()).tags()).contains("joined");
		assertThat(ops().template().findById(Stock.class, first.id())).isEmpty();
		assertThat(ops().template().findById(Stock.class, second.id())).isEmpty();
		assertThat(ops().template().findById(Stock.class, "bulk")).isEmpty();
		assertThat(ops().template().findVersion(Document.class, document.id(), 1)).isPresent();
	}

	@Test
	void restoresAndVersionedDeletesAreOperationsOfTheTransaction() {
		Document kept = ops().template().create(Document.of("v1"));
		kept = ops().template().update(kept.withText("v2"));
		Document removed = ops().template().create(Document.of("0"));
		Document latest = ops().template().update(removed.withText("1"));
		AtomicReference<Document> restored = new AtomicReference<>();
		String id = kept.id();
		ops().requests().reset();

		ops().transaction((tx) -> {
			restored.set(tx.restoreVersion(Document.class, id, 1));
			tx.delete(latest);
		});

		assertThat(ops().requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(restored.get().version()).isEqualTo(3);
		assertThat(restored.get().text()).isEqualTo("v1");
		assertThat(ops().template().getById(Document.class, id)).isEqualTo(restored.get());
		assertThat(dynamo().sortKeys("Document#" + removed.id())).isEmpty();
	}

	@Test
	void saveAndChangesAreOperationsOfTheTransaction() {
		Document document = ops().template().create(Document.of("v1"));
		Task task = ops().template().create(Task.of("changed", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		AtomicReference<Document> saved = new AtomicReference<>();
		AtomicReference<Task> changed = new AtomicReference<>();
		AtomicReference<Document> created = new AtomicReference<>();
		ops().requests().reset();

		ops().transaction((tx) -> {
			saved.set(tx.save(document.withText("v2")));
			changed.set(tx.update(task, Changes.set("owner", "bob")));
			created.set(tx.save(Document.of("new")));
		});

		assertThat(ops().requests().count("TransactWriteItems")).isEqualTo(1);
		assertThat(saved.get().version()).isEqualTo(2);
		assertThat(created.get().version()).isEqualTo(1);
		assertThat(changed.get().owner()).isEqualTo("bob");
		assertThat(ops().template().getById(Document.class, document.id())).isEqualTo(saved.get());
		assertThat(ops().template().getById(Document.class, created.get().id())).isEqualTo(created.get());
		assertThat(ops().template().getById(Task.class, task.id())).isEqualTo(changed.get());
	}

	@Test
	void aWriterBetweenTheReadAndTheCommitCancelsTheTransaction() {
		Document document = ops().template().create(Document.of("v1"));
		Stock stock = ops().template().create(new Stock(null, 5));

		// the other writer's update is sent, on its own, after the transaction collected its update of the version
		// read and before it commits
		TransactionCancelledException ex = cancellation(() -> ops().transaction((tx) -> {
			tx.update(document.withText("mine"));
			tx.increment(Stock.class, stock.id(), "count", 1);
			ops().otherWriter().update(document.withText("theirs"));
		}));

		assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isZero();
			assertThat(failure.id()).isEqualTo(document.id());
			assertThat(failure.reason()).isEqualTo(Reason.VERSION_CONFLICT);
		});
		assertThat(ops().template().getById(Document.class, document.id()).text()).isEqualTo("theirs");
		assertThat(ops().template().getById(Stock.class, stock.id()).count()).isEqualTo(5);
	}

	@Test
	void anAuditedDeleteByIdOfNothingInATransactionWritesNoRowAndOfSomethingOne() {
		TemplateBehaviourSuite.Ledger ledger = ops().template()
			.create(new TemplateBehaviourSuite.Ledger(null, null, null, null, "a@example.com", "s", 1));
		int before = ops().template().allAuditRows().size();
		ops().transaction((tx) -> {
			tx.deleteById(TemplateBehaviourSuite.Ledger.class, "never-stored");
			tx.deleteById(TemplateBehaviourSuite.Ledger.class, ledger.id());
			tx.templateDeleteById(TemplateBehaviourSuite.Ledger.class, "never-stored-either");
			tx.templateDeleteAllById(TemplateBehaviourSuite.Badge.class, List.of("nor-this", "nor-that"));
		});
		assertThat(dynamo().sortKeys("Ledger#" + ledger.id())).isEmpty();
		List<AuditEntry> rows = ops().template().allAuditRows();
		assertThat(rows).hasSize(before + 1);
		assertThat(ops().template().auditPage("Ledger", ledger.id(), 1, null).items().get(0).operation())
			.isEqualTo(AuditEntry.DELETE);
		assertThat(ops().template().auditPage("Ledger", "never-stored", 10, null).items()).isEmpty();
		assertThat(ops().template().auditPage("Badge", "nor-this", 10, null).items()).isEmpty();
	}

	@Test
	void aDeleteInATransactionOfAnEntityAlreadyGoneWritesNoAuditRowAndTakesNoCountOff() {
		ops().template().setTrackCounts(true);
		ops().otherWriter().setTrackCounts(true);
		TemplateBehaviourSuite.Badge badge = ops().template()
			.create(new TemplateBehaviourSuite.Badge("gone-badge", null, "gold"));
		Stock stock = ops().template().create(new Stock(null, 1));
		// another writer deletes both after they were read
		assertThat(ops().otherWriter().deleteById(TemplateBehaviourSuite.Badge.class, badge.id())).isTrue();
		assertThat(ops().otherWriter().deleteById(Stock.class, stock.id())).isTrue();
		int rows = ops().template().allAuditRows().size();
		Map<String, Long> counts = ops().template().countsByType();

		// deletes of what may be gone: nothing to do, as outside a transaction
		ops().transaction((tx) -> {
			tx.delete(badge);
			tx.delete(stock);
		});

		assertThat(ops().template().allAuditRows()).hasSize(rows);
		assertThat(ops().template().auditPage("Badge", badge.id(), 10, null).items()).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.CREATE);
		assertThat(ops().template().countsByType()).isEqualTo(counts);
	}

	@Test
	void aDeleteByIdMeetingAVersionWrittenBeforeTheCommitReadsTheVersionsAgainAndDeletesThemAll() {
		Document document = ops().template().create(Document.of("v1"));
		Stock stock = ops().template().create(new Stock(null, 5));
		ops().requests().reset();

		ops().transaction((tx) -> {
			tx.deleteById(Document.class, document.id());
			tx.increment(Stock.class, stock.id(), "count", 1);
			// written after the delete read the versions, before the commit
			ops().otherWriter().update(document.withText("v2"));
		});

		assertThat(dynamo().sortKeys("Document#" + document.id())).isEmpty();
		assertThat(ops().template().findById(Document.class, document.id())).isEmpty();
		assertThat(ops().template().getById(Stock.class, stock.id()).count()).isEqualTo(6);
		// cancelled by the version written since, then sent again with the versions read again
		assertThat(ops().requests().count("TransactWriteItems")).isEqualTo(3);
		List<TransactWriteItemsRequest> sent = ops().requests().sent(TransactWriteItemsRequest.class);
		assertThat(sent.get(sent.size() - 1).transactItems()).hasSize(4);
	}

	@Test
	void aDeleteByIdMeetingAVersionCommittedAsTheTransactionIsSentReadsTheVersionsAgainAndDeletesThemAll() {
		Document document = ops().template().create(Document.of("v1"));
		Stock stock = ops().template().create(new Stock(null, 5));
		SingleTableTemplate other = new SingleTableTemplate(dynamo().rawClient(), dynamo().tableName());
		// the delete read v0 and v1; version 2 is committed right before the transaction reaches the server
		before.once("TransactWriteItems", () -> other.update(document.withText("v2")));

		ops().transaction((tx) -> {
			tx.deleteById(Document.class, document.id());
			tx.increment(Stock.class, stock.id(), "count", 1);
		});

		assertThat(other.findVersion(Document.class, document.id(), 2)).isEmpty();
		assertThat(dynamo().sortKeys("Document#" + document.id())).isEmpty();
		assertThat(ops().template().findById(Document.class, document.id())).isEmpty();
		// the increment went with the delete that was committed, once
		assertThat(ops().template().getById(Stock.class, stock.id()).count()).isEqualTo(6);
	}

	@Test
	void anEmptyTransactionSendsNothing() {
		ops().requests().reset();

		ops().transaction((tx) -> {
		});

		assertThat(ops().requests().total()).isZero();
	}

	@Test
	void aReadTransactionReadsSeveralTypesAsOneSnapshotInOneRequest() {
		Document document = ops().template().create(Document.of("first"));
		Task task = ops().template().create(Task.of("read", Task.Status.OPEN, "ann", LocalDate.of(2026, 1, 5), 3));
		ops().requests().reset();

		SingleTableSnapshot snapshot = ops().readTransaction((r) -> {
			r.get(Document.class, document.id());
			r.get(Task.class, task.id());
			r.get(Task.class, task.id());
			r.get(Stock.class, "missing");
		});

		assertThat(ops().requests().operations()).containsExactly("TransactGetItems");
		assertThat(ops().requests().sent(TransactGetItemsRequest.class).get(0).transactItems()).hasSize(3);
		assertThat(snapshot.get(Document.class, document.id())).contains(document);
		assertThat(snapshot.get(Task.class, task.id())).contains(task);
		assertThat(snapshot.get(Stock.class, "missing")).isEmpty();
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> snapshot.get(Stock.class, "other"))
			.withMessageContaining("Stock 'other' was not read");
	}

	@Test
	void aReadTransactionOfMoreThan100ResourcesFailsBeforeSending() {
		ops().requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> ops().readTransaction((r) -> {
				for (int i = 0; i < 101; i++) {
					r.get(Stock.class, "i" + i);
				}
			}))
			.withMessage("A transactional read holds at most 100 items; this one names 101 resources. Split it into "
					+ "several reads. Nothing was sent.");
		assertThat(ops().requests().total()).isZero();
	}

	static TransactionCancelledException cancellation(Runnable action) {
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
	record Stock(@Id String id, long count) {
	}

}
