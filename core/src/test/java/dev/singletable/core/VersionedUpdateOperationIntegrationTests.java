package dev.singletable.core;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.build.VersionedUpdateOperation;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.test.BackgroundCleanups;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link VersionedUpdateOperation} against DynamoDB Local: the unit it builds — the new version and {@code v0} alone,
 * the version leaving the window pruned by its after-commit work, whose probe finds a longer history and trims it —
 * and what its failed conditions mean: a conflict, or the unit built again with the stored creation time.
 */
class VersionedUpdateOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.onDynamoDbLocal();

	@Test
	void theUnitPutsTheNextVersionIfAbsentAndV0OnTheVersionReadAndPrunesAfterItsCommit() {
		Document latest = writes.template.create(Document.of("1"));
		for (int i = 2; i <= 4; i++) {
			latest = writes.template.update(latest.withText(Integer.toString(i)));
		}
		BackgroundCleanups.await();

		WriteUnit unit = update(latest.withText("5"));

		// maxVersions = 3: v2 leaves the window, pruned after the commit, not in it
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("put v5", "put v0");
		assertThat(WriteOperationsFixture.condition(unit, 0)).isEqualTo("attribute_not_exists(pk)");
		// the creation time kept, and Python's layout attributes the type would drop absent
		assertThat(WriteOperationsFixture.condition(unit, 1))
			.startsWith("(attribute_exists(pk) AND version = 4 AND (created_at IN (")
			.endsWith("attribute_not_exists(_blob_fields) AND attribute_not_exists(_blob_versions) AND "
					+ "attribute_not_exists(metadata)");
		assertThat(unit.operation()).isEqualTo("update");
		assertThat(((Document) unit.result()).version()).isEqualTo(5);
		assertThat(unit.afterCommit()).isNotNull();
		assertThat(unit.blobs()).isNull();

		writes.send(unit);
		assertThat(writes.sortKeys("Document#" + latest.id())).containsExactlyInAnyOrder("v0", "v2", "v3", "v4", "v5");
		// the after-commit work: the probe of v1 finds nothing, and v2 is deleted
		writes.driver.run(unit.afterCommit());
		BackgroundCleanups.await();
		assertThat(writes.sortKeys("Document#" + latest.id())).containsExactlyInAnyOrder("v0", "v3", "v4", "v5");
	}

	@Test
	void aStaleVersionMeansAVersionConflictWithTheStoredVersion() {
		Document first = writes.template.create(Document.of("1"));
		writes.template.update(first.withText("2"));

		RuntimeException failure = writes.failure(update(first.withText("stale")));

		assertThat(failure).isInstanceOfSatisfying(VersionConflictException.class, (conflict) -> {
			assertThat(conflict.getExpected()).isEqualTo(1L);
			assertThat(conflict.getActual()).isEqualTo(2L);
		});
	}

	@Test
	void aGoneResourceMeansNoSuchResource() {
		Document first = writes.template.create(Document.of("1"));
		writes.template.deleteById(Document.class, first.id());

		assertThat(writes.failure(update(first.withText("2")))).isInstanceOf(NoSuchResourceException.class);
	}

	@Test
	void aLongerHistoryIsFoundByTheProbeAfterTheCommitAndTrimmed() {
		Document created = writes.template.create(Document.of("1"));
		String pk = "Document#" + created.id();
		writes.seedHistory(pk, 6);
		Document latest = writes.template.getById(Document.class, created.id());

		WriteUnit unit = update(latest.withText("7"));
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("put v7", "put v0");

		// nothing in the unit looks at the history: it commits whatever its length
		writes.send(unit);
		assertThat(writes.sortKeys(pk)).containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4", "v5", "v6", "v7");
		// the after-commit work: the probe of v3 finds it, and the trim deletes v1 to v4
		writes.driver.run(unit.afterCommit());
		BackgroundCleanups.await();
		assertThat(writes.sortKeys(pk)).containsExactlyInAnyOrder("v0", "v5", "v6", "v7");
	}

	@Test
	void aCarriedCreationTimeOtherThanTheStoredOneMeansTheUnitBuiltAgainWithTheStoredOne() {
		Document created = writes.template.create(Document.of("1"));
		String pk = "Document#" + created.id();
		AttributeValue stored = writes.stored(pk, "v0").get("created_at");
		Document other = new Document(created.id(), created.version(), created.createdAt().plusDays(1),
				created.updatedAt(), "2", created.labels(), created.weight());

		WriteUnit replacement = writes.replacement(update(other));

		assertThat(WriteOperationsFixture.condition(replacement, 1)).contains("created_at IN ('" + stored.s() + "')");
		writes.send(replacement);
		Map<String, AttributeValue> latest = writes.stored(pk, "v0");
		assertThat(latest.get("created_at")).isEqualTo(stored);
		assertThat(latest.get("version").n()).isEqualTo("2");
		assertThat(((Document) replacement.result()).createdAt().toInstant())
			.isEqualTo(created.createdAt().toInstant());
	}

	private WriteUnit update(Document document) {
		SingleTablePersistentEntity<Document> metadata = writes.metadata(Document.class);
		return writes.run(new VersionedUpdateOperation<>(writes.support, "update", metadata,
				Stamps.accessor(metadata, document), document.id(), document.version(), BlobStage.Followed.NONE,
				List.of(), null)
			.plan(null));
	}

}
