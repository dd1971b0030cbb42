package dev.singletable.core;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;
import org.springframework.transaction.support.TransactionTemplate;

import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.blob.BlobStorageException;
import dev.singletable.core.blob.BlobTooLargeException;
import dev.singletable.core.blob.MissingBlobStorageException;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Large fields in S3 through the write path, against DynamoDB Local and the in-process S3: S3 first, DynamoDB
 * second, and what a failure on either side leaves; references instead of copies for unchanged blobs; what deleting
 * and pruning versions leave in S3; lazy, explicit loading; clearing; the size limit; transactions.
 */
class BlobWritesIntegrationTests {

	private static final String PREFIX = "pre";

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(), converter);
		this.template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), PREFIX, converter.getJsonMapper()));
	}

	// ---- references instead of copies ------------------------------------------------------------------

	@Test
	void anUnchangedBlobIsReferencedNotUploadedAgainAndEveryVersionLoadsItsOwn() {
		BlobDoc v1 = this.template.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), new byte[] { 1 }));
		String id = v1.id();
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 1, "body"), key(id, 1, "raw"));
		Map<String, AttributeValue> stored = item("BlobDoc#" + id, "v0");
		assertThat(stored).doesNotContainKeys("body", "raw");
		assertThat(BlobAttributes.readFields(stored)).containsExactly("body", "raw");

		BlobDoc read = this.template.getById(BlobDoc.class, id);
		assertThat(read.body()).isNull();
		assertThat(read.raw()).isNull();
		s3.requests().reset();
		BlobDoc v2 = this.template.update(read.withTitle("two"));
		assertThat(s3.requests().count("PutObject")).isZero();
		assertThat(BlobAttributes.readVersions(item("BlobDoc#" + id, "v2"))).containsOnly(Map.entry("body", 1L),
				Map.entry("raw", 1L));

		BlobDoc v3 = this.template.update(v2.withBody(Map.of("n", 3)));
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 1, "body"), key(id, 1, "raw"), key(id, 3, "body"));
		assertThat(BlobAttributes.readVersions(item("BlobDoc#" + id, "v0"))).containsOnly(Map.entry("body", 3L),
				Map.entry("raw", 1L));

		assertThat((Map<String, Object>) this.template.loadBlob(this.template.getById(BlobDoc.class, id), "body"))
			.containsEntry("n", 3);
		BlobDoc second = this.template.loadBlobs(this.template.findVersion(BlobDoc.class, id, 2).orElseThrow());
		assertThat(second.body()).containsEntry("n", 1);
		assertThat(second.raw()).containsExactly(1);
		assertThat(second.title()).isEqualTo("two");
		assertThat(v3.version()).isEqualTo(3);

		// the entity a write returns still carries its values: writing it again copies nothing
		s3.requests().reset();
		BlobDoc v4 = this.template.update(v3.withTitle("four"));
		assertThat(s3.requests().count("PutObject")).isZero();
		assertThat(BlobAttributes.readVersions(item("BlobDoc#" + id, "v4"))).containsOnly(Map.entry("body", 3L),
				Map.entry("raw", 1L));
		assertThat(v4.body()).containsEntry("n", 3);
	}

	@Test
	void compressedBlobsAreGzippedInS3() {
		BlobDoc doc = this.template.create(new BlobDoc(null, null, null, null, "t", Map.of("text", "x".repeat(5000)), null));
		byte[] stored = s3.rawClient()
			.getObjectAsBytes((request) -> request.bucket(s3.bucket()).key(key(doc.id(), 1, "body")))
			.asByteArray();
		assertThat(stored.length).isLessThan(1000);
		assertThat(stored[0]).isEqualTo((byte) 0x1f);
		assertThat(this.template.loadBlobs(doc).body()).containsEntry("text", "x".repeat(5000));
		assertThat(BlobAttributes.readFields(item("BlobDoc#" + doc.id(), "v1"))).containsExactly("body");
	}

	// ---- failures: S3 first, DynamoDB second ------------------------------------------------------------

	@Test
	void aVersionConflictLeavesNoNewObjectAndNoReference() {
		BlobDoc v1 = this.template.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), null));
		this.template.update(v1.withTitle("concurrent"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(v1.withBody(Map.of("n", 2))));
		assertThat(s3.keys()).containsExactly(key(v1.id(), 1, "body"));
		assertThat(BlobAttributes.readVersions(item("BlobDoc#" + v1.id(), "v0"))).containsOnly(Map.entry("body", 1L));
	}

	@Test
	void aFailedDynamoDbWriteDeletesTheObjectsItUploaded() {
		BlobDoc v1 = this.template.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), null));
		dynamo.faults().failNext("TransactWriteItems", 20, FaultInjector::serverError);

		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.template.update(v1.withBody(Map.of("n", 2)).withRaw(new byte[] { 2 })));
		dynamo.faults().clear();
		assertThat(s3.keys()).containsExactly(key(v1.id(), 1, "body"));
		assertThat(this.template.getById(BlobDoc.class, v1.id()).version()).isEqualTo(1);
	}

	@Test
	void aFailedUploadLeavesNoDynamoDbChangeAndNoObject() {
		BlobDoc v1 = this.template.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), null));
		// the first upload reaches S3 and loses its response; the write stops there
		s3.faults().failNextAfterTransmission("PutObject", 1,
				BlobWritesIntegrationTests::s3Fault);

		assertThatExceptionOfType(BlobStorageException.class)
			.isThrownBy(() -> this.template.update(v1.withBody(Map.of("n", 2)).withRaw(new byte[] { 2 })));
		assertThat(s3.keys()).containsExactly(key(v1.id(), 1, "body"));
		assertThat(item("BlobDoc#" + v1.id(), "v2")).isEmpty();
		assertThat(this.template.getById(BlobDoc.class, v1.id()).version()).isEqualTo(1);

		s3.faults().failNext("PutObject", 1, BlobWritesIntegrationTests::s3Fault);
		assertThatExceptionOfType(BlobStorageException.class).isThrownBy(
				() -> this.template.create(new BlobDoc(null, null, null, null, "new", Map.of("n", 1), null)));
		assertThat(this.template.query(BlobDoc.class).all()).hasSize(1);
	}

	@Test
	void aBlobOverItsLimitFailsBeforeAnythingIsWritten() {
		BlobNote note = new BlobNote(null, null, "t", "y".repeat(65));
		assertThatExceptionOfType(BlobTooLargeException.class).isThrownBy(() -> this.template.create(note))
			.withMessageContaining("text");
		assertThat(s3.keys()).isEmpty();
		assertThat(this.template.query(BlobNote.class).all()).isEmpty();

		BlobNote small = this.template.create(new BlobNote(null, null, "t", "short"));
		assertThatExceptionOfType(BlobTooLargeException.class)
			.isThrownBy(() -> this.template.update(small.withText("z".repeat(100))));
		assertThat((String) this.template.loadBlob(this.template.getById(BlobNote.class, small.id()), "text"))
			.isEqualTo("short");
	}

	// ---- transactions -----------------------------------------------------------------------------------

	@Test
	void aTransactionUploadsAtCommitAndACancelledOneLeavesNoObject() {
		BlobDoc taken = this.template.create(new BlobDoc(null, null, null, null, "taken", null, null));
		assertThatExceptionOfType(TransactionCancelledException.class).isThrownBy(() -> this.template.transaction((tx) -> {
			tx.create(new BlobDoc("a", null, null, null, "a", Map.of("n", 1), new byte[] { 1 }));
			tx.create(new BlobNote("n1", null, "n", "text"));
			tx.requireAbsent(BlobDoc.class, taken.id());
			assertThat(s3.keys()).as("nothing is uploaded before the commit").isEmpty();
		}));
		assertThat(s3.keys()).isEmpty();

		this.template.transaction((tx) -> {
			tx.create(new BlobDoc("a", null, null, null, "a", Map.of("n", 1), null));
			tx.create(new BlobNote("n1", null, "n", "text"));
		});
		assertThat(s3.keys()).containsExactlyInAnyOrder(key("a", 1, "body"), PREFIX + "/BlobNote/n1/text");
	}

	@Test
	void aSpringManagedTransactionUploadsAtCommitAndARollbackUploadsNothing() {
		TransactionTemplate transactions = new TransactionTemplate(
				new SingleTableTransactionManager(this.template.getDatabaseFactory()));
		transactions.executeWithoutResult((status) -> {
			this.template.create(new BlobDoc("rolled-back", null, null, null, "a", Map.of("n", 1), null));
			status.setRollbackOnly();
		});
		assertThat(s3.keys()).isEmpty();
		assertThat(this.template.findById(BlobDoc.class, "rolled-back")).isEmpty();

		transactions.executeWithoutResult((status) -> {
			this.template.create(new BlobDoc("committed", null, null, null, "a", Map.of("n", 1), null));
			assertThat(s3.keys()).isEmpty();
		});
		assertThat(s3.keys()).containsExactly(key("committed", 1, "body"));
		assertThat(this.template.loadBlobs(this.template.getById(BlobDoc.class, "committed")).body())
			.containsEntry("n", 1);
	}

	// ---- deleting and pruning ---------------------------------------------------------------------------

	@Test
	void pruningDeletesExactlyTheObjectsNoRemainingVersionUses() {
		PrunedDoc doc = this.template.create(new PrunedDoc(null, null, "1", Map.of("v", 1)));
		String id = doc.id();
		doc = this.template.update(doc.withTitle("2"));
		doc = this.template.update(doc.withTitle("3"));
		BackgroundCleanups.await();
		// v1 pruned; v2 and v3 still use v1's object
		assertThat(item("PrunedDoc#" + id, "v1")).isEmpty();
		assertThat(s3.keys()).containsExactly(key("PrunedDoc", id, 1, "body"));
		doc = this.template.update(doc.withBody(Map.of("v", 4)));
		BackgroundCleanups.await();
		// v2 pruned; v3 still uses v1's object
		assertThat(s3.keys()).containsExactlyInAnyOrder(key("PrunedDoc", id, 1, "body"), key("PrunedDoc", id, 4, "body"));
		this.template.update(doc.withTitle("5"));
		BackgroundCleanups.await();
		// v3 pruned: nobody uses v1's object
		assertThat(s3.keys()).containsExactly(key("PrunedDoc", id, 4, "body"));
		for (long version : new long[] { 4, 5 }) {
			PrunedDoc remaining = this.template.findVersion(PrunedDoc.class, id, version).orElseThrow();
			assertThat(this.template.loadBlobs(remaining).body()).as("v" + version).containsEntry("v", 4);
		}
	}

	@Test
	void deletingAVersionKeepsTheObjectsLaterVersionsUse() {
		BlobDoc v1 = this.template.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), new byte[] { 1 }));
		String id = v1.id();
		BlobDoc v2 = this.template.update(v1.withTitle("two").withRaw(new byte[] { 2 }));
		BlobDoc v3 = this.template.update(v2.withBody(Map.of("n", 3)));

		assertThat(this.template.deleteVersion(BlobDoc.class, id, 1)).isTrue();
		// v2 still uses v1's body; v1's raw was v1's alone
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 1, "body"), key(id, 2, "raw"), key(id, 3, "body"));
		assertThat(this.template.loadBlobs(this.template.findVersion(BlobDoc.class, id, 2).orElseThrow()).body())
			.containsEntry("n", 1);

		assertThat(this.template.deleteVersion(BlobDoc.class, id, 2)).isTrue();
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 2, "raw"), key(id, 3, "body"));
		BlobDoc latest = this.template.loadBlobs(this.template.getById(BlobDoc.class, id));
		assertThat(latest.body()).containsEntry("n", 3);
		assertThat(latest.raw()).containsExactly(2);

		assertThat(this.template.deleteVersion(BlobDoc.class, id, 3)).isTrue();
		assertThat(s3.keys()).isEmpty();
		assertThat(v3.version()).isEqualTo(3);
	}

	@Test
	void deletingTheLatestVersionRemovesV0AndOnlyTheObjectsNoOlderVersionUses() {
		BlobDoc v1 = this.template.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), new byte[] { 1 }));
		String id = v1.id();
		BlobDoc v2 = this.template.update(v1.withTitle("two").withBody(Map.of("n", 2)));
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 1, "body"), key(id, 1, "raw"), key(id, 2, "body"));

		assertThat(this.template.deleteVersion(BlobDoc.class, id, 2)).isTrue();

		// v2 and the latest copy (v0) went in one transaction: the resource no longer reads as existing, and v1 is
		// not promoted to latest
		assertThat(this.template.findById(BlobDoc.class, id)).isEmpty();
		assertThat(this.template.findAllVersions(BlobDoc.class, id)).extracting(BlobDoc::version).containsExactly(1L);
		// v2's own body went; v1's objects stay (v2 referred to v1's raw, which v1 still uses)
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(id, 1, "body"), key(id, 1, "raw"));
		BlobDoc remaining = this.template.loadBlobs(this.template.findVersion(BlobDoc.class, id, 1).orElseThrow());
		assertThat(remaining.body()).containsEntry("n", 1);
		assertThat(remaining.raw()).containsExactly(1);
		assertThat(v2.version()).isEqualTo(2);
	}

	@Test
	void deletingTheResourceOrItsHistoryDeletesEveryObject() {
		BlobDoc one = this.template.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), null));
		this.template.update(one.withBody(Map.of("n", 2)));
		BlobDoc two = this.template.create(new BlobDoc(null, null, null, null, "two", Map.of("n", 1), null));
		BlobNote note = this.template.create(new BlobNote(null, null, "n", "text"));
		BlobNote other = this.template.create(new BlobNote(null, null, "n", "other"));

		assertThat(this.template.deleteById(BlobDoc.class, one.id())).isTrue();
		this.template.delete(this.template.getById(BlobNote.class, note.id()));
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(two.id(), 1, "body"),
				PREFIX + "/BlobNote/" + other.id() + "/text");

		this.template.transaction((tx) -> {
			tx.delete(this.template.getById(BlobDoc.class, two.id()));
			tx.deleteById(BlobNote.class, other.id());
		});
		assertThat(s3.keys()).isEmpty();
	}

	// ---- clearing, restoring ----------------------------------------------------------------------------

	@Test
	void clearingABlobDropsItsReferenceAndKeepsOlderVersionsWhole() {
		BlobDoc v1 = this.template.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), new byte[] { 1 }));
		BlobDoc v2 = this.template.update(v1, Changes.clearing("body").and("title", "two"));
		assertThat(v2.title()).isEqualTo("two");
		assertThat(BlobAttributes.readVersions(item("BlobDoc#" + v1.id(), "v0"))).containsOnly(Map.entry("raw", 1L));
		assertThat((Object) this.template.loadBlob(v2, "body")).isNull();
		assertThat(this.template.loadBlobs(this.template.findVersion(BlobDoc.class, v1.id(), 1).orElseThrow()).body())
			.containsEntry("n", 1);

		BlobDoc v3 = this.template.restoreVersion(BlobDoc.class, v1.id(), 1);
		assertThat(BlobAttributes.readVersions(item("BlobDoc#" + v1.id(), "v3"))).containsOnly(Map.entry("body", 1L),
				Map.entry("raw", 1L));
		assertThat(this.template.loadBlobs(v3).body()).containsEntry("n", 1);
		assertThat(s3.keys()).containsExactlyInAnyOrder(key(v1.id(), 1, "body"), key(v1.id(), 1, "raw"));

		// Changes set blob properties too; setting one to null clears it
		BlobDoc v4 = this.template.update(v3, Changes.set("body", Map.of("n", 4)).and("raw", null));
		assertThat(BlobAttributes.readVersions(item("BlobDoc#" + v1.id(), "v4"))).containsOnly(Map.entry("body", 4L));
		assertThat(this.template.loadBlobs(v4).body()).containsEntry("n", 4);
		assertThat(this.template.loadBlobs(v4).raw()).isNull();
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.update(v4, Changes.set("raw", "not bytes")))
			.withMessageContaining("'raw'");
	}

	@Test
	void plainTypesShareOneKeyPerPropertyAndClearingDeletesIt() {
		BlobNote note = this.template.create(new BlobNote(null, null, "t", "first"));
		BlobNote updated = this.template.update(this.template.getById(BlobNote.class, note.id()).withTitle("t2"));
		assertThat((String) this.template.loadBlob(updated, "text")).isEqualTo("first");
		BlobNote replaced = this.template.update(updated.withText("second"));
		assertThat((String) this.template.loadBlob(replaced, "text")).isEqualTo("second");
		assertThat(s3.keys()).containsExactly(PREFIX + "/BlobNote/" + note.id() + "/text");

		this.template.update(replaced, Changes.clearing("text"));
		assertThat(s3.keys()).isEmpty();
		assertThat(item("BlobNote#" + note.id(), "BlobNote#" + note.id())).doesNotContainKey(BlobAttributes.FIELDS);
	}

	@Test
	void aFailedPlainUpdatePutsBackTheObjectItReplaced() {
		BlobNote note = this.template.create(new BlobNote(null, null, "t", "kept"));
		this.template.update(note.withTitle("concurrent"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(note.withText("lost")));
		assertThat(s3.keys()).containsExactly(PREFIX + "/BlobNote/" + note.id() + "/text");
		assertThat((String) this.template.loadBlob(this.template.getById(BlobNote.class, note.id()), "text"))
			.isEqualTo("kept");

		dynamo.faults().failNext("PutItem", 20, FaultInjector::serverError);
		BlobNote current = this.template.getById(BlobNote.class, note.id());
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.template.update(current.withText("also lost")));
		dynamo.faults().clear();
		assertThat(s3.keys()).containsExactly(PREFIX + "/BlobNote/" + note.id() + "/text");
		assertThat((String) this.template.loadBlob(current, "text")).isEqualTo("kept");

		BlobNote fresh = this.template.create(new BlobNote(null, null, "t", null));
		dynamo.faults().failNext("PutItem", 20, FaultInjector::serverError);
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> this.template.update(fresh.withText("never stored")));
		dynamo.faults().clear();
		assertThat(s3.keys()).containsExactly(PREFIX + "/BlobNote/" + note.id() + "/text");
	}

	@Test
	void loadingRefusesPropertiesThatAreNoBlobs() {
		BlobNote note = this.template.create(new BlobNote(null, null, "t", "x"));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.template.loadBlob(note, "title"))
			.withMessageContaining("BlobNote has no @BlobField property 'title'")
			.withMessageContaining("[text]");
	}

	// ---- no blob storage --------------------------------------------------------------------------------

	@Test
	void aTypeWithBlobsAndNoStorageFailsNamingTypePropertyAndSetting() {
		SingleTableMappingContext context = new SingleTableMappingContext();
		context.getRequiredPersistentEntity(BlobNote.class);
		SingleTableTemplate without = new SingleTableTemplate(dynamo.client(), dynamo.tableName(),
				new MappingSingleTableConverter(context));
		assertThatIllegalStateException().isThrownBy(without::afterPropertiesSet)
			.withMessageContaining(BlobNote.class.getName())
			.withMessageContaining("'text'")
			.withMessageContaining("singletable.blobs.bucket");
		assertThatIllegalStateException()
			.isThrownBy(() -> without.create(new BlobNote(null, null, "t", "x")))
			.withMessageContaining("singletable.blobs.bucket");
		assertThat(without.query(BlobNote.class).all()).isEmpty();
	}

	// ---- setting the storage ----------------------------------------------------------------------------

	@Test
	void settingTheStorageKeepsWhatWasConfiguredBeforeAndAStorageSetLaterOrRemovedIsTheWritesAndLoads() {
		MappingSingleTableConverter converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		SingleTableTemplate configured = new SingleTableTemplate(dynamo.client(), dynamo.tableName(), converter);
		Instant fixed = Instant.parse("2020-01-02T03:04:05Z");
		configured.setClock(Clock.fixed(fixed, ZoneOffset.UTC));
		configured.setTrackCounts(true);
		BlobStorage first = new BlobStorage(s3.client(), s3.bucket(), PREFIX, converter.getJsonMapper());
		configured.setBlobStorage(first);
		assertThat(configured.getBlobStorage()).isSameAs(first);

		BlobDoc created = configured.create(new BlobDoc(null, null, null, null, "one", Map.of("n", 1), null));
		assertThat(created.createdAt()).isEqualTo(fixed);
		assertThat(configured.countsByType()).containsEntry("BlobDoc", 1L);
		assertThat(s3.keys()).containsExactly(key(created.id(), 1, "body"));

		// another storage: the next writes and loads go there, the counts are still kept
		BlobStorage second = new BlobStorage(s3.client(), s3.bucket(), "other", converter.getJsonMapper());
		configured.setBlobStorage(second);
		BlobDoc elsewhere = configured.create(new BlobDoc(null, null, null, null, "two", Map.of("n", 2), null));
		assertThat(s3.keys()).contains("other/BlobDoc/" + elsewhere.id() + "/v1/body");
		assertThat((Map<String, Object>) configured.loadBlob(configured.getById(BlobDoc.class, elsewhere.id()),
				"body")).containsEntry("n", 2);
		assertThat(configured.countsByType()).containsEntry("BlobDoc", 2L);

		// none: types with blob properties are refused before anything is sent
		configured.setBlobStorage(null);
		assertThat(configured.getBlobStorage()).isNull();
		assertThatExceptionOfType(MissingBlobStorageException.class)
			.isThrownBy(() -> configured.create(new BlobDoc(null, null, null, null, "three", Map.of("n", 3), null)));
		assertThatExceptionOfType(MissingBlobStorageException.class)
			.isThrownBy(() -> configured.loadBlobs(configured.getById(BlobDoc.class, created.id())));
		assertThat(configured.countsByType()).containsEntry("BlobDoc", 2L);
	}

	// ---- helpers ----------------------------------------------------------------------------------------

	private static S3Exception s3Fault() {
		return (S3Exception) S3Exception.builder()
			.statusCode(403)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("AccessDenied").errorMessage("injected").build())
			.build();
	}

	private static String key(String id, long version, String field) {
		return key("BlobDoc", id, version, field);
	}

	private static String key(String type, String id, long version, String field) {
		return PREFIX + "/" + type + "/" + id + "/v" + version + "/" + field;
	}

	private static Map<String, AttributeValue> item(String pk, String sk) {
		Map<String, AttributeValue> item = dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk)))
				.consistentRead(true))
			.item();
		return (item != null) ? item : Map.of();
	}

	@SingleTableEntity(versioned = true)
	record BlobDoc(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title,
			@BlobField(compress = true, contentType = "application/json") Map<String, Object> body,
			@BlobField byte[] raw) {

		BlobDoc withTitle(String title) {
			return new BlobDoc(this.id, this.version, this.createdAt, this.updatedAt, title, this.body, this.raw);
		}

		BlobDoc withBody(Map<String, Object> body) {
			return new BlobDoc(this.id, this.version, this.createdAt, this.updatedAt, this.title, body, this.raw);
		}

		BlobDoc withRaw(byte[] raw) {
			return new BlobDoc(this.id, this.version, this.createdAt, this.updatedAt, this.title, this.body, raw);
		}

	}

	@SingleTableEntity(versioned = true, maxVersions = 2)
	record PrunedDoc(@Id String id, @Version Long version, String title, @BlobField Map<String, Object> body) {

		PrunedDoc withTitle(String title) {
			return new PrunedDoc(this.id, this.version, title, this.body);
		}

		PrunedDoc withBody(Map<String, Object> body) {
			return new PrunedDoc(this.id, this.version, this.title, body);
		}

	}

	@SingleTableEntity
	record BlobNote(@Id String id, @Version Long version, String title, @BlobField(maxSizeBytes = 64) String text) {

		BlobNote withTitle(String title) {
			return new BlobNote(this.id, this.version, title, this.text);
		}

		BlobNote withText(String text) {
			return new BlobNote(this.id, this.version, this.title, text);
		}

	}

}
