package dev.singletable.core;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.write.build.RestoreVersionOperation;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.BackgroundCleanups;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RestoreVersionOperation} against DynamoDB Local and the in-process S3: a stored version written again as the
 * next one; for a type with blob properties the write requires the restored version, whose objects it refers to,
 * to be still stored — a version delete that won means the version is gone.
 */
class RestoreVersionOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.withBlobStorage();

	@Test
	void aVersionOfATypeWithoutBlobsIsWrittenAgainAsTheNextWithoutCheckingIt() {
		Document first = writes.template.create(Document.of("one"));
		Document latest = writes.template.update(writes.template.update(first.withText("two")).withText("3"));

		WriteUnit unit = restore(Document.class, latest.id(), 2);

		// maxVersions = 3: v1 leaves the window with v4, pruned after the commit
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("put v4", "put v0");
		assertThat(unit.operation()).isEqualTo("restoreVersion");
		Document restored = (Document) unit.result();
		assertThat(restored.version()).isEqualTo(4);
		assertThat(restored.text()).isEqualTo("two");
		assertThat(restored.createdAt().toInstant()).isEqualTo(first.createdAt().toInstant());
		writes.send(unit);
		assertThat(writes.template.getById(Document.class, latest.id()).text()).isEqualTo("two");
		writes.driver.run(unit.afterCommit());
		BackgroundCleanups.await();
		assertThat(writes.sortKeys("Document#" + latest.id())).containsExactlyInAnyOrder("v0", "v2", "v3", "v4");
	}

	@Test
	void aVersionWhoseObjectsTheRestoreRefersToMustStillBeStoredElseTheVersionIsGone() {
		Paper first = writes.template.create(new Paper(null, null, null, null, "one", new byte[] { 1 }));
		writes.template.update(new Paper(first.id(), 1L, first.createdAt(), first.updatedAt(), "two",
				new byte[] { 2 }));

		WriteUnit unit = restore(Paper.class, first.id(), 1);

		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("put v3", "put v0", "check v1");
		assertThat(WriteOperationsFixture.condition(unit, 2)).isEqualTo("attribute_exists(pk)");
		assertThat(BlobAttributes.readVersions(unit.items().get(0).put().item())).containsEntry("file", 1L);
		assertThat(unit.blobs().objects()).as("the restored version's object is referred to, not uploaded").isEmpty();

		// a version delete that won since the restore read the version
		writes.client.deleteItem((request) -> request.tableName(writes.dynamo().tableName())
			.key(Map.of("pk", AttributeValue.fromS("Paper#" + first.id()), "sk", AttributeValue.fromS("v1"))));
		RuntimeException failure = writes.failure(unit);
		assertThat(failure).isInstanceOfSatisfying(NoSuchResourceException.class,
				(gone) -> assertThat(gone.getVersion()).isEqualTo(1L));
	}

	@Test
	void aVersionNotStoredIsRefusedBeforeAnythingIsSent() {
		Document stored = writes.template.create(Document.of("one"));

		assertThatExceptionOfType(NoSuchResourceException.class)
			.isThrownBy(() -> restore(Document.class, stored.id(), 7))
			.satisfies((gone) -> assertThat(gone.getVersion()).isEqualTo(7L));
	}

	private <T> WriteUnit restore(Class<T> type, String id, long version) {
		return writes.run(new RestoreVersionOperation<>(writes.support, writes.converter.getRequiredEntity(type), id,
				version)
			.plan()).unit();
	}

	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED)
	record Paper(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, String title, @BlobField byte[] file) {
	}

}
