package dev.singletable.evolution;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Blob objects follow their resources: a move copies them to the new prefix's keys, so every version's references
 * still load (also a version that refers to an earlier version's object), and deletes the old ones; a deleteAll
 * deletes them with the items.
 */
class BackfillBlobsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	/** A versioned type with a blob property, under its old prefix. */
	@SingleTableEntity(prefix = "OldBox", versioned = true)
	record BoxOld(@Id String id, @Version Long version, String title, @BlobField String content) {

	}

	/** The same type under its new prefix. */
	@SingleTableEntity(prefix = "Box", versioned = true)
	record BoxNew(@Id String id, @Version Long version, String title, @BlobField String content) {

	}

	private SingleTableTemplate template() {
		return BackfillFixtures.templateWithBlobs(dynamo.client(), dynamo.tableName(), s3);
	}

	@Test
	void aMoveKeepsEveryVersionsBlobReferencesValidAndADeleteAllDeletesTheObjects() {
		SingleTableTemplate old = template();
		BoxOld box = old.create(new BoxOld(null, null, "first", "content a"));
		box = old.update(new BoxOld(box.id(), box.version(), "second", null));
		box = old.update(new BoxOld(box.id(), box.version(), "third", "content b"));
		String id = box.id();
		BlobStorage storage = old.getBlobStorage();
		assertThat(storage.listVersioned("OldBox", id)).hasSize(2);

		SingleTableTemplate current = template();
		SingleTableBackfills backfills = new SingleTableBackfills(current);
		assertThat(backfills.move(BoxNew.class, "OldBox", BackfillOptions.defaults()).itemsWritten()).isEqualTo(1);

		assertThat(storage.listVersioned("OldBox", id)).isEmpty();
		assertThat(storage.listVersioned("Box", id)).hasSize(2);
		BoxNew latest = current.getById(BoxNew.class, id);
		assertThat(latest.version()).isEqualTo(3);
		assertThat(current.loadBlobs(latest).content()).isEqualTo("content b");
		assertThat(current.loadBlobs(current.findVersion(BoxNew.class, id, 2).orElseThrow()).content())
			.isEqualTo("content a");
		assertThat(current.loadBlobs(current.findVersion(BoxNew.class, id, 1).orElseThrow()).content())
			.isEqualTo("content a");

		assertThat(backfills.deleteAll(BoxNew.class, BackfillOptions.defaults()).itemsWritten()).isEqualTo(1);
		assertThat(dynamo.sortKeys("Box#" + id)).isEmpty();
		assertThat(storage.listVersioned("Box", id)).isEmpty();
	}

}
