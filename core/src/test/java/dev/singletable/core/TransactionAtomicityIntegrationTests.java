package dev.singletable.core;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.TransactionFixtures.Bin;
import dev.singletable.core.TransactionFixtures.Ledger;
import dev.singletable.core.TransactionCancelledException.Failure;
import dev.singletable.core.TransactionCancelledException.Reason;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Task;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static dev.singletable.core.TransactionFixtures.documentAtVersion;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Transactions are all or nothing (from issue 14), with cases the other transaction tests do not use: every kind of
 * operation in one request, each kind failing in turn, lost responses, the 100-item count of versioned writes and
 * deletes, and two operations meeting on one item.
 */
class TransactionAtomicityIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	/** A second template on the same table: its writes are never part of the first one's transactions. */
	private SingleTableTemplate other;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
		this.other = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	// ---- one request, every kind of operation ---------------------------------------------------------

	@Test
	void everyKindOfOperationGoesInOneRequestAndEachIsApplied() {
		Document pruned = documentAtVersion(this.template, 4);
		Document removed = documentAtVersion(this.template, 2);
		Note checked = this.template.create(Note.of("checked"));
		Task task = this.template.create(task("plain"));
		Bin counter = this.template.create(new Bin("b-count", 10, Set.of("x"), List.of("a")));
		Bin tagged = this.template.create(new Bin("b-tag", 0, Set.of("x"), List.of()));
		Bin untagged = this.template.create(new Bin("b-untag", 0, Set.of("x", "y"), List.of()));
		Bin logged = this.template.create(new Bin("b-log", 0, Set.of("x"), List.of("a")));
		AtomicReference<Document> updated = new AtomicReference<>();
		AtomicReference<Task> updatedTask = new AtomicReference<>();
		AtomicReference<Document> created = new AtomicReference<>();
		// the prunes the set-up's updates left after their answers are done
		BackgroundCleanups.await();
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			updated.set(tx.update(pruned.withText("five")));
			updatedTask.set(tx.update(task.withOwner("zoe")));
			created.set(tx.create(Document.of("new")));
			tx.increment(Bin.class, counter.id(), "qty", -3);
			tx.addToSet(Bin.class, tagged.id(), "tags", "y", "z");
			tx.removeFromSet(Bin.class, untagged.id(), "tags", "y");
			tx.appendToList(Bin.class, logged.id(), "log", "b", "c");
			tx.delete(removed);
			tx.requireVersion(checked, 1);
			tx.requireAbsent(Bin.class, "never");
		});

		BackgroundCleanups.await();
		// the versioned delete read its stored versions when it was added: the only other request before the
		// answer; after it, the update prunes v2, which leaves the window, once its probe of v1 found nothing
		assertThat(dynamo.requests().operations()).containsExactly("Query", "TransactWriteItems", "GetItem",
				"DeleteItem");
		TransactWriteItemsRequest sent = dynamo.requests().sent(TransactWriteItemsRequest.class).get(0);
		// versioned update 2 (its prune runs after the answer), plain update 1, versioned create 2, four atomic 4,
		// delete of v0-v2 3, two checks 2
		assertThat(sent.transactItems()).hasSize(14);
		assertThat(sent.clientRequestToken()).isNotBlank();
		assertThat(updated.get().version()).isEqualTo(5);
		assertThat(created.get().version()).isEqualTo(1);
		assertThat(created.get().id()).isNotBlank();
		assertThat(this.template.getById(Document.class, pruned.id())).isEqualTo(updated.get());
		assertThat(dynamo.sortKeys("Document#" + pruned.id())).containsExactlyInAnyOrder("v0", "v3", "v4", "v5");
		assertThat(this.template.getById(Document.class, created.get().id())).isEqualTo(created.get());
		assertThat(this.template.getById(Task.class, task.id())).isEqualTo(updatedTask.get());
		assertThat(this.template.getById(Bin.class, counter.id()).qty()).isEqualTo(7);
		assertThat(this.template.getById(Bin.class, tagged.id()).tags()).containsExactlyInAnyOrder("x", "y", "z");
		assertThat(this.template.getById(Bin.class, untagged.id()).tags()).containsExactly("x");
		assertThat(this.template.getById(Bin.class, logged.id()).log()).containsExactly("a", "b", "c");
		assertThat(dynamo.sortKeys("Document#" + removed.id())).isEmpty();
	}

	@Test
	void savesAndChangesInATransactionReturnTheVersionsTheyAreStoredWith() {
		Document existing = documentAtVersion(this.template, 2);
		Note note = this.template.create(Note.of("n"));
		AtomicReference<Document> saved = new AtomicReference<>();
		AtomicReference<Document> savedNew = new AtomicReference<>();
		AtomicReference<Note> changed = new AtomicReference<>();
		AtomicReference<Document> restored = new AtomicReference<>();
		Document another = documentAtVersion(this.template, 3);

		this.template.transaction((tx) -> {
			saved.set(tx.save(existing.withText("saved")));
			savedNew.set(tx.save(Document.of("brand new")));
			changed.set(tx.update(note, Changes.set("title", "changed")));
			restored.set(tx.restoreVersion(Document.class, another.id(), 1));
		});

		assertThat(saved.get().version()).isEqualTo(3);
		assertThat(savedNew.get().version()).isEqualTo(1);
		assertThat(changed.get().version()).isEqualTo(2L);
		assertThat(changed.get().title()).isEqualTo("changed");
		assertThat(restored.get().version()).isEqualTo(4);
		assertThat(this.template.getById(Document.class, existing.id())).isEqualTo(saved.get());
		assertThat(this.template.getById(Document.class, savedNew.get().id())).isEqualTo(savedNew.get());
		assertThat(this.template.getById(Note.class, note.id())).isEqualTo(changed.get());
		assertThat(this.template.getById(Document.class, another.id())).isEqualTo(restored.get());
		// the returned entities can be written again as read
		this.template.update(saved.get().withText("again"));
		this.template.update(changed.get().withTitle("again"));
	}

	@Test
	void aVersionedCreateUpdateAndReadOutsideATransactionAreStillOneRequestEach() {
		dynamo.requests().reset();
		Document created = this.template.create(Document.of("one"));
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");

		dynamo.requests().reset();
		Document updated = this.template.update(created.withText("two"));
		assertThat(dynamo.requests().operations()).containsExactly("TransactWriteItems");

		dynamo.requests().reset();
		assertThat(this.template.getById(Document.class, created.id())).isEqualTo(updated);
		assertThat(dynamo.requests().operations()).containsExactly("GetItem");
	}

	// ---- all or nothing, each kind of operation failing in turn ----------------------------------------

	/** One operation that fails its condition, added in the middle of otherwise valid operations. */
	enum Poison {

		STALE_VERSIONED_UPDATE(Reason.VERSION_CONFLICT, VersionConflictException.class),

		CREATE_EXISTING_VERSIONED(Reason.ALREADY_EXISTS, DuplicateResourceException.class),

		CREATE_EXISTING_PLAIN(Reason.ALREADY_EXISTS, DuplicateResourceException.class),

		UPDATE_MISSING_VERSIONED(Reason.NOT_FOUND, NoSuchResourceException.class),

		UPDATE_MISSING_PLAIN(Reason.NOT_FOUND, NoSuchResourceException.class),

		STALE_PLAIN_UPDATE(Reason.VERSION_CONFLICT, VersionConflictException.class),

		INCREMENT_MISSING(Reason.NOT_FOUND, NoSuchResourceException.class),

		ADD_TO_SET_MISSING(Reason.NOT_FOUND, NoSuchResourceException.class),

		REMOVE_FROM_SET_MISSING(Reason.NOT_FOUND, NoSuchResourceException.class),

		APPEND_TO_LIST_MISSING(Reason.NOT_FOUND, NoSuchResourceException.class),

		STALE_VERSIONED_DELETE(Reason.VERSION_CONFLICT, VersionConflictException.class),

		STALE_PLAIN_DELETE(Reason.VERSION_CONFLICT, VersionConflictException.class),

		REQUIRE_VERSION_WRONG(Reason.VERSION_CONFLICT, VersionConflictException.class),

		REQUIRE_EXISTS_MISSING(Reason.NOT_FOUND, NoSuchResourceException.class),

		REQUIRE_ABSENT_PRESENT(Reason.ALREADY_EXISTS, DuplicateResourceException.class),

		CHANGED_BY_ANOTHER_WRITER_AFTER_ADDING(Reason.VERSION_CONFLICT, VersionConflictException.class);

		final Reason reason;

		final Class<? extends DataAccessException> exception;

		Poison(Reason reason, Class<? extends DataAccessException> exception) {
			this.reason = reason;
			this.exception = exception;
		}

	}

	@ParameterizedTest
	@EnumSource(Poison.class)
	void whenAnyOneOperationFailsNothingIsWrittenAndTheExceptionNamesItAndWhy(Poison poison) {
		Document document = documentAtVersion(this.template, 2);
		Document victim = documentAtVersion(this.template, 2);
		Task task = this.template.create(task("kept"));
		Task changedTask = this.template.create(task("changed"));
		this.template.update(changedTask.withPriority(9));
		Bin bin = this.template.create(new Bin("bin-" + poison, 5, Set.of("x"), List.of("a")));
		Bin present = this.template.create(new Bin("present-" + poison, 5, Set.of("x"), List.of("a")));
		Document staleVictim = victim.withText("stale");
		this.other.update(victim.withText("moved on"));
		String missing = "missing-" + poison;
		AtomicReference<Task> createdTask = new AtomicReference<>();
		AtomicReference<Document> createdDocument = new AtomicReference<>();
		AtomicReference<String> poisonedId = new AtomicReference<>();
		dynamo.requests().reset();

		Throwable thrown = catchThrowable(() -> this.template.transaction((tx) -> {
			createdTask.set(tx.create(task("new")));
			tx.update(document.withText("mine"));
			switch (poison) {
				case STALE_VERSIONED_UPDATE -> {
					tx.update(staleVictim);
					poisonedId.set(victim.id());
				}
				case CREATE_EXISTING_VERSIONED -> {
					tx.create(new Document(victim.id(), null, null, null, "dup", null, null));
					poisonedId.set(victim.id());
				}
				case CREATE_EXISTING_PLAIN -> {
					tx.create(new Bin(present.id(), 1, Set.of("x"), List.of()));
					poisonedId.set(present.id());
				}
				case UPDATE_MISSING_VERSIONED -> {
					tx.update(new Document(missing, 1, document.createdAt(), document.updatedAt(), "x", null, null));
					poisonedId.set(missing);
				}
				case UPDATE_MISSING_PLAIN -> {
					tx.update(new Task(missing, task.createdAt(), task.updatedAt(), "t", Task.Status.OPEN, "ann",
							LocalDate.of(2026, 1, 1), 1, 0, Set.of(), List.of(), java.util.Map.of()));
					poisonedId.set(missing);
				}
				case STALE_PLAIN_UPDATE -> {
					tx.update(changedTask.withOwner("late"));
					poisonedId.set(changedTask.id());
				}
				case INCREMENT_MISSING -> {
					tx.increment(Bin.class, missing, "qty", 1);
					poisonedId.set(missing);
				}
				case ADD_TO_SET_MISSING -> {
					tx.addToSet(Bin.class, missing, "tags", "q");
					poisonedId.set(missing);
				}
				case REMOVE_FROM_SET_MISSING -> {
					tx.removeFromSet(Bin.class, missing, "tags", "q");
					poisonedId.set(missing);
				}
				case APPEND_TO_LIST_MISSING -> {
					tx.appendToList(Bin.class, missing, "log", "q");
					poisonedId.set(missing);
				}
				case STALE_VERSIONED_DELETE -> {
					tx.delete(victim);
					poisonedId.set(victim.id());
				}
				case STALE_PLAIN_DELETE -> {
					tx.delete(changedTask);
					poisonedId.set(changedTask.id());
				}
				case REQUIRE_VERSION_WRONG -> {
					tx.requireVersion(Document.class, victim.id(), 2);
					poisonedId.set(victim.id());
				}
				case REQUIRE_EXISTS_MISSING -> {
					tx.requireExists(Document.class, missing);
					poisonedId.set(missing);
				}
				case REQUIRE_ABSENT_PRESENT -> {
					tx.requireAbsent(Bin.class, present.id());
					poisonedId.set(present.id());
				}
				case CHANGED_BY_ANOTHER_WRITER_AFTER_ADDING -> {
					Document current = this.template.getById(Document.class, victim.id());
					tx.update(current.withText("mine too"));
					this.other.update(current.withText("theirs"));
					poisonedId.set(victim.id());
				}
			}
			createdDocument.set(tx.create(Document.of("also new")));
			tx.increment(Bin.class, bin.id(), "qty", 100);
		}));

		assertThat(thrown).isInstanceOf(TransactionCancelledException.class)
			.isInstanceOf(DataIntegrityViolationException.class);
		TransactionCancelledException ex = (TransactionCancelledException) thrown;
		assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.index()).isEqualTo(2);
			assertThat(failure.id()).isEqualTo(poisonedId.get());
			assertThat(failure.reason()).isEqualTo(poison.reason);
			assertThat(failure.exception()).isInstanceOf(poison.exception);
			assertThat(ex.getMessage()).contains("operation 3, " + failure.operation() + " of "
					+ failure.entityType().getSimpleName() + " '" + poisonedId.get() + "' (" + poison.reason + ")");
		});
		// one request (and the other writer's own update)
		assertThat(dynamo.requests().count("TransactWriteItems"))
			.isEqualTo((poison == Poison.CHANGED_BY_ANOTHER_WRITER_AFTER_ADDING) ? 2 : 1);
		// nothing of the other operations was written
		assertThat(this.template.findById(Task.class, createdTask.get().id())).isEmpty();
		assertThat(this.template.findById(Document.class, createdDocument.get().id())).isEmpty();
		assertThat(this.template.getById(Document.class, document.id())).isEqualTo(document);
		assertThat(dynamo.sortKeys("Document#" + document.id())).containsExactlyInAnyOrder("v0", "v1", "v2");
		assertThat(this.template.getById(Bin.class, bin.id()).qty()).isEqualTo(5);
		assertThat(this.template.findById(Bin.class, missing)).isEmpty();
		assertThat(this.template.findById(Document.class, missing)).isEmpty();
		assertThat(this.template.getById(Task.class, changedTask.id()).priority()).isEqualTo(9);
		assertThat(this.template.getById(Task.class, changedTask.id()).owner()).isEqualTo("ann");
		assertThat(this.template.getById(Bin.class, present.id()).qty()).isEqualTo(5);
	}

	@Test
	void severalFailedOperationsAreEachNamedInOrder() {
		Document stale = documentAtVersion(this.template, 1);
		this.other.update(stale.withText("moved"));
		Bin bin = this.template.create(new Bin("several", 1, Set.of("x"), List.of()));

		TransactionCancelledException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				TransactionCancelledException.class, () -> this.template.transaction((tx) -> {
					tx.requireExists(Bin.class, bin.id());
					tx.update(stale.withText("late"));
					tx.create(new Bin(bin.id() + "-new", 1, Set.of("x"), List.of()));
					tx.appendToList(Bin.class, "nope", "log", "x");
				}));

		assertThat(ex.getFailures()).extracting(Failure::index, Failure::operation, Failure::entityType, Failure::id,
				Failure::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "update", Document.class, stale.id(),
					Reason.VERSION_CONFLICT),
					org.assertj.core.groups.Tuple.tuple(3, "appendToList", Bin.class, "nope", Reason.NOT_FOUND));
		assertThat(this.template.findById(Bin.class, bin.id() + "-new")).isEmpty();
	}

	@Test
	void aCancellationCarriesTheFirstFailedOperationsExceptionAsItsCauseForRetryRules() {
		Document stale = documentAtVersion(this.template, 1);
		this.other.update(stale.withText("moved"));

		TransactionCancelledException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				TransactionCancelledException.class, () -> this.template.transaction((tx) -> {
					tx.create(task("new"));
					tx.update(stale.withText("late"));
				}));

		assertThat(ex.getCause()).isSameAs(ex.getFailures().get(0).exception())
			.isInstanceOf(org.springframework.dao.OptimisticLockingFailureException.class);
		assertThat(ex.contains(org.springframework.dao.OptimisticLockingFailureException.class)).isTrue();
	}

	@Test
	void aFailedRequireVersionSaysWhichVersionWasRequiredAndWhichIsStored() {
		Document document = documentAtVersion(this.template, 3);

		TransactionCancelledException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				TransactionCancelledException.class,
				() -> this.template.transaction((tx) -> tx.requireVersion(Document.class, document.id(), 2)));

		assertThat(ex.getFailures()).singleElement().satisfies((failure) -> {
			assertThat(failure.operation()).isEqualTo("requireVersion");
			assertThat(failure.exception()).isInstanceOf(VersionConflictException.class)
				.hasMessageContaining("Document '" + document.id() + "' is at version 3, not the version 2 the "
						+ "transaction requires");
			assertThat(((VersionConflictException) failure.exception()).getExpected()).isEqualTo(2L);
			assertThat(((VersionConflictException) failure.exception()).getActual()).isEqualTo(3L);
		});
	}

	// ---- deletes by id of versioned resources, racing a writer -----------------------------------------

	@Test
	void aVersionedDeleteByIdInATransactionAlsoDeletesAVersionWrittenAfterItWasAdded() {
		Document document = documentAtVersion(this.template, 2);
		Bin bin = this.template.create(new Bin("race", 1, Set.of("x"), List.of()));

		this.template.transaction((tx) -> {
			tx.deleteById(Document.class, document.id());
			tx.increment(Bin.class, bin.id(), "qty", 1);
			// another writer adds v3 between the read of the versions and the commit
			this.other.update(document.withText("meanwhile"));
		});

		assertThat(dynamo.sortKeys("Document#" + document.id())).isEmpty();
		assertThat(this.template.getById(Bin.class, bin.id()).qty()).isEqualTo(2);
	}

	@Test
	void aVersionedDeleteByIdOfNothingInATransactionDoesNotLeaveHalfOfAResourceCreatedMeanwhile() {
		AtomicReference<Document> created = new AtomicReference<>();

		this.template.transaction((tx) -> {
			tx.deleteById(Document.class, "born-meanwhile");
			created.set(this.other.create(new Document("born-meanwhile", null, null, null, "new", null, null)));
		});

		// deleted entirely (it was deleted after it was created) or kept entirely, never v1 without v0
		List<String> keys = dynamo.sortKeys("Document#born-meanwhile");
		assertThat(keys.isEmpty() || Set.copyOf(keys).equals(Set.of("v0", "v1"))).as("stored %s", keys).isTrue();
	}

	@Test
	void aVersionedDeleteByIdOutsideATransactionAlsoDeletesAVersionWrittenWhileItRuns() {
		Document document = documentAtVersion(this.template, 2);
		SingleTableTemplate unobserved = new SingleTableTemplate(dynamo.rawClient(), dynamo.tableName());
		dynamo.faults().rewriteNext("Query", (response) -> {
			// another writer adds v3 once the versions were read
			unobserved.update(document.withText("meanwhile"));
			return response;
		});

		assertThat(this.template.deleteById(Document.class, document.id())).isTrue();

		assertThat(dynamo.sortKeys("Document#" + document.id())).isEmpty();
		assertThat(this.template.findById(Document.class, document.id())).isEmpty();
	}

	// ---- idempotency -----------------------------------------------------------------------------------

	@Test
	void aTransactionWhoseResponseIsLostIsRetriedWithItsTokenAndAppliedOnce() {
		Document document = documentAtVersion(this.template, 1);
		Bin bin = this.template.create(new Bin("lost", 10, Set.of("x"), List.of()));
		AtomicReference<Document> updated = new AtomicReference<>();
		dynamo.faults().failNextAfterTransmission("TransactWriteItems", 1, FaultInjector::serverError);
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			updated.set(tx.update(document.withText("once")));
			tx.increment(Bin.class, bin.id(), "qty", 5);
			tx.create(new Bin(bin.id() + "-other", 1, Set.of("x"), List.of()));
		});

		// one call with its token, sent twice: the first attempt was applied, its response lost
		assertThat(dynamo.requests().count("TransactWriteItems")).isEqualTo(2);
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class)).singleElement()
			.satisfies((request) -> assertThat(request.clientRequestToken()).isNotBlank());
		assertThat(this.template.getById(Bin.class, bin.id()).qty()).isEqualTo(15);
		assertThat(this.template.getById(Document.class, document.id())).isEqualTo(updated.get());
		assertThat(this.template.findById(Bin.class, bin.id() + "-other")).isPresent();
	}

	// ---- limits, before anything is sent ---------------------------------------------------------------

	@Test
	void versionedUpdatesCountTwoItemsTheirPruneOutsideAndExactly100ItemsAreOneRequest() {
		// at version 4 of maxVersions = 3, so that each update prunes a version: after the answer, not in the
		// transaction, whose items are the new version and v0 alone
		List<Document> documents = new ArrayList<>();
		for (int i = 0; i < 48; i++) {
			documents.add(documentAtVersion(this.template, 4));
		}
		BackgroundCleanups.await();
		dynamo.requests().reset();

		this.template.transaction((tx) -> {
			documents.forEach((document) -> tx.update(document.withText("next")));
			tx.create(Document.of("two items"));
			tx.create(new Bin("c-1", 1, Set.of("x"), List.of()));
			tx.requireAbsent(Bin.class, "c-2");
		});

		BackgroundCleanups.await();
		List<String> operations = dynamo.requests().operations();
		// one request before the answer, then each update's probe and prune
		assertThat(operations.get(0)).isEqualTo("TransactWriteItems");
		assertThat(operations.subList(1, operations.size())).containsOnly("GetItem", "DeleteItem");
		assertThat(dynamo.requests().count("GetItem")).isEqualTo(48);
		assertThat(dynamo.requests().count("DeleteItem")).isEqualTo(48);
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(100);

		List<Document> again = documents.stream()
			.map((document) -> this.template.getById(Document.class, document.id()))
			.toList();
		BackgroundCleanups.await();
		dynamo.requests().reset();
		this.template.transaction((tx) -> {
			again.forEach((document) -> tx.update(document.withText("next again")));
			tx.create(Document.of("two items"));
			tx.create(new Bin("c-3", 1, Set.of("x"), List.of()));
			tx.increment(Bin.class, "c-1", "qty", 1);
		});
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(100);
		assertThat(this.template.getById(Bin.class, "c-1").qty()).isEqualTo(2);

		List<Document> third = documents.stream()
			.map((document) -> this.template.getById(Document.class, document.id()))
			.toList();
		BackgroundCleanups.await();
		dynamo.requests().reset();
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				third.forEach((document) -> tx.update(document.withText("too many")));
				tx.create(Document.of("two items"));
				tx.create(new Bin("c-4", 1, Set.of("x"), List.of()));
				tx.create(new Bin("c-5", 1, Set.of("x"), List.of()));
				tx.requireExists(Task.class, "the-101st");
			}))
			.withMessageContaining("at most 100 items")
			.withMessageContaining("requireExists of Task 'the-101st'")
			.withMessageContaining("101")
			.withMessageContaining("update of Document: 96 items");
		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems");
		assertThat(this.template.findById(Bin.class, "c-4")).isEmpty();
		assertThat(this.template.getById(Document.class, third.get(0).id()).version()).isEqualTo(6);
	}

	@Test
	void aVersionedDeleteCountsEachStoredVersion() {
		Document longHistory = documentAtVersion(this.template, 3);
		List<Bin> bins = new ArrayList<>();
		for (int i = 0; i < 97; i++) {
			bins.add(new Bin("d-" + i, i, Set.of("x"), List.of()));
		}
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				bins.forEach(tx::create);
				tx.delete(longHistory);
			}))
			.withMessageContaining("delete of Document '" + longHistory.id() + "' (4)")
			.withMessageContaining("101");
		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems");
		assertThat(this.template.findById(Bin.class, "d-0")).isEmpty();

		this.template.transaction((tx) -> {
			bins.subList(0, 96).forEach(tx::create);
			tx.delete(longHistory);
		});
		assertThat(dynamo.sortKeys("Document#" + longHistory.id())).isEmpty();
		assertThat(this.template.getById(Bin.class, "d-95").qty()).isEqualTo(95);
	}

	@Test
	void withCountsKeptOneItemIsReservedForThem() {
		this.template.setTrackCounts(true);
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				for (int i = 0; i < 100; i++) {
					tx.create(new Bin("r-" + i, i, Set.of("x"), List.of()));
				}
			}))
			.withMessageContaining("per-type counts")
			.withMessageContaining("create of Bin 'r-99'");
		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems");

		this.template.transaction((tx) -> {
			for (int i = 0; i < 99; i++) {
				tx.create(new Bin("r-" + i, i, Set.of("x"), List.of()));
			}
		});
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(100);
		assertThat(this.template.countsByType()).containsEntry("Bin", 99L);
	}

	@Test
	void auditRowsCountAmongTheItemsAndShiftNoFailureToAnotherOperation() {
		dynamo.requests().reset();

		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> this.template.transaction((tx) -> {
				for (int i = 0; i < 33; i++) {
					tx.create(new Ledger("l-" + i, null, "entry"));
				}
				tx.create(new Bin("with-ledgers", 1, Set.of("x"), List.of()));
				tx.create(new Ledger("l-33", null, "one too many"));
			}))
			.withMessageContaining("create of Ledger 'l-33' (3)")
			.withMessageContaining("would hold 103");
		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems");

		this.template.transaction((tx) -> {
			for (int i = 0; i < 33; i++) {
				tx.create(new Ledger("l-" + i, null, "entry"));
			}
			tx.create(new Bin("with-ledgers", 1, Set.of("x"), List.of()));
		});
		assertThat(dynamo.requests().sent(TransactWriteItemsRequest.class).get(0).transactItems()).hasSize(100);

		Ledger stale = this.template.getById(Ledger.class, "l-1");
		this.other.update(stale.withText("moved"));
		TransactionCancelledException ex = org.assertj.core.api.Assertions.catchThrowableOfType(
				TransactionCancelledException.class, () -> this.template.transaction((tx) -> {
					tx.create(new Ledger("l-new", null, "new"));
					tx.update(stale.withText("late"));
					tx.update(this.template.getById(Ledger.class, "l-2").withText("fine"));
					tx.increment(Bin.class, "no-bin", "qty", 1);
				}));
		assertThat(ex.getFailures()).extracting(Failure::index, Failure::id, Failure::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(1, "l-1", Reason.VERSION_CONFLICT),
					org.assertj.core.groups.Tuple.tuple(3, "no-bin", Reason.NOT_FOUND));
		assertThat(this.template.findById(Ledger.class, "l-new")).isEmpty();
		assertThat(this.template.getById(Ledger.class, "l-2").text()).isEqualTo("entry");
	}

	@Test
	void twoOperationsMeetingOnOneItemAreRefusedBeforeSendingWhateverTheirKinds() {
		Document document = documentAtVersion(this.template, 2);
		Task task = this.template.create(task("one"));
		Bin bin = this.template.create(new Bin("meet", 1, Set.of("x"), List.of()));
		List<Consumer<SingleTableTransaction>> pairs = List.of((tx) -> {
			tx.update(document.withText("a"));
			tx.requireVersion(document, 2);
		}, (tx) -> {
			tx.restoreVersion(Document.class, document.id(), 1);
			tx.delete(document);
		}, (tx) -> {
			tx.update(document.withText("a"));
			tx.deleteById(Document.class, document.id());
		}, (tx) -> {
			tx.save(task.withOwner("x"));
			tx.deleteById(Task.class, task.id());
		}, (tx) -> {
			tx.increment(Bin.class, bin.id(), "qty", 1);
			tx.appendToList(Bin.class, bin.id(), "log", "x");
		}, (tx) -> {
			tx.addToSet(Bin.class, bin.id(), "tags", "y");
			tx.removeFromSet(Bin.class, bin.id(), "tags", "x");
		}, (tx) -> {
			tx.requireExists(Bin.class, bin.id());
			tx.requireAbsent(Bin.class, bin.id());
		}, (tx) -> {
			tx.create(new Document("fresh", null, null, null, "x", null, null));
			tx.requireAbsent(Document.class, "fresh");
		}, (tx) -> {
			tx.update(document.withText("a"));
			tx.update(document.withText("b"));
		});
		dynamo.requests().reset();

		for (Consumer<SingleTableTransaction> pair : pairs) {
			assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
				.isThrownBy(() -> this.template.transaction((tx) -> {
					tx.create(new Bin("first-op", 1, Set.of("x"), List.of()));
					pair.accept(tx);
				}))
				.withMessageContaining("one operation per item")
				.withMessageContaining("(operation 2)")
				.withMessageContaining("Nothing was sent")
				.satisfies((ex) -> assertThat(ex.getMessage()).containsAnyOf("Document '" + document.id() + "'",
						"Task '" + task.id() + "'", "Bin '" + bin.id() + "'", "Document 'fresh'"));
		}

		assertThat(dynamo.requests().operations()).doesNotContain("TransactWriteItems", "PutItem", "DeleteItem",
				"UpdateItem");
		assertThat(this.template.findById(Bin.class, "first-op")).isEmpty();
		assertThat(this.template.getById(Document.class, document.id())).isEqualTo(document);
		assertThat(this.template.getById(Task.class, task.id())).isEqualTo(task);
		assertThat(this.template.getById(Bin.class, bin.id())).isEqualTo(bin);
	}

	@Test
	void theSameIdInTwoTypesIsTwoItemsAndNotRefused() {
		this.template.transaction((tx) -> {
			tx.create(new Bin("shared", 1, Set.of("x"), List.of()));
			tx.create(new Document("shared", null, null, null, "d", null, null));
			tx.requireAbsent(Task.class, "shared");
		});

		assertThat(this.template.findById(Bin.class, "shared")).isPresent();
		assertThat(this.template.getById(Document.class, "shared").version()).isEqualTo(1);
	}

	// ---- helpers ---------------------------------------------------------------------------------------

	private static Task task(String title) {
		return Task.of(title, Task.Status.OPEN, "ann", LocalDate.of(2026, 3, 1), 2);
	}

}
