package dev.singletable.core;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;

import dev.singletable.core.blob.BlobCacheSettings;
import dev.singletable.core.blob.BlobStorage;
import dev.singletable.core.convert.MappingSingleTableConverter;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTableMappingContext;
import dev.singletable.test.BackgroundCleanups;
import dev.singletable.test.DynamoDbLocalExtension;
import dev.singletable.test.S3LocalExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The blob cache through the template, against DynamoDB Local and the in-process S3 (S3 requests counted by an
 * {@code ExecutionInterceptor}): a versioned object is read from S3 once; this process's writes, deletes and pruning
 * never leave a superseded object in the cache; a disabled cache reads every time.
 */
class BlobCacheTemplateIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@RegisterExtension
	static S3LocalExtension s3 = new S3LocalExtension();

	private MappingSingleTableConverter converter;

	private SingleTableTemplate template;

	private BlobStorage storage;

	@BeforeEach
	void setUp() {
		this.converter = new MappingSingleTableConverter(new SingleTableMappingContext());
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName(), this.converter);
		this.storage = new BlobStorage(s3.client(), s3.bucket(), "", this.converter.getJsonMapper());
		this.template.setBlobStorage(this.storage);
	}

	private static int gets() {
		return s3.requests().count("GetObject");
	}

	@Test
	void aVersionedBlobIsReadFromS3Once() {
		Doc created = this.template.create(new Doc(null, null, Map.of("n", 1), new byte[] { 7 }));
		Doc read = this.template.getById(Doc.class, created.id());
		s3.requests().reset();
		assertThat(this.template.loadBlobs(read).body()).containsEntry("n", 1);
		assertThat(gets()).isEqualTo(2);

		s3.requests().reset();
		Doc again = this.template.loadBlobs(this.template.getById(Doc.class, created.id()));
		Map<String, Object> body = this.template.loadBlob(read, "body");
		assertThat(again.body()).containsEntry("n", 1);
		assertThat(again.raw()).containsExactly(7);
		assertThat(body).containsEntry("n", 1);
		assertThat(s3.requests().total()).as("no S3 request at all").isZero();
		assertThat(this.storage.getCacheStats().hits()).isEqualTo(3);
	}

	@Test
	void aPlainBlobThisProcessRewritesIsReadAgain() {
		Note note = this.template.create(new Note("n1", null, "one"));
		assertThat((String) this.template.loadBlob(note, "text")).isEqualTo("one");
		assertThat((String) this.template.loadBlob(note, "text")).isEqualTo("one");
		Note updated = this.template.update(new Note("n1", note.version(), "two"));
		s3.requests().reset();
		assertThat((String) this.template.loadBlob(updated, "text")).isEqualTo("two");
		assertThat(gets()).isOne();
		assertThat((String) this.template.loadBlob(updated, "text")).isEqualTo("two");
		assertThat(gets()).isOne();

		this.template.update(new Note("n1", updated.version(), null), Changes.clearing("text"));
		assertThat(this.storage.getCacheStats().items()).isZero();
	}

	@Test
	void deletingAResourceForgetsItsObjectsSoThatTheSameIdCreatedAgainLoadsItsNewBlob() {
		Doc first = this.template.create(new Doc("same", null, Map.of("n", 1), null));
		assertThat(this.template.loadBlobs(first).body()).containsEntry("n", 1);
		assertThat(this.storage.getCacheStats().items()).isOne();

		this.template.deleteById(Doc.class, "same");
		assertThat(this.storage.getCacheStats().items()).isZero();
		Doc second = this.template.create(new Doc("same", null, Map.of("n", 2), null));
		assertThat(second.version()).isEqualTo(1);
		assertThat(this.template.loadBlobs(this.template.getById(Doc.class, "same")).body()).containsEntry("n", 2);
	}

	@Test
	void pruningAndDeletingVersionsForgetTheObjectsTheyDelete() {
		Pruned v1 = this.template.create(new Pruned(null, null, Map.of("n", 1)));
		this.template.loadBlobs(v1);
		Pruned v2 = this.template.update(new Pruned(v1.id(), v1.version(), Map.of("n", 2)));
		this.template.loadBlobs(v2);
		assertThat(this.storage.getCacheStats().items()).isEqualTo(2);

		// maxVersions = 2: v1 goes, and with it the only reference to its object
		Pruned v3 = this.template.update(new Pruned(v1.id(), v2.version(), Map.of("n", 3)));
		BackgroundCleanups.await();
		assertThat(s3.keys()).containsExactlyInAnyOrder("Pruned/" + v1.id() + "/v2/body", "Pruned/" + v1.id() + "/v3/body");
		assertThat(this.storage.getCacheStats().items()).as("v2's object is left").isOne();

		assertThat(this.template.deleteVersion(Pruned.class, v1.id(), 2)).isTrue();
		assertThat(this.storage.getCacheStats().items()).isZero();
		assertThat(this.template.loadBlobs(v3).body()).containsEntry("n", 3);
	}

	@Test
	void aDisabledCacheReadsEveryLoadFromS3() {
		this.template.setBlobStorage(new BlobStorage(s3.client(), s3.bucket(), "", this.converter.getJsonMapper(),
				BlobCacheSettings.DISABLED));
		Doc created = this.template.create(new Doc(null, null, Map.of("n", 1), null));
		s3.requests().reset();
		this.template.loadBlob(created, "body");
		this.template.loadBlob(created, "body");
		assertThat(gets()).isEqualTo(2);
	}

	@SingleTableEntity(versioned = true)
	record Doc(@Id String id, @Version Long version, @BlobField(compress = true) Map<String, Object> body,
			@BlobField byte[] raw) {
	}

	@SingleTableEntity(versioned = true, maxVersions = 2)
	record Pruned(@Id String id, @Version Long version, @BlobField Map<String, Object> body) {
	}

	@SingleTableEntity
	record Note(@Id String id, @Version Long version, @BlobField String text) {
	}

}
