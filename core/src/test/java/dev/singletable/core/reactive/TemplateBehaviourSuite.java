package dev.singletable.core.reactive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.dao.InvalidDataAccessApiUsageException;

import dev.singletable.core.Changes;
import dev.singletable.core.DuplicateResourceException;
import dev.singletable.core.IncompleteBatchWriteException;
import dev.singletable.core.InvalidResourceIdException;
import dev.singletable.core.NoSuchResourceException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.SingletonUsageException;
import dev.singletable.core.VersionConflictException;
import dev.singletable.core.VersionSummary;
import dev.singletable.core.audit.AuditDetails;
import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.AuditScope;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.fixtures.Profile;
import dev.singletable.core.fixtures.Snapshot;
import dev.singletable.core.fixtures.Task;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.query.InvalidCursorException;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.singletable.test.S3Local;
import software.amazon.awssdk.services.s3.S3Client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The behaviour of the operations by id, one suite for both APIs: {@link BlockingTemplateBehaviourTests} runs it on
 * {@link SingleTableTemplate}, {@link ReactiveTemplateBehaviourTests} on {@link ReactiveSingleTableTemplate}, with
 * the same assertions — results, history, stored sort keys, conflicts and their exceptions.
 */
abstract class TemplateBehaviourSuite {

	/** Held-back batches, installed in the client of each API's template (after its request counter and faults). */
	static final UnprocessedBatches unprocessed = new UnprocessedBatches();

	/** Another writer's write forced right before a request, installed as {@link #unprocessed}. */
	static final BeforeRequest before = new BeforeRequest();

	/** The operations under test. */
	abstract TemplateOps ops();

	@BeforeEach
	void resetHeldBackBatches() {
		unprocessed.reset();
		before.reset();
	}

	/** The table's extension (its raw reads). */
	abstract DynamoDbLocalExtension dynamo();

	@Test
	void createAssignsIdVersionAndTimestampsAndReadsBack() {
		Note created = ops().create(Note.of("first"));

		assertThat(created.id()).hasSize(26);
		assertThat(created.version()).isEqualTo(1L);
		assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
		assertThat(ops().getById(Note.class, created.id())).isEqualTo(created);
		assertThat(ops().findById(Note.class, created.id())).contains(created);
		assertThat(dynamo().sortKeys("Note#" + created.id())).containsExactly("v0", "v1");
	}

	@Test
	void findByIdOfNothingIsEmptyAndGetByIdFails() {
		assertThat(ops().findById(Note.class, "missing")).isEmpty();
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> ops().getById(Note.class, "missing"))
			.withMessageContaining("missing");
	}

	@Test
	void createOfAnExistingResourceFailsWithDuplicate() {
		ops().create(new Note("n1", null, null, null, "one", "b", Set.of(), 1, 0, null, null, null, null, null, null));

		assertThatExceptionOfType(DuplicateResourceException.class).isThrownBy(() -> ops()
			.create(new Note("n1", null, null, null, "two", "b", Set.of(), 1, 0, null, null, null, null, null, null)))
			.withMessageContaining("n1");
		assertThat(ops().getById(Note.class, "n1").title()).isEqualTo("one");
	}

	@Test
	void failedCreateLeavesAMutableEntityAsGiven() {
		Profile first = new Profile("Ann");
		first.setId("p1");
		ops().create(first);
		Profile second = new Profile("Bob");
		second.setId("p1");

		assertThatExceptionOfType(DuplicateResourceException.class).isThrownBy(() -> ops().create(second));
		assertThat(second.getCreatedAt()).isNull();
		assertThat(second.getUpdatedAt()).isNull();
		assertThat(ops().getById(Profile.class, "p1").getName()).isEqualTo("Ann");
	}

	@Test
	void updatesWriteNextVersionsAndKeepHistoryNewestFirst() {
		Note v1 = ops().create(Note.of("v1"));
		Note v2 = ops().update(v1.withTitle("v2"));
		Note v3 = ops().update(v2.withTitle("v3"));

		assertThat(v3.version()).isEqualTo(3L);
		assertThat(v3.createdAt()).isEqualTo(v1.createdAt());
		assertThat(v3.updatedAt()).isAfter(v2.updatedAt());
		assertThat(ops().getById(Note.class, v1.id())).isEqualTo(v3);
		assertThat(ops().findAllVersions(Note.class, v1.id())).extracting(Note::title).containsExactly("v3", "v2", "v1");
		assertThat(ops().findVersion(Note.class, v1.id(), 1)).contains(v1);
		assertThat(ops().findVersion(Note.class, v1.id(), 9)).isEmpty();
		assertThat(dynamo().sortKeys("Note#" + v1.id())).containsExactly("v0", "v1", "v2", "v3");
	}

	@Test
	void updateWithoutCreationTimeKeepsTheStoredOne() {
		Note v1 = ops().create(Note.of("v1"));

		Note v2 = ops().update(new Note(v1.id(), 1L, null, null, "v2", "b", Set.of(), 1, 0, null, null, null, null, null,
				null));

		assertThat(v2.createdAt()).isEqualTo(v1.createdAt());
		assertThat(ops().getById(Note.class, v1.id()).createdAt()).isEqualTo(v1.createdAt());
	}

	@Test
	void staleUpdateFailsWithVersionConflictAndWritesNothing() {
		Note v1 = ops().create(Note.of("v1"));
		Note v2 = ops().update(v1.withTitle("v2"));

		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> ops().update(v1.withTitle("stale")))
			.withMessageContaining(v1.id());
		assertThat(ops().getById(Note.class, v1.id())).isEqualTo(v2);
		assertThat(dynamo().sortKeys("Note#" + v1.id())).containsExactly("v0", "v1", "v2");
	}

	@Test
	void updateOfAResourceNeverCreatedFailsWithNoSuchResource() {
		Note ghost = new Note("ghost", 1L, Instant.parse("2025-01-01T00:00:00Z"), null, "x", "b", Set.of(), 1, 0, null,
				null, null, null, null, null);

		assertThatExceptionOfType(NoSuchResourceException.class).isThrownBy(() -> ops().update(ghost));
		Note unstamped = new Note("ghost", 1L, null, null, "x", "b", Set.of(), 1, 0, null, null, null, null, null, null);
		assertThatExceptionOfType(NoSuchResourceException.class).isThrownBy(() -> ops().update(unstamped));
		assertThat(dynamo().sortKeys("Note#ghost")).isEmpty();
	}

	@Test
	void updateWithChangesAppliesThemToTheEntityAsRead() {
		Note v1 = ops().create(Note.of("v1"));

		Note v2 = ops().update(v1, Changes.set("title", "changed"));

		assertThat(v2.title()).isEqualTo("changed");
		assertThat(v2.body()).isEqualTo(v1.body());
		assertThat(v2.version()).isEqualTo(2L);
		assertThat(ops().getById(Note.class, v1.id()).title()).isEqualTo("changed");
	}

	@Test
	void saveCreatesNewAndUpdatesStoredEntities() {
		Note created = ops().save(Note.of("saved"));
		Note updated = ops().save(created.withTitle("saved again"));

		assertThat(created.version()).isEqualTo(1L);
		assertThat(updated.version()).isEqualTo(2L);
		assertThat(ops().getById(Note.class, created.id()).title()).isEqualTo("saved again");
	}

	@Test
	void plainTypeUpdatesOptimisticallyOnItsModificationTime() {
		Snapshot created = ops().create(new Snapshot(null, null, null, "one", List.of(1.5), 3600L));
		Snapshot updated = ops().update(created.withLabel("two"));

		assertThat(updated.createdAt()).isEqualTo(created.createdAt());
		assertThat(ops().getById(Snapshot.class, created.id())).isEqualTo(updated);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> ops().update(created.withLabel("stale")));
		assertThat(ops().getById(Snapshot.class, created.id()).label()).isEqualTo("two");
	}

	@Test
	void maxVersionsKeepsTheNewestVersionsPruningAfterEachWrite() {
		Document doc = ops().create(Document.of("1"));
		for (int i = 2; i <= 5; i++) {
			doc = ops().update(doc.withText(Integer.toString(i)));
		}

		// exact whether or not the prunes after the answers have run yet
		assertThat(ops().findAllVersions(Document.class, doc.id())).extracting(Document::text)
			.containsExactly("5", "4", "3");
		BackgroundCleanups.await();
		assertThat(dynamo().sortKeys("Document#" + doc.id())).containsExactly("v0", "v3", "v4", "v5");
		assertThat(ops().findAllVersions(Document.class, doc.id())).extracting(Document::text)
			.containsExactly("5", "4", "3");
	}

	@Test
	void aHistoryLongerThanTheWindowIsTrimmedAfterTheWrite() {
		// five versions written by a template whose type keeps every version
		SingleTableTemplate unbounded = new SingleTableTemplate(dynamo().client(), dynamo().tableName());
		Unbounded stored = unbounded.create(new Unbounded(null, null, null, null, "1", Set.of("draft"), 1.5));
		for (int i = 2; i <= 5; i++) {
			stored = unbounded.update(stored.withText(Integer.toString(i)));
		}
		Document doc = ops().getById(Document.class, stored.id());

		Document v6 = ops().update(doc.withText("6"));
		// the prune after the answer, whose probe finds the longer history
		BackgroundCleanups.await();

		assertThat(v6.version()).isEqualTo(6);
		assertThat(dynamo().sortKeys("Document#" + doc.id())).containsExactly("v0", "v4", "v5", "v6");
	}

	@Test
	void restoreWritesAStoredVersionAgainAsTheNextVersion() {
		Note v1 = ops().create(Note.of("v1"));
		ops().update(v1.withTitle("v2"));

		Note v3 = ops().restoreVersion(Note.class, v1.id(), 1);

		assertThat(v3.version()).isEqualTo(3L);
		assertThat(v3.title()).isEqualTo("v1");
		assertThat(v3.createdAt()).isEqualTo(v1.createdAt());
		assertThat(ops().getById(Note.class, v1.id())).isEqualTo(v3);
		assertThat(ops().findAllVersions(Note.class, v1.id())).extracting(Note::title).containsExactly("v1", "v2", "v1");
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> ops().restoreVersion(Note.class, v1.id(), 7));
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> ops().restoreVersion(Note.class, "missing", 1));
	}

	@Test
	void deleteByIdDeletesEveryItemAndSaysWhetherThereWasOne() {
		Note v1 = ops().create(Note.of("v1"));
		ops().update(v1.withTitle("v2"));
		Snapshot plain = ops().create(new Snapshot(null, null, null, "one", List.of(), 3600L));

		assertThat(ops().deleteById(Note.class, v1.id())).isTrue();
		assertThat(ops().deleteById(Snapshot.class, plain.id())).isTrue();

		assertThat(dynamo().sortKeys("Note#" + v1.id())).isEmpty();
		assertThat(ops().findById(Note.class, v1.id())).isEmpty();
		assertThat(ops().findById(Snapshot.class, plain.id())).isEmpty();
		assertThat(ops().deleteById(Note.class, v1.id())).isFalse();
		assertThat(ops().deleteById(Snapshot.class, plain.id())).isFalse();
	}

	@Test
	void deleteOfAnEntityAsReadFailsWhenItChangedAndDeletesItsHistoryOtherwise() {
		Note v1 = ops().create(Note.of("v1"));
		Note v2 = ops().update(v1.withTitle("v2"));

		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> ops().delete(v1));
		assertThat(dynamo().sortKeys("Note#" + v1.id())).containsExactly("v0", "v1", "v2");

		ops().delete(v2);

		assertThat(dynamo().sortKeys("Note#" + v1.id())).isEmpty();
		// gone already: nothing for delete, a failure for deleteExisting
		ops().delete(v2);
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> ops().deleteExisting(v2))
			.withMessageContaining("no longer exists");
	}

	// ---- summaries, singletons, one version ---------------------------------------------------------------

	@Test
	void versionSummariesListEveryVersionNewestFirstWithTheLatestMarked() {
		Note v1 = ops().create(Note.of("v1"));
		Note v2 = ops().update(v1.withTitle("v2"));
		Note v3 = ops().update(v2.withTitle("v3"));
		Document doc = ops().create(Document.of("1"));
		Document doc2 = ops().update(doc.withText("2"));

		List<VersionSummary> compressed = ops().findVersionSummaries(Note.class, v1.id());
		List<VersionSummary> uncompressed = ops().findVersionSummaries(Document.class, doc.id());

		assertThat(compressed).containsExactly(new VersionSummary(3, v1.createdAt(), v3.updatedAt(), true),
				new VersionSummary(2, v1.createdAt(), v2.updatedAt(), false),
				new VersionSummary(1, v1.createdAt(), v1.updatedAt(), false));
		assertThat(uncompressed).extracting(VersionSummary::version, VersionSummary::latest)
			.containsExactly(tuple(2L, true), tuple(1L, false));
		assertThat(uncompressed.get(0).updatedAt()).isEqualTo(doc2.updatedAt().toInstant());
		assertThat(ops().findVersionSummaries(Note.class, "missing")).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> ops().findVersionSummaries(Snapshot.class, "s"))
			.withMessageContaining("not versioned");
	}

	@Test
	void findSingletonReadsTheOneResourceWithItsIdAndRefusesOtherTypes() {
		assertThat(ops().findSingleton(Settings.class)).isEmpty();
		Settings created = ops().create(new Settings(null, null, "dark"));

		assertThat(created.id()).isEqualTo("Settings");
		assertThat(ops().findSingleton(Settings.class)).contains(created);
		assertThat(dynamo().sortKeys("SINGLETON#Settings")).containsExactly("v0", "v1");
		assertThatExceptionOfType(SingletonUsageException.class).isThrownBy(() -> ops().findSingleton(Note.class))
			.withMessageContaining("not a singleton");
	}

	@Test
	void deleteVersionDeletesAnOlderVersionAloneAndTheLatestWithItsCopy() {
		Note v1 = ops().create(Note.of("v1"));
		Note v2 = ops().update(v1.withTitle("v2"));
		ops().update(v2.withTitle("v3"));

		assertThat(ops().deleteVersion(Note.class, v1.id(), 2)).isTrue();
		assertThat(dynamo().sortKeys("Note#" + v1.id())).containsExactly("v0", "v1", "v3");
		assertThat(ops().deleteVersion(Note.class, v1.id(), 2)).isFalse();
		assertThat(ops().getById(Note.class, v1.id()).title()).isEqualTo("v3");

		assertThat(ops().deleteVersion(Note.class, v1.id(), 3)).isTrue();
		assertThat(dynamo().sortKeys("Note#" + v1.id())).containsExactly("v1");
		assertThat(ops().findById(Note.class, v1.id())).isEmpty();
		assertThat(ops().deleteVersion(Note.class, "missing", 1)).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> ops().deleteVersion(Snapshot.class, "s", 1));
	}

	@Test
	void deleteVersionOfTheLatestFailsWhenANewerVersionCameBetweenItsReadAndItsDelete() {
		Note v1 = ops().create(Note.of("v1"));
		Note v2 = ops().update(v1.withTitle("v2"));
		SingleTableTemplate other = new SingleTableTemplate(dynamo().rawClient(), dynamo().tableName());
		// read as the latest, then version 3 is written before the delete of v2 and v0 is sent
		before.once("TransactWriteItems", () -> other.update(v2.withTitle("v3")));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> ops().deleteVersion(Note.class, v1.id(), 2))
			.withMessageContaining(v1.id());
		assertThat(dynamo().sortKeys("Note#" + v1.id())).containsExactly("v0", "v1", "v2", "v3");
		assertThat(ops().getById(Note.class, v1.id()).title()).isEqualTo("v3");
	}

	// ---- batches ----------------------------------------------------------------------------------------

	@Test
	void findAllByIdReadsInChunksInTheOrderOfTheIdsRetryingUnprocessedKeys() {
		List<Task> stored = ops().putAll(tasks(150));
		List<String> ids = new ArrayList<>(stored.stream().map(Task::id).toList());
		Collections.reverse(ids);
		ids.add(1, "missing");
		ids.add(ids.get(0));
		unprocessed.holdBackReads(1);
		dynamo().requests().reset();

		List<Task> found = ops().findAllById(Task.class, ids);

		List<Task> expected = new ArrayList<>(stored);
		Collections.reverse(expected);
		assertThat(found).containsExactlyElementsOf(expected);
		// two chunks (100 + 51 keys, the duplicate read once) and one more request for the keys held back
		assertThat(unprocessed.heldBack()).isPositive();
		assertThat(dynamo().requests().calls("BatchGetItem")).isEqualTo(3);
		assertThat(ops().findAllById(Note.class, List.of())).isEmpty();
		assertThatExceptionOfType(InvalidResourceIdException.class)
			.isThrownBy(() -> ops().findAllById(Task.class, List.of("ok", "")));
	}

	@Test
	void putAllWritesInBatchesRetryingUnprocessedItemsAndKeepsStoredCreationTimes() {
		Task first = ops().create(Task.of("first", Task.Status.OPEN, "ann", null, 1));
		List<Task> tasks = new ArrayList<>(tasks(59));
		// an id but no creation time: it keeps the stored one
		tasks.add(new Task(first.id(), null, null, "first again", Task.Status.DONE, "ann", null, 2, 0, Set.of(),
				List.of(), Map.of()));
		unprocessed.holdBackWrites(2);
		dynamo().requests().reset();

		List<Task> stored = ops().putAll(tasks);

		assertThat(stored).hasSize(60).allSatisfy((task) -> assertThat(task.id()).isNotNull());
		assertThat(stored.get(59).createdAt()).isEqualTo(first.createdAt());
		assertThat(stored.get(59).updatedAt()).isAfter(first.updatedAt());
		assertThat(ops().findAllById(Task.class, stored.stream().map(Task::id).toList()))
			.containsExactlyElementsOf(stored);
		// three chunks, two of which got half their items back as unprocessed and sent them again
		assertThat(unprocessed.heldBack()).isIn(13 + 13, 13 + 5);
		assertThat(dynamo().requests().calls("BatchWriteItem")).isEqualTo(5);
	}

	@Test
	void putAllRefusesWhatItCannotWriteBeforeSendingAnything() {
		dynamo().requests().reset();

		assertThatIllegalArgumentException().isThrownBy(() -> ops().putAll(List.of(Note.of("versioned"))))
			.withMessageContaining("Note (versioned");
		ops().setTrackCounts(true);
		assertThatExceptionOfType(InvalidDataAccessApiUsageException.class)
			.isThrownBy(() -> ops().putAll(tasks(1)))
			.withMessageContaining("counts");
		assertThat(dynamo().requests().calls()).isZero();
	}

	@Test
	void aFailedBatchNamesEveryWriteNotStoredAndNoOther() {
		dynamo().faults().failNext("BatchWriteItem", 1, () -> new IllegalStateException("connection reset"));

		IncompleteBatchWriteException failure = catchThrowableOfType(IncompleteBatchWriteException.class,
				() -> ops().putAll(tasks(60)));

		assertThat(failure).isNotNull();
		assertThat(failure.getTotal()).isEqualTo(60);
		Set<String> remaining = new HashSet<>();
		failure.getRemainingKeys().forEach((key) -> remaining.add(key.get("pk").s()));
		Set<String> written = new HashSet<>(partitionKeys());
		// which chunks were under way when one failed depends on timing; never one both written and named
		assertThat(remaining).isNotEmpty();
		assertThat(written).doesNotContainAnyElementsOf(remaining);
		assertThat(remaining.size() + written.size()).isEqualTo(60);
	}

	@Test
	void deleteAllByIdDeletesEachIdOnceInBatches() {
		List<Task> stored = ops().putAll(tasks(30));
		List<String> ids = new ArrayList<>(stored.stream().map(Task::id).toList());
		ids.add(ids.get(0));
		ids.add("missing");
		unprocessed.holdBackWrites(1);

		ops().deleteAllById(Task.class, ids);

		assertThat(ops().findAllById(Task.class, ids)).isEmpty();
		assertThat(partitionKeys()).isEmpty();
		assertThat(unprocessed.heldBack()).isPositive();
		assertThatIllegalArgumentException().isThrownBy(() -> ops().deleteAllById(Note.class, List.of("n")))
			.withMessageContaining("versioned");
	}

	// ---- atomic updates ---------------------------------------------------------------------------------

	@Test
	void atomicUpdatesChangeCountersSetsAndListsInPlace() {
		Task task = ops().create(new Task(null, null, null, "t", Task.Status.OPEN, "ann", null, 1, 5, Set.of("a"),
				List.of("x"), Map.of("clicks", 1L)));

		assertThat(ops().increment(Task.class, task.id(), "views", 3)).isEqualTo(8);
		assertThat(ops().increment(Task.class, task.id(), "counts.clicks", 2)).isEqualTo(3);
		assertThat(ops().increment(Task.class, task.id(), "counts.new", -1)).isEqualTo(-1);
		ops().addToSet(Task.class, task.id(), "tags", "b", "c");
		ops().removeFromSet(Task.class, task.id(), "tags", "a");
		ops().appendToList(Task.class, task.id(), "log", "y", "z");

		Task read = ops().getById(Task.class, task.id());
		assertThat(read.views()).isEqualTo(8);
		assertThat(read.counts()).containsOnly(entry("clicks", 3L), entry("new", -1L));
		assertThat(read.tags()).containsExactlyInAnyOrder("b", "c");
		assertThat(read.log()).containsExactly("x", "y", "z");
		assertThat(read.updatedAt()).isAfter(task.updatedAt());
		assertThat(read.createdAt()).isEqualTo(task.createdAt());
	}

	@Test
	void atomicUpdatesReplaceAStoredNullFirst() {
		Task task = ops().create(new Task(null, null, null, "t", Task.Status.OPEN, "ann", null, 1, 0, null, null,
				null));
		dynamo().rawClient().updateItem((request) -> request.tableName(dynamo().tableName())
			.key(Map.of("pk", AttributeValue.fromS("Task#" + task.id()), "sk",
					AttributeValue.fromS("Task#" + task.id())))
			.updateExpression("SET #l = :null, #c = :null")
			.expressionAttributeNames(Map.of("#l", "log", "#c", "counts"))
			.expressionAttributeValues(Map.of(":null", AttributeValue.fromNul(true))));

		ops().appendToList(Task.class, task.id(), "log", "first");
		assertThat(ops().increment(Task.class, task.id(), "counts.clicks", 2)).isEqualTo(2);

		Task read = ops().getById(Task.class, task.id());
		assertThat(read.log()).containsExactly("first");
		assertThat(read.counts()).containsOnly(entry("clicks", 2L));
	}

	@Test
	void atomicUpdatesOfWhatCannotChangeFailAsTheBlockingTemplate() {
		Note note = ops().create(Note.of("versioned"));

		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> ops().increment(Task.class, "missing", "views", 1));
		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> ops().addToSet(Task.class, "missing", "tags", "a"));
		assertThatIllegalArgumentException().isThrownBy(() -> ops().increment(Note.class, note.id(), "priority", 1))
			.withMessageContaining("versioned");
		assertThatIllegalArgumentException().isThrownBy(() -> ops().increment(Task.class, "t", "title", 1))
			.withMessageContaining("not a number");
		assertThatIllegalArgumentException().isThrownBy(() -> ops().appendToList(Task.class, "t", "log"))
			.withMessageContaining("at least one value");
		assertThat(partitionKeys()).containsExactly("Note#" + note.id());
	}

	// ---- the upsert save ------------------------------------------------------------------------------------

	@Test
	void saveOfAPlainEntityWithAnAssignedIdCreatesOrReplacesKeepingTheCreationTime() {
		Snapshot created = ops().save(new Snapshot("s1", null, null, "one", List.of(1.5), 3600L));
		Snapshot replaced = ops().save(new Snapshot("s1", null, null, "two", List.of(), 3600L));

		assertThat(created.createdAt()).isNotNull().isEqualTo(created.updatedAt());
		assertThat(replaced.createdAt()).isEqualTo(created.createdAt());
		assertThat(replaced.updatedAt()).isAfter(created.updatedAt());
		assertThat(ops().getById(Snapshot.class, "s1")).isEqualTo(replaced);
		// a save with the modification time read is an optimistic update: the older one is refused
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> ops().save(created.withLabel("stale")));
		assertThat(ops().getById(Snapshot.class, "s1").label()).isEqualTo("two");
	}

	// ---- per-type counts ----------------------------------------------------------------------------------

	@Test
	void countsAreKeptInTheRequestsThatCreateAndDelete() {
		ops().setTrackCounts(true);
		assertThat(ops().countsByType()).isEmpty();

		Note note = ops().create(Note.of("n1"));
		ops().create(Note.of("n2"));
		Task task = ops().create(Task.of("t", Task.Status.OPEN, "ann", null, 1));
		ops().update(task.withPriority(2));
		ops().save(new Snapshot("s1", null, null, "one", List.of(), 3600L));
		ops().save(new Snapshot("s1", null, null, "two", List.of(), 3600L));
		assertThat(ops().countsByType()).containsOnly(entry("Note", 2L), entry("Task", 1L), entry("Snap", 1L));

		assertThat(ops().deleteById(Task.class, task.id())).isTrue();
		assertThat(ops().deleteById(Task.class, task.id())).isFalse();
		ops().delete(ops().getById(Note.class, note.id()));
		assertThat(ops().countsByType()).containsOnly(entry("Note", 1L), entry("Task", 0L), entry("Snap", 1L));
		Map<String, AttributeValue> row = dynamo().storedItem("_INTERNAL#MemoryStats", "_INTERNAL#MemoryStats");
		assertThat(row.get("gsitype").s()).isEqualTo("MemoryStats");
	}

	@Test
	void deletesOfVersionsAndBatchesTakeTheirCountsOff() {
		ops().setTrackCounts(true);
		Note note = ops().create(Note.of("v1"));
		ops().update(note.withTitle("v2"));
		ops().create(Task.of("a", Task.Status.OPEN, "ann", null, 1));
		Task b = ops().create(Task.of("b", Task.Status.OPEN, "ann", null, 1));

		ops().deleteVersion(Note.class, note.id(), 1);
		assertThat(ops().countsByType()).containsEntry("Note", 1L);
		ops().deleteVersion(Note.class, note.id(), 2);
		ops().deleteAllById(Task.class, List.of(b.id(), "missing"));
		Note other = ops().create(Note.of("other"));
		ops().update(other.withTitle("other v2"));
		assertThat(ops().deleteById(Note.class, other.id())).isTrue();

		assertThat(ops().countsByType()).containsOnly(entry("Note", 0L), entry("Task", 1L));
		assertThat(dynamo().sortKeys("Note#" + other.id())).isEmpty();
		assertThat(ops().deleteById(Note.class, other.id())).isFalse();
		assertThat(ops().countsByType()).containsEntry("Note", 0L);
	}

	/** The partition keys of the table's items, the counts row left out. */
	private Set<String> partitionKeys() {
		Set<String> keys = new HashSet<>();
		dynamo().rawClient()
			.scanPaginator((request) -> request.tableName(dynamo().tableName()).consistentRead(true))
			.items()
			.forEach((item) -> keys.add(item.get("pk").s()));
		keys.remove("_INTERNAL#MemoryStats");
		return keys;
	}

	private static List<Task> tasks(int count) {
		List<Task> tasks = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tasks.add(Task.of("t" + i, Task.Status.OPEN, "ann", null, 1));
		}
		return tasks;
	}

	/** A singleton: its one resource's id is its prefix. */
	@SingleTableEntity(prefix = "Settings", versioned = true, singleton = true)
	record Settings(@Id String id, @Version Long version, String theme) {
	}

	@Test
	void auditedWritesCarryTheirRowsWithTheAuditorTheChangesAndTheSnapshot() {
		AtomicReference<String> auditor = new AtomicReference<>("alice");
		ops().setAuditor(auditor::get);
		Ledger created = ops().create(new Ledger(null, null, null, null, "a@example.com", "s1", 5));
		auditor.set("bob");
		Ledger updated = ops().update(created.withEmail("b@example.com", "s2"));
		Ledger restored = ops().restoreVersion(Ledger.class, created.id(), 1);
		auditor.set(null);
		ops().delete(restored);

		List<AuditEntry> rows = ops().auditPage("Ledger", created.id(), 10, null).items();
		assertThat(rows).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.UPDATE, AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(rows).extracting(AuditEntry::changedBy).containsExactly(null, "bob", "bob", "alice");
		AuditEntry update = rows.get(2);
		// the excluded field changed too, and is never recorded
		assertThat(update.changedFields()).containsOnlyKeys("email");
		assertThat(update.changedFields().get("email").oldValue().asString()).isEqualTo("a@example.com");
		assertThat(update.changedFields().get("email").newValue().asString()).isEqualTo("b@example.com");
		assertThat(update.resourceSnapshot().path("version").asLong()).isEqualTo(updated.version());
		assertThat(update.resourceSnapshot().has("secret")).isFalse();
		assertThat(rows.get(1).changedFields().get("email").newValue().asString()).isEqualTo("a@example.com");
		assertThat(rows.get(3).changedFields()).isNull();
		// a delete's snapshot is the state it removed
		assertThat(rows.get(0).resourceSnapshot().path("version").asLong()).isEqualTo(3);
		// each write its own transaction, whose id every row carries
		assertThat(rows).extracting(AuditEntry::transactionId).doesNotContainNull().doesNotHaveDuplicates();
		assertThat(dynamo().sortKeys("Ledger#" + created.id())).isEmpty();
	}

	@Test
	void aFailedAuditedWriteWritesNeitherTheChangeNorItsRow() {
		ops().setAuditor(() -> "alice");
		Ledger created = ops().create(new Ledger(null, null, null, null, "a@example.com", "s", 1));
		ops().update(created.withEmail("b@example.com", "s"));
		Badge badge = ops().create(new Badge("b1", null, "gold"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> ops().update(created.withEmail("c@example.com", "s")));
		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> ops().create(new Badge("b1", null, "silver")));
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> ops().update(new Badge("b1", 7L, "bronze")));

		assertThat(ops().auditPage("Ledger", created.id(), 10, null).items()).hasSize(2);
		assertThat(ops().auditPage("Badge", "b1", 10, null).items()).hasSize(1);
		assertThat(dynamo().sortKeys("Ledger#" + created.id())).containsExactly("v0", "v1", "v2");
		assertThat(ops().getById(Badge.class, "b1")).isEqualTo(badge);
	}

	@Test
	void auditedDeletesByIdWriteARowOnlyForWhatWasStored() {
		Ledger ledger = ops().create(new Ledger(null, null, null, null, "a@example.com", "s", 1));
		ops().update(ledger.withEmail("b@example.com", "s"));
		ops().create(new Badge("b2", null, "gold"));
		long before = ops().allAuditRows().size();

		assertThat(ops().deleteById(Ledger.class, ledger.id())).isTrue();
		assertThat(ops().deleteById(Badge.class, "b2")).isTrue();

		assertThat(dynamo().sortKeys("Ledger#" + ledger.id())).isEmpty();
		assertThat(ops().auditPage("Ledger", ledger.id(), 1, null).items().get(0).operation())
			.isEqualTo(AuditEntry.DELETE);
		assertThat(ops().auditPage("Badge", "b2", 1, null).items().get(0).resourceSnapshot()).isNull();
		assertThat(ops().allAuditRows()).hasSize((int) before + 2);
		// gone: no row for a delete of nothing
		assertThat(ops().deleteById(Ledger.class, ledger.id())).isFalse();
		assertThat(ops().deleteById(Badge.class, "b2")).isFalse();
		ops().delete(new Badge("b2", 1L, "gold"));
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> ops().deleteExisting(new Badge("b2", 1L, "gold")));
		assertThat(ops().allAuditRows()).hasSize((int) before + 2);
	}

	@Test
	void theAuditScopeAndTheMetadataProviderFillTheRowsDetails() {
		ops().setAuditor(() -> "alice");
		ops().setAuditMetadata(Map.of("host", "h1", "reason", "provider"));

		Badge badge = AuditScope.call(AuditDetails.changedBy("importer").with("reason", "scope"),
				() -> ops().create(new Badge("b3", null, "gold")));
		ops().update(new Badge(badge.id(), badge.version(), "silver"));

		List<AuditEntry> rows = ops().auditPage("Badge", "b3", 10, null).items();
		assertThat(rows).extracting(AuditEntry::changedBy).containsExactly("alice", "importer");
		assertThat(rows.get(1).metadata()).containsOnlyKeys("host", "reason", AuditEntry.TRANSACTION_ID);
		assertThat(rows.get(1).metadata().get("reason").asString()).isEqualTo("scope");
		assertThat(rows.get(0).metadata().get("reason").asString()).isEqualTo("provider");
		assertThat(rows.get(0).changedFields()).containsOnlyKeys("tier");
	}

	@Test
	void auditLogPagesFollowTheirCursorsToTheLastRow() {
		Badge badge = ops().create(new Badge("b4", null, "t0"));
		for (int i = 1; i <= 4; i++) {
			badge = ops().update(new Badge(badge.id(), badge.version(), "t" + i));
		}

		QueryPage<AuditEntry> first = ops().auditPage("Badge", "b4", 2, null);
		QueryPage<AuditEntry> second = ops().auditPage("Badge", "b4", 2, first.nextCursor());
		QueryPage<AuditEntry> last = ops().auditPage("Badge", "b4", 2, second.nextCursor());

		assertThat(first.items()).extracting(AuditEntry::operation).containsOnly(AuditEntry.UPDATE);
		assertThat(last.items()).extracting(AuditEntry::operation).containsExactly(AuditEntry.CREATE);
		assertThat(last.nextCursor()).isNull();
		assertThat(List.of(first, second, last)).flatExtracting(QueryPage::items)
			.extracting(AuditEntry::id)
			.doesNotHaveDuplicates()
			.hasSize(5)
			.isSortedAccordingTo(java.util.Comparator.reverseOrder());
		assertThatExceptionOfType(InvalidCursorException.class)
			.isThrownBy(() -> ops().auditPage("Badge", "other", 2, first.nextCursor()));
	}

	/** An audited versioned type: snapshots, one excluded field. */
	@SingleTableEntity(prefix = "Ledger", versioned = true)
	@Audited(exclude = "secret", snapshot = true)
	record Ledger(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String email, String secret, int credits) {

		Ledger withEmail(String email, String secret) {
			return new Ledger(this.id, this.version, this.createdAt, this.updatedAt, email, secret, this.credits);
		}

	}

	/** An audited plain type. */
	@SingleTableEntity(prefix = "Badge")
	@Audited
	record Badge(@Id String id, @Version Long version, String tier) {
	}

	/** A new bucket of the in-process S3, the template's blob storage in it; its keys by {@link #s3Keys}. */
	private String blobBucket() {
		String bucket = "suite-writes-" + System.nanoTime();
		try (S3Client s3 = S3Local.newClient()) {
			s3.createBucket((request) -> request.bucket(bucket));
		}
		ops().useBlobStorage(bucket, "b/");
		return bucket;
	}

	private static List<String> s3Keys(String bucket) {
		try (S3Client s3 = S3Local.newClient()) {
			return s3.listObjectsV2Paginator((request) -> request.bucket(bucket))
				.contents()
				.stream()
				.map(software.amazon.awssdk.services.s3.model.S3Object::key)
				.sorted()
				.toList();
		}
	}

	@Test
	void blobWritesStoreAnObjectPerChangedValueAndVersionAndDeletesRemoveThem() {
		String bucket = blobBucket();
		Sheet v1 = ops().create(new Sheet("sh1", null, "first", Map.of("cells", List.of(1)), new byte[] { 7 }));
		assertThat(s3Keys(bucket)).containsExactly("b/Sheet/sh1/v1/body", "b/Sheet/sh1/v1/raw");

		// a title change keeps the objects; a new body is a new object; the stored body again is none
		Sheet v2 = ops().update(new Sheet("sh1", v1.version(), "second", null, null));
		Sheet v3 = ops().update(new Sheet("sh1", v2.version(), "third", Map.of("cells", List.of(2)), null));
		Sheet v4 = ops().update(new Sheet("sh1", v3.version(), "fourth", Map.of("cells", List.of(2)), null));
		assertThat(s3Keys(bucket)).containsExactly("b/Sheet/sh1/v1/body", "b/Sheet/sh1/v1/raw", "b/Sheet/sh1/v3/body");
		Sheet latest = ops().loadBlobs(ops().getById(Sheet.class, "sh1"));
		assertThat(latest.body()).isEqualTo(Map.of("cells", List.of(2)));
		assertThat(latest.raw()).containsExactly(7);
		assertThat(latest.version()).isEqualTo(v4.version());

		Sheet restored = ops().restoreVersion(Sheet.class, "sh1", 1);
		assertThat(ops().loadBlobs(restored).body()).isEqualTo(Map.of("cells", List.of(1)));
		assertThat(s3Keys(bucket)).hasSize(3);

		assertThat(ops().deleteById(Sheet.class, "sh1")).isTrue();
		assertThat(s3Keys(bucket)).isEmpty();
		assertThat(dynamo().sortKeys("Sheet#sh1")).isEmpty();
	}

	@Test
	void plainBlobWritesReplaceTheirObjectsAndClearingOrDeletingRemovesThem() {
		String bucket = blobBucket();
		Avatar created = ops().create(new Avatar("av1", null, new byte[] { 1, 2 }, new byte[] { 3 }));
		assertThat(s3Keys(bucket)).containsExactly("b/Avatar/av1/image", "b/Avatar/av1/thumbnail");

		Avatar changed = ops().update(new Avatar("av1", created.version(), new byte[] { 4 }, null),
				Changes.clearing("thumbnail"));
		assertThat(s3Keys(bucket)).containsExactly("b/Avatar/av1/image");
		Avatar loaded = ops().loadBlobs(ops().getById(Avatar.class, "av1"));
		assertThat(loaded.image()).containsExactly(4);
		assertThat(loaded.thumbnail()).isNull();

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> ops().update(new Avatar("av1", created.version(), new byte[] { 9 }, null)));
		// the failed write put the object back as it was
		assertThat((byte[]) ops().loadBlob(ops().getById(Avatar.class, "av1"), "image")).containsExactly(4);
		assertThat(s3Keys(bucket)).containsExactly("b/Avatar/av1/image");

		ops().delete(changed);
		assertThat(s3Keys(bucket)).isEmpty();
		assertThat(ops().findById(Avatar.class, "av1")).isEmpty();
	}

	@Test
	void prunedVersionsTakeTheObjectsNoRemainingVersionRefersTo() {
		String bucket = blobBucket();
		Draft draft = ops().create(new Draft("d1", null, "t1", "text 1"));
		draft = ops().update(new Draft("d1", draft.version(), "t2", null));
		draft = ops().update(new Draft("d1", draft.version(), "t3", "text 3"));
		draft = ops().update(new Draft("d1", draft.version(), "t4", "text 4"));

		// versions 3 and 4 are kept: the object of version 1, which only versions 1 and 2 used, is gone (deleted
		// after the answer)
		BackgroundCleanups.await();
		assertThat(dynamo().sortKeys("Draft#d1")).containsExactly("v0", "v3", "v4");
		assertThat(s3Keys(bucket)).containsExactly("b/Draft/d1/v3/text", "b/Draft/d1/v4/text");
		assertThat((String) ops().loadBlob(draft, "text")).isEqualTo("text 4");
	}

	@Test
	void blobValuesLoadFromTheObjectsTheirVersionsItemNames() {
		String bucket = "suite-blobs-" + System.nanoTime();
		try (S3Client s3 = S3Local.newClient()) {
			s3.createBucket((request) -> request.bucket(bucket));
		}
		// written by the blocking template, the one that writes blob properties
		SingleTableTemplate writer = new SingleTableTemplate(dynamo().client(), dynamo().tableName());
		writer.setBlobStorage(new BlobStorage(S3Local.newClient(), bucket, "blobs/",
				writer.getConverter().getJsonMapper()));
		Sheet v1 = writer.create(new Sheet(null, null, "first", Map.of("cells", List.of(1, 2)), new byte[] { 7 }));
		// a title change keeps the objects of version 1; the body changes in version 3
		Sheet v2 = writer.update(new Sheet(v1.id(), v1.version(), "second", null, null));
		Sheet v3 = writer.update(new Sheet(v1.id(), v2.version(), "third", Map.of("cells", List.of(3)), null));
		Avatar avatar = writer.create(new Avatar("a1", null, new byte[] { 1, 2 }, null));
		ops().useBlobStorage(bucket, "blobs/");

		Sheet read = ops().getById(Sheet.class, v1.id());
		assertThat(read.body()).isNull();
		assertThat((Map<?, ?>) ops().loadBlob(read, "body")).isEqualTo(Map.of("cells", List.of(3)));
		assertThat((byte[]) ops().loadBlob(read, "raw")).containsExactly(7);
		Sheet version2 = ops().findVersion(Sheet.class, v1.id(), 2).orElseThrow();
		Sheet loaded = ops().loadBlobs(version2);
		assertThat(loaded.body()).isEqualTo(Map.of("cells", List.of(1, 2)));
		assertThat(loaded.raw()).containsExactly(7);
		assertThat(loaded.title()).isEqualTo("second");
		assertThat(ops().loadBlobs(ops().getById(Avatar.class, "a1")).image()).containsExactly(1, 2);
		assertThat((Object) ops().loadBlob(ops().getById(Avatar.class, "a1"), "thumbnail")).isNull();
		assertThat(v3.version()).isEqualTo(3);
		assertThat(avatar.id()).isEqualTo("a1");
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> ops().loadBlob(read, "title"))
			.withMessageContaining("Sheet has no @BlobField property 'title'");
		writer.deleteById(Sheet.class, v1.id());
		assertThatExceptionOfType(NoSuchResourceException.class).isThrownBy(() -> ops().loadBlobs(version2));
	}

	/** A versioned type with a blob property that keeps two versions. */
	@SingleTableEntity(prefix = "Draft", versioned = true, maxVersions = 2)
	record Draft(@Id String id, @Version Long version, String title, @BlobField String text) {
	}

	/** A versioned type with blob properties. */
	@SingleTableEntity(prefix = "Sheet", versioned = true)
	record Sheet(@Id String id, @Version Long version, String title,
			@BlobField(compress = true, contentType = "application/json") Map<String, Object> body,
			@BlobField byte[] raw) {
	}

	/** A plain type with blob properties. */
	@SingleTableEntity(prefix = "Avatar")
	record Avatar(@Id String id, @Version Long version, @BlobField byte[] image, @BlobField byte[] thumbnail) {
	}

	/** {@link Document}'s items, written by a type that keeps every version. */
	@SingleTableEntity(prefix = "Document", versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Unbounded(@Id String id, @Version Integer version, @CreatedDate OffsetDateTime createdAt,
			@LastModifiedDate OffsetDateTime updatedAt, String text, Set<String> labels, Double weight) {

		Unbounded withText(String text) {
			return new Unbounded(this.id, this.version, this.createdAt, this.updatedAt, text, this.labels, this.weight);
		}

	}

}
