package dev.singletable.core;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.BlobAndAuditFixtures.Doc;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.FaultInjector;
import dev.singletable.test.S3LocalExtension;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.S3Exception;

import static dev.singletable.core.BlobAndAuditFixtures.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Blob objects in S3 stay as long as an item refers to them (from issue 16), against DynamoDB Local and the in-process
 * S3: writes that lose a race or collide with a stored resource leave the objects other writes stored, cancelled
 * transactions put back or keep the objects they replaced or deleted, and restores and pruning together keep the
 * objects of the versions still stored.
 */
class BlobObjectRetentionIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private SingleTableTemplate template;

	private String auditor = "alice";

	@BeforeEach
	void setUp() {
		this.template = BlobAndAuditFixtures.template(dynamo, s3, () -> this.auditor);
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
	void anObjectLeftWithoutItsVersionIsWrittenOverByTheWriteOfThatVersion() throws InterruptedException {
		Doc v1 = this.template.create(new Doc(null, null, "one", Map.of("n", 1)));
		// left by an earlier write of v2 whose clean-up failed, longer ago than the lease
		this.template.blobLocks().setTimings(Duration.ofSeconds(1), Duration.ofMillis(500));
		s3.rawClient()
			.putObject((request) -> request.bucket(s3.bucket()).key(key(v1.id(), 2)),
					RequestBody.fromString("{\"n\":-1}"));
		// S3 keeps the time of a write in whole seconds
		Thread.sleep(2100);

		Doc v2 = this.template.update(v1.withBody(Map.of("n", 2)));

		assertThat(this.template.loadBlobs(this.template.findVersion(Doc.class, v1.id(), 2).orElseThrow()).body())
			.containsEntry("n", 2);
		assertThat(v2.version()).isEqualTo(2);
	}

	@Test
	void anUpdateThatFindsTheObjectOfAnotherWriteOfItsVersionUnderWayFailsAndLeavesIt() {
		Doc v1 = this.template.create(new Doc(null, null, "one", Map.of("n", 1)));
		// uploaded a moment ago by another writer of v2 that has not committed yet
		s3.rawClient()
			.putObject((request) -> request.bucket(s3.bucket()).key(key(v1.id(), 2)),
					RequestBody.fromString("{\"n\":7}"));

		assertThatExceptionOfType(VersionConflictException.class)
			.isThrownBy(() -> this.template.update(v1.withBody(Map.of("n", 2))))
			.withMessageContaining("Doc '" + v1.id() + "'")
			.withMessageContaining("another write of version 2 is under way");
		assertThat(s3.rawClient()
			.getObjectAsBytes((request) -> request.bucket(s3.bucket()).key(key(v1.id(), 2)))
			.asUtf8String()).isEqualTo("{\"n\":7}");
		assertThat(this.template.getById(Doc.class, v1.id()).version()).isOne();
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
		BackgroundCleanups.await();
		assertThat(dynamo.sortKeys("Pruned#" + id)).containsExactly("v0", "v2", "v3");
		assertThat(s3.keys()).containsExactlyInAnyOrder(prunedKey(id, 1), prunedKey(id, 2));
		assertThat(this.template.loadBlobs(v3).body()).containsEntry("v", 1);

		// v2 pruned: its object is used by no one; v1's object by v3 and v4
		Pruned v4 = this.template.update(v3.withTitle("4"));
		BackgroundCleanups.await();
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

	// ---- helpers --------------------------------------------------------------------------------------------

	private static String key(String id, long version) {
		return PREFIX + "/Doc/" + id + "/v" + version + "/body";
	}

	private static String prunedKey(String id, long version) {
		return PREFIX + "/Pruned/" + id + "/v" + version + "/body";
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

}
