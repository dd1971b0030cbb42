package dev.singletable.evolution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Backfills of blob content (from issue 25): {@code forEach} on a type with a {@link BlobField}, and the fix the drift
 * report gives for a blob property added later.
 */
class BackfillBlobContentIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	@SingleTableEntity(prefix = "Crate", versioned = true)
	record Crate(@Id String id, @Version Long version, String title, @BlobField String content) {

	}

	@SingleTableEntity(prefix = "Note", versioned = true)
	record NoteInline(@Id String id, @Version Long version, String title, String content) {

	}

	@SingleTableEntity(prefix = "Note", versioned = true)
	record NoteWithBlob(@Id String id, @Version Long version, String title, @BlobField String content) {

	}

	private SingleTableTemplate template() {
		return BackfillFixtures.templateWithBlobs(dynamo.client(), dynamo.tableName(), s3);
	}

	@Test
	void anInPlaceForEachThatChangesOtherPropertiesKeepsTheBlobContent() {
		SingleTableTemplate template = template();
		Crate crate = template.create(new Crate(null, null, "first", "content a"));

		BackfillResult result = new SingleTableBackfills(template()).forEach(Crate.class,
				(stored) -> new Crate(stored.id(), stored.version(), stored.title().toUpperCase(), stored.content()),
				BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE));

		assertThat(result.itemsWritten()).isEqualTo(1);
		Crate after = template.getById(Crate.class, crate.id());
		assertThat(after.title()).isEqualTo("FIRST");
		assertThat(after.version()).isEqualTo(1);
		assertThat(template.loadBlobs(after).content()).isEqualTo("content a");
		assertThat(template.loadBlobs(template.findVersion(Crate.class, crate.id(), 1).orElseThrow()).content())
			.isEqualTo("content a");
	}

	@Test
	void anInPlaceForEachThatChangesTheBlobContentIsRefusedNamingTheModeThatStoresIt() {
		SingleTableTemplate template = template();
		Crate crate = template.create(new Crate(null, null, "first", "content a"));
		SingleTableBackfills backfills = new SingleTableBackfills(template());

		assertThatExceptionOfType(BackfillFailedException.class)
			.isThrownBy(() -> backfills.forEach(Crate.class,
					(stored) -> new Crate(stored.id(), stored.version(), stored.title(), "content b"),
					BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE)))
			.withMessageContaining("Crate#" + crate.id())
			.withMessageContaining("@BlobField property 'content'")
			.withMessageContaining("RewriteMode.NEW_VERSION");
		assertThat(template.loadBlobs(template.getById(Crate.class, crate.id())).content()).isEqualTo("content a");

		backfills.forEach(Crate.class, (stored) -> new Crate(stored.id(), stored.version(), stored.title(), "content b"),
				BackfillOptions.defaults().withRewriteMode(RewriteMode.NEW_VERSION));
		Crate after = template.getById(Crate.class, crate.id());
		assertThat(after.version()).isEqualTo(2);
		assertThat(template.loadBlobs(after).content()).isEqualTo("content b");
	}

	@Test
	void aForEachThatWroteNothingDoesNotEndTheDriftOfABlobPropertyAddedLater() {
		SingleTableTemplate before = template();
		before.getConverter().getMappingContext().getRequiredPersistentEntity(NoteInline.class);
		new SingleTableDefinitions(before).check();
		NoteInline note = before.create(new NoteInline(null, null, "first", "inline content"));

		SingleTableTemplate after = template();
		after.getConverter().getMappingContext().getRequiredPersistentEntity(NoteWithBlob.class);
		SingleTableDefinitions definitions = new SingleTableDefinitions(after);
		assertThat(definitions.check().drifts()).anySatisfy((drift) -> assertThat(drift.subject()).isEqualTo("blobs"));
		SingleTableBackfills backfills = new SingleTableBackfills(after);
		backfills.addListener(definitions);

		BackfillResult result = backfills.forEach(NoteWithBlob.class, (resource) -> resource,
				BackfillOptions.defaults().withRewriteMode(RewriteMode.IN_PLACE));

		// nothing was rewritten: the stored note keeps its inline content, and the drift stays reported
		assertThat(result.itemsWritten()).isZero();
		assertThat(dynamo.storedItem("Note#" + note.id(), "v0")).doesNotContainKey("_blob_fields");
		assertThat(definitions.getReport().drifts()).anySatisfy((drift) -> assertThat(drift.subject()).isEqualTo("blobs"));
	}

}
