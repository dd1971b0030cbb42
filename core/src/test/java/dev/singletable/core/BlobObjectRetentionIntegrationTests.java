package dev.singletable.core;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.audit.AuditEntry;
import dev.singletable.core.audit.FieldChange;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.Audited;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.FilterMetadata;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.core.query.Filter;
import dev.singletable.core.query.QueryPage;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import dev.singletable.test.MutableClock;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Audit log, blobs in S3, filter metadata and per-type counts (from issue 16) against DynamoDB Local
 * and the in-process S3, with the cases the features' own tests do not write: writes that lose a race or collide
 * with a stored resource, {@code save} and partial updates of audited and counted types, cancelled transactions
 * that replace or delete objects, restores and pruning together, and paging every audit query to its end.
 */
class BlobObjectRetentionIntegrationTests {

	private static final String PREFIX = "review";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableTemplate template;

	private String auditor = "alice";

	@BeforeEach
	void setUp() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(), converter);
		this.template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), PREFIX, converter.getJsonMapper()));
		this.template.setAuditorAware(() -> Optional.ofNullable(this.auditor));
	}

	// ---- blobs: writes that fail must not touch objects other writes stored ---------------------------------

	@Test
	void aStaleUpdateLeavesTheObjectTheWinningUpdateStoredAtTheSameVersion() {
		Doc v1 = this.template.create(new Doc(null, null, "one", Map.of("n", 1)));
		Doc winner = this.template.update(v1.withBody(Map.of("n", 2)));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(v1.withBody(Map.of("n", 99))));
		assertThat(this.template.loadBlobs(this.template.getById(Doc.class, v1.id())).body()).containsEntry("n", 2);
		assertThat(this.template.loadBlobs(this.template.findVersion(Doc.class, v1.id(), 2).orElseThrow()).body())
			.containsEntry("n", 2);
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(v1.id(), 1), key(v1.id(), 2));
		assertThat(winner.version()).isEqualTo(2);
	}

	@Test
	void aStoreWithoutConditionalWritesIsCheckedAgainstTheStoredVersions() {
		Doc v1 = this.template.create(new Doc(null, null, "one", Map.of("n", 1)));
		s3.faults().failNext("PutObject", 1, BlobObjectRetentionIntegrationTests::notImplemented);
		Doc winner = this.template.update(v1.withBody(Map.of("n", 2)));
		assertThat(this.template.loadBlobs(winner).body()).containsEntry("n", 2);

		s3.faults().failNext("PutObject", 1, BlobObjectRetentionIntegrationTests::notImplemented);
		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(v1.withBody(Map.of("n", 99))));
		assertThat(this.template.loadBlobs(this.template.getById(Doc.class, v1.id())).body()).containsEntry("n", 2);
		assertThat(s3.faults().injected("PutObject")).isEqualTo(2);
	}

	private static S3Exception notImplemented() {
		return (S3Exception) S3Exception.builder()
			.statusCode(501)
			.awsErrorDetails(AwsErrorDetails.builder()
				.errorCode("NotImplemented")
				.errorMessage("A header you provided implies functionality that is not implemented")
				.build())
			.build();
	}

	@Test
	void aDuplicateCreateLeavesTheStoredResourcesObject() {
		this.template.create(new Doc("fixed", null, "first", Map.of("n", 1)));

		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(new Doc("fixed", null, "second", Map.of("n", 2))));
		assertThat(this.template.loadBlobs(this.template.getById(Doc.class, "fixed")).body()).containsEntry("n", 1);
		assertThat(s3.keys()).containsExactly(key("fixed", 1));
	}

	@Test
	void anObjectLeftWithoutItsVersionIsWrittenOverByTheWriteOfThatVersion() {
		Doc v1 = this.template.create(new Doc(null, null, "one", Map.of("n", 1)));
		// left by an earlier write of v2 whose clean-up failed
		s3.rawClient()
			.putObject((request) -> request.bucket(s3.bucket()).key(key(v1.id(), 2)),
					RequestBody.fromString("{\"n\":-1}"));

		Doc v2 = this.template.update(v1.withBody(Map.of("n", 2)));

		assertThat(this.template.loadBlobs(this.template.findVersion(Doc.class, v1.id(), 2).orElseThrow()).body())
			.containsEntry("n", 2);
		assertThat(v2.version()).isEqualTo(2);
	}

	@Test
	void aDuplicateCreateOfAPlainTypeLeavesTheStoredObject() {
		this.template.create(new Note("n", null, "first"));

		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(new Note("n", null, "second")));
		assertThat((String) this.template.loadBlob(this.template.getById(Note.class, "n"), "text")).isEqualTo("first");
		assertThat(s3.keys()).containsExactly(PREFIX + "/Note/n/text");
	}

	@Test
	void aPlainWriteThatIsStoredThoughItsAnswersAreLostKeepsItsObject() {
		Note note = this.template.create(new Note(null, null, "kept"));
		// the first attempt is stored, every answer is lost: the caller sees a failure
		dynamo.faults().failNextAfterTransmission("PutItem", 20, FaultInjector::serverError);

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.template.update(note.withText("new")));
		dynamo.faults().clear();

		Note stored = this.template.getById(Note.class, note.id());
		assertThat(stored.version()).isEqualTo(2);
		// the stored item and its object agree: the object it replaced is not put back
		assertThat((String) this.template.loadBlob(stored, "text")).isEqualTo("new");
		assertThat(s3.keys()).containsExactly(PREFIX + "/Note/" + note.id() + "/text");
	}

	@Test
	void aCancelledTransactionPutsBackThePlainObjectItReplacedAndKeepsTheObjectsOfADelete() {
		Note note = this.template.create(new Note(null, null, "kept"));
		Doc doc = this.template.create(new Doc(null, null, "d", Map.of("n", 1)));
		Note blocker = this.template.create(new Note(null, null, "x"));

		assertThatExceptionOfType(TransactionCancelledException.class).isThrownBy(() -> this.template.transaction((tx) -> {
			tx.update(note.withText("lost"));
			tx.deleteById(Doc.class, doc.id());
			tx.requireAbsent(Note.class, blocker.id());
		}));

		assertThat((String) this.template.loadBlob(this.template.getById(Note.class, note.id()), "text"))
			.isEqualTo("kept");
		assertThat(this.template.loadBlobs(this.template.getById(Doc.class, doc.id())).body()).containsEntry("n", 1);
		assertThat(s3.keys()).containsExactlyInAnyOrder(PREFIX + "/Note/" + note.id() + "/text",
				PREFIX + "/Note/" + blocker.id() + "/text", key(doc.id(), 1));
	}

	@Test
	void deleteAllByIdDeletesTheObjectsOfEveryDeletedResource() {
		Note one = this.template.create(new Note(null, null, "1"));
		Note two = this.template.create(new Note(null, null, "2"));
		Note kept = this.template.create(new Note(null, null, "3"));

		this.template.deleteAllById(Note.class, List.of(one.id(), two.id(), "missing"));

		assertThat(s3.keys()).containsExactly(PREFIX + "/Note/" + kept.id() + "/text");
		assertThat(this.template.findById(Note.class, one.id())).isEmpty();
	}

	@Test
	void aRestoredVersionKeepsItsObjectWhilePruningRemovesTheVersionThatStoredIt() {
		Pruned v1 = this.template.create(new Pruned(null, null, "1", Map.of("v", 1)));
		String id = v1.id();
		Pruned v2 = this.template.update(v1.withBody(Map.of("v", 2)));
		// v3 refers to v1's object; v1's item is pruned (two versions kept)
		Pruned v3 = this.template.restoreVersion(Pruned.class, id, 1);
		assertThat(dynamo.sortKeys("Pruned#" + id)).containsExactly("v0", "v2", "v3");
		assertThat(s3.keys()).containsExactlyInAnyOrder(prunedKey(id, 1), prunedKey(id, 2));
		assertThat(this.template.loadBlobs(v3).body()).containsEntry("v", 1);

		// v2 pruned: its object is used by no one; v1's object by v3 and v4
		Pruned v4 = this.template.update(v3.withTitle("4"));
		assertThat(s3.keys()).containsExactly(prunedKey(id, 1));
		assertThat(this.template.loadBlobs(this.template.getById(Pruned.class, id)).body()).containsEntry("v", 1);
		assertThat(v2.version()).isEqualTo(2);
		assertThat(v4.version()).isEqualTo(4);
	}

	@Test
	void deletingTheLatestVersionKeepsTheObjectsOfTheVersionsBeforeIt() {
		Doc v1 = this.template.create(new Doc(null, null, "one", Map.of("n", 1)));
		Doc v2 = this.template.update(v1.withBody(Map.of("n", 2)));

		assertThat(this.template.deleteVersion(Doc.class, v1.id(), 2)).isTrue();

		assertThat(s3.keys()).containsExactly(key(v1.id(), 1));
		assertThat(this.template.loadBlobs(this.template.findVersion(Doc.class, v1.id(), 1).orElseThrow()).body())
			.containsEntry("n", 1);
		assertThat(v2.version()).isEqualTo(2);
	}

	// ---- audit: every write path of an audited type writes its row -----------------------------------------

	@Test
	void saveOfAnAuditedTypeWritesItsRowsOnCreateUpsertAndUpdate() {
		Case created = this.template.save(new Case(null, null, "open", List.of("a"), Map.of("level", 1)));
		Case updated = this.template.save(created.withState("closed"));
		Keyed upserted = this.template.save(new Keyed("k1", "first"));
		this.template.save(new Keyed("k1", "second"));

		assertThat(rows("Case", created.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(rows("Case", created.id()).get(0).changedFields()).containsOnlyKeys("state");
		assertThat(rows("Keyed", upserted.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(updated.version()).isEqualTo(2);
	}

	@Test
	void aPartialUpdateOfAnAuditedTypeWithBlobsWritesItsRow() {
		AuditedDoc doc = this.template.create(new AuditedDoc(null, null, "t", "body"));

		this.template.update(doc, Changes.set("title", "t2").and("body", "body2"));

		List<AuditEntry> rows = rows("AuditedDoc", doc.id());
		assertThat(rows).extracting(AuditEntry::operation).containsExactly(AuditEntry.UPDATE, AuditEntry.CREATE);
		assertThat(rows.get(0).changedFields()).containsOnlyKeys("title", "body");
		// blobs are recorded as the Python library records them: by reference, never their content
		FieldChange body = rows.get(0).changedFields().get("body");
		assertThat(body.oldValue().path("__blob_ref__").asBoolean()).isTrue();
		assertThat(body.oldValue().path("version").asLong()).isEqualTo(1);
		assertThat(body.newValue().path("version").asLong()).isEqualTo(2);
		assertThat(rows.get(1).resourceSnapshot().path("body").path("__blob_ref__").asBoolean()).isTrue();

		// an unchanged blob keeps its reference: no change recorded
		AuditedDoc v2 = this.template.getById(AuditedDoc.class, doc.id());
		this.template.update(new AuditedDoc(v2.id(), v2.version(), "t3", null));
		assertThat(rows("AuditedDoc", doc.id()).get(0).changedFields()).containsOnlyKeys("title");
	}

	@Test
	void changesOfListAndNestedFieldsAreRecordedWithTheirOldAndNewValues() {
		Case created = this.template.create(new Case(null, null, "open", List.of("a", "b"), Map.of("level", 1)));
		this.template.update(new Case(created.id(), created.version(), "open", List.of("a", "c"),
				Map.of("level", 2, "by", "bob")));

		Map<String, FieldChange> changes = rows("Case", created.id()).get(0).changedFields();
		assertThat(changes).containsOnlyKeys("tags", "details");
		assertThat(changes.get("tags").oldValue().get(1).asString()).isEqualTo("b");
		assertThat(changes.get("tags").newValue().get(1).asString()).isEqualTo("c");
		assertThat(changes.get("details").oldValue().path("level").asInt()).isEqualTo(1);
		assertThat(changes.get("details").newValue().path("by").asString()).isEqualTo("bob");
	}

	@Test
	void anAuditedDeleteThatFailsLeavesTheResourceAndWritesNoRow() {
		Case created = this.template.create(new Case(null, null, "open", List.of(), Map.of()));
		dynamo.faults().failNext("TransactWriteItems", 20, FaultInjector::serverError);

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.template.deleteById(Case.class, created.id()));
		dynamo.faults().clear();

		assertThat(this.template.findById(Case.class, created.id())).isPresent();
		assertThat(rows("Case", created.id())).extracting(AuditEntry::operation).containsExactly(AuditEntry.CREATE);
	}

	@Test
	void everyAuditQueryPagesToItsEndVisitingEachRowOnce() {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			this.auditor = (i % 2 == 0) ? "even" : "odd";
			ids.add(this.template.create(new Case(null, null, "s" + i, List.of(), Map.of())).id());
		}
		this.auditor = "even";
		Case first = this.template.getById(Case.class, ids.get(0));
		for (int i = 0; i < 4; i++) {
			first = this.template.update(first.withState("u" + i));
		}

		assertThat(allPages(this.template.auditLog().forResource("Case", ids.get(0)).limit(2))).hasSize(5);
		assertThat(allPages(this.template.auditLog().forType("Case").limit(3))).hasSize(11);
		assertThat(allPages(this.template.auditLog().byChanger("even").limit(2))).hasSize(8);
		assertThat(allPages(this.template.auditLog().byChanger("odd").limit(2).oldestFirst())).hasSize(3);
		assertThat(allPages(this.template.auditLog().forType("Case").operation(AuditEntry.UPDATE).limit(2))).hasSize(4);
	}

	@Test
	void aTimeRangePagesWithCursorsAndKeepsOnlyTheRowsInTheRange() {
		MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
		this.template.setClock(clock);
		Case created = this.template.create(new Case(null, null, "s0", List.of(), Map.of()));
		Case current = created;
		for (int i = 1; i <= 6; i++) {
			clock.set(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * i));
			current = this.template.update(current.withState("s" + i));
		}
		Instant from = Instant.parse("2025-01-01T00:02:00Z");
		Instant to = Instant.parse("2025-01-01T00:05:00Z");

		List<AuditEntry> inRange = allPages(
				this.template.auditLog().forResource("Case", created.id()).between(from, to).limit(2));
		assertThat(inRange).extracting(AuditEntry::createdAt).allSatisfy((at) -> assertThat(at).isBetween(from, to));
		assertThat(inRange).hasSize(4);
		assertThat(allPages(this.template.auditLog().byChanger("alice").between(from, to).limit(3).oldestFirst()))
			.extracting(AuditEntry::createdAt)
			.containsExactly(from, from.plusSeconds(60), from.plusSeconds(120), to);
		assertThat(allPages(this.template.auditLog().forType("Case").since(to).limit(1))).hasSize(2);
	}

	@Test
	void aCursorOutsideTheTimeRangeOfTheQueryIsRefusedAsACursorOfAnotherQuery() {
		MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
		this.template.setClock(clock);
		Case current = this.template.create(new Case(null, null, "s0", List.of(), Map.of()));
		for (int i = 1; i <= 3; i++) {
			clock.set(Instant.parse("2025-01-01T00:00:00Z").plusSeconds(60L * i));
			current = this.template.update(current.withState("s" + i));
		}
		String id = current.id();
		String cursor = this.template.auditLog().forResource("Case", id).limit(1).page(null).nextCursor();

		assertThatExceptionOfType(dev.singletable.core.query.InvalidCursorException.class)
			.isThrownBy(() -> this.template.auditLog()
				.forResource("Case", id)
				.until(Instant.parse("2025-01-01T00:01:00Z"))
				.page(cursor));
	}

	private List<AuditEntry> allPages(AuditLogQueries.Query query) {
		List<AuditEntry> all = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		String cursor = null;
		for (int pages = 0; pages < 50; pages++) {
			QueryPage<AuditEntry> page = query.page(cursor);
			for (AuditEntry entry : page.items()) {
				assertThat(seen.add(entry.id())).as("row %s seen twice", entry.id()).isTrue();
				all.add(entry);
			}
			cursor = page.nextCursor();
			if (cursor == null) {
				return all;
			}
		}
		throw new AssertionError("no last page after 50");
	}

	// ---- per-type counts ------------------------------------------------------------------------------------

	@Test
	void countsFollowSavesThatCreateAndBatchDeletesOfWhatExists() {
		this.template.setTrackCounts(true);
		this.template.save(new Keyed("a", "1"));
		this.template.save(new Keyed("b", "1"));
		this.template.save(new Keyed("a", "2"));
		assertThat(this.template.countsByType()).containsEntry("Keyed", 2L);

		this.template.deleteAllById(Keyed.class, List.of("a", "missing"));
		assertThat(this.template.countsByType()).containsEntry("Keyed", 1L);

		assertThatExceptionOfType(DuplicateResourceException.class)
			.isThrownBy(() -> this.template.create(new Keyed("b", "again")));
		assertThat(this.template.countsByType()).containsEntry("Keyed", 1L);
	}

	@Test
	void countsFollowRestoresVersionDeletesAndTransactionsOfEveryKind() {
		this.template.setTrackCounts(true);
		Doc doc = this.template.create(new Doc(null, null, "one", Map.of("n", 1)));
		Doc v2 = this.template.update(doc.withBody(Map.of("n", 2)));
		this.template.restoreVersion(Doc.class, doc.id(), 1);
		this.template.deleteVersion(Doc.class, doc.id(), 1);
		assertThat(this.template.countsByType()).containsEntry("Doc", 1L);

		// the latest version deleted: the resource is gone
		this.template.deleteVersion(Doc.class, doc.id(), 3);
		assertThat(this.template.countsByType()).containsEntry("Doc", 0L);
		assertThat(this.template.deleteById(Doc.class, doc.id())).isTrue();
		assertThat(this.template.countsByType()).containsEntry("Doc", 0L);

		this.template.transaction((tx) -> {
			tx.save(new Keyed("t1", "a"));
			tx.create(new Doc("t2", null, "b", null));
			tx.deleteById(Keyed.class, "never-stored");
		});
		assertThat(this.template.countsByType()).containsEntry("Doc", 1L).containsEntry("Keyed", 1L);
		assertThat(v2.version()).isEqualTo(2);
	}

	@Test
	void deletingAnEntityAlreadyGoneWritesNoRowAndCountsNothing() {
		this.template.setTrackCounts(true);
		Case versioned = this.template.create(new Case(null, null, "open", List.of(), Map.of()));
		Memo plain = this.template.create(new Memo(null, null, "m"));
		this.template.deleteById(Case.class, versioned.id());
		this.template.deleteById(Memo.class, plain.id());
		assertThat(this.template.countsByType()).containsEntry("Case", 0L).containsEntry("Memo", 0L);

		this.template.delete(versioned);
		this.template.delete(plain);
		this.template.transaction((tx) -> {
			tx.delete(versioned);
			tx.delete(plain);
		});

		assertThat(this.template.countsByType()).containsEntry("Case", 0L).containsEntry("Memo", 0L);
		assertThat(rows("Case", versioned.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.CREATE);
		assertThat(rows("Memo", plain.id())).extracting(AuditEntry::operation)
			.containsExactly(AuditEntry.DELETE, AuditEntry.CREATE);

		// a stale delete of an entity that is still stored is refused as before
		Memo current = this.template.create(new Memo(null, null, "m2"));
		this.template.update(new Memo(current.id(), current.version(), "changed"));
		assertThatExceptionOfType(VersionConflictException.class).isThrownBy(() -> this.template.delete(current));
		assertThat(this.template.countsByType()).containsEntry("Memo", 1L);
	}

	// ---- filter metadata ------------------------------------------------------------------------------------

	@Test
	void filterMetadataFollowsPartialUpdatesAndRestores() {
		Ticket v1 = this.template.create(new Ticket(null, null, "open", "x"));
		Ticket v2 = this.template.update(v1, Changes.set("status", "closed"));
		assertThat(statuses("closed")).containsExactly(v1.id());

		this.template.restoreVersion(Ticket.class, v1.id(), 1);
		assertThat(statuses("open")).containsExactly(v1.id());
		assertThat(statuses("closed")).isEmpty();

		this.template.update(this.template.getById(Ticket.class, v1.id()), Changes.clearing("status"));
		assertThat(this.template.query(Ticket.class).filter(Filter.property("status").eq(null)).all())
			.extracting(Ticket::id)
			.containsExactly(v1.id());
		assertThat(v2.version()).isEqualTo(2);
	}

	@Test
	void filterMetadataOfDatesAndEnumsComparesAsTheValuesAreStored() {
		Instant noon = Instant.parse("2025-06-01T12:00:00Z");
		Deadline early = this.template.create(new Deadline(null, null, noon.minusSeconds(3600), Level.LOW));
		Deadline late = this.template.create(new Deadline(null, null, noon.plusSeconds(3600), Level.HIGH));
		this.template.create(new Deadline(null, null, null, Level.HIGH));

		assertThat(this.template.query(Deadline.class).filter(Filter.property("due").lt(noon)).all())
			.extracting(Deadline::id)
			.containsExactly(early.id());
		assertThat(this.template.query(Deadline.class)
			.filter(Filter.property("level").eq(Level.HIGH).and(Filter.property("due").ge(noon)))
			.all()).extracting(Deadline::id).containsExactly(late.id());
	}

	private List<String> statuses(String status) {
		return this.template.query(Ticket.class)
			.filter(Filter.property("status").eq(status))
			.all()
			.stream()
			.map(Ticket::id)
			.toList();
	}

	// ---- version summaries ----------------------------------------------------------------------------------

	@Test
	void summariesAndDeletesFollowEveryPageOfAHistoryOverOneMegabyte() {
		String text = "x".repeat(60_000);
		Flat current = this.template.create(new Flat(null, null, null, text + 1));
		for (int i = 2; i <= 24; i++) {
			current = this.template.update(new Flat(current.id(), current.version(), current.updatedAt(), text + i));
		}
		dynamo.requests().reset();

		List<VersionSummary> summaries = this.template.findVersionSummaries(Flat.class, current.id());

		assertThat(summaries).extracting(VersionSummary::version)
			.containsExactlyElementsOf(LongStream.rangeClosed(1, 24).map((v) -> 25 - v).boxed().toList());
		assertThat(summaries.get(0).latest()).isTrue();
		// the projection leaves the bodies out of the answer, but DynamoDB reads whole items: several pages
		assertThat(dynamo.requests().count("Query")).isGreaterThan(1);
		dynamo.requests()
			.sent(QueryRequest.class)
			.forEach((query) -> assertThat(query.expressionAttributeNames()).doesNotContainValue("text"));

		assertThat(this.template.deleteById(Flat.class, current.id())).isTrue();
		assertThat(dynamo.sortKeys("Flat#" + current.id())).isEmpty();
	}

	// ---- helpers --------------------------------------------------------------------------------------------

	private List<AuditEntry> rows(String type, String id) {
		return this.template.auditLog().forResource(type, id).page(null).items();
	}

	private static String key(String id, long version) {
		return PREFIX + "/Doc/" + id + "/v" + version + "/body";
	}

	private static String prunedKey(String id, long version) {
		return PREFIX + "/Pruned/" + id + "/v" + version + "/body";
	}

	@SingleTableEntity(versioned = true)
	record Doc(@Id String id, @Version Long version, String title, @BlobField Map<String, Object> body) {

		Doc withBody(Map<String, Object> body) {
			return new Doc(this.id, this.version, this.title, body);
		}

	}

	@SingleTableEntity(versioned = true, maxVersions = 2)
	record Pruned(@Id String id, @Version Long version, String title, @BlobField Map<String, Object> body) {

		Pruned withTitle(String title) {
			return new Pruned(this.id, this.version, title, this.body);
		}

		Pruned withBody(Map<String, Object> body) {
			return new Pruned(this.id, this.version, this.title, body);
		}

	}

	@SingleTableEntity
	record Note(@Id String id, @Version Long version, @BlobField String text) {

		Note withText(String text) {
			return new Note(this.id, this.version, text);
		}

	}

	@SingleTableEntity(versioned = true)
	@Audited(snapshot = true)
	record AuditedDoc(@Id String id, @Version Long version, String title, @BlobField String body) {
	}

	@SingleTableEntity(versioned = true)
	@Audited
	record Case(@Id String id, @Version Long version, String state, List<String> tags, Map<String, Object> details) {

		Case withState(String state) {
			return new Case(this.id, this.version, state, this.tags, this.details);
		}

	}

	@SingleTableEntity
	@Audited
	record Memo(@Id String id, @Version Long version, String text) {
	}

	@SingleTableEntity
	@Audited
	record Keyed(@Id String id, String text) {
	}

	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Flat(@Id String id, @Version Long version, @LastModifiedDate Instant updatedAt, String text) {
	}

	enum Level {

		LOW, HIGH

	}

	@SingleTableEntity(versioned = true)
	record Deadline(@Id String id, @Version Long version, @FilterMetadata Instant due, @FilterMetadata Level level) {
	}

	@SingleTableEntity(versioned = true)
	record Ticket(@Id String id, @Version Long version, @FilterMetadata String status, String body) {
	}

}
