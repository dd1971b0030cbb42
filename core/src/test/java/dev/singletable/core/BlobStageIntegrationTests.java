package dev.singletable.core;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.blob.BlobLocation;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.internal.blob.BlobAttributes;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.build.DeleteByIdOperation;
import dev.singletable.core.internal.write.build.VersionedUpdateOperation;
import dev.singletable.core.internal.write.item.ChangesApplier;
import dev.singletable.core.internal.write.send.UnitSender;
import dev.singletable.core.internal.write.unit.BlobStage;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.BlobField;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import dev.singletable.test.BackgroundCleanups;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link BlobStage} against DynamoDB Local and the in-process S3: what it prepares for a unit (the attributes on its
 * items, the objects of its own version, its clean-up after the commit), and that the {@link UnitSender} runs the
 * stage a unit carries — and nothing for a unit that carries none.
 */
class BlobStageIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.withBlobStorage();

	@Test
	void aVersionedWriteCarriesTheObjectsOfItsOwnVersionAndBothItemsTheReferences() {
		Folder first = writes.template.create(new Folder(null, null, null, null, new byte[] { 1 }, new byte[] { 2 }));

		WriteUnit unit = update(first.withCover(new byte[] { 9 }));

		BlobStage.Staged staged = unit.blobs();
		assertThat(staged.resource().id()).isEqualTo(first.id());
		// the unchanged value is the stored object of version 1: referred to, not uploaded again
		assertThat(staged.objects())
			.containsExactly(Map.entry("cover", BlobLocation.of("Folder", first.id(), 2L, "cover")));
		assertThat(staged.item().get("sk").s()).isEqualTo("v2");
		assertThat(staged.cleanup()).isNull();
		assertThat(BlobAttributes.readVersions(unit.items().get(0).put().item())).containsOnly(Map.entry("cover", 2L),
				Map.entry("back", 1L));
		assertThat(BlobAttributes.readVersions(unit.items().get(1).put().item())).containsOnly(Map.entry("cover", 2L),
				Map.entry("back", 1L));
	}

	@Test
	void theUnitSenderUploadsBeforeTheItemsAndAfterACommitThatPrunesDeletesWhatOnlyPrunedVersionsUsedInTheBackground() {
		Folder first = writes.template.create(new Folder(null, null, null, null, new byte[] { 1 }, null));
		Folder second = writes.template.update(first.withCover(new byte[] { 2 }));
		String prefix = "writes/Folder/" + first.id() + "/";
		assertThat(writes.s3().keys()).containsExactlyInAnyOrder(prefix + "v1/cover", prefix + "v2/cover");

		// maxVersions = 2: v1 leaves the window with v3, pruned after the commit, and the clean-up follows the prune
		// in the unit's after-commit work rather than in its stage
		WriteUnit unit = update(second.withCover(new byte[] { 3 }));
		assertThat(unit.blobs().cleanup()).isNull();
		assertThat(unit.afterCommit()).isNotNull();
		writes.dynamo().requests().reset();
		writes.write(unit);

		BackgroundCleanups.await();
		// no blob lock (the object of v3 is written only if absent); after the answer the prune of v1 (no version
		// below it to probe), then the clean-up: the remaining versions' references read, the object of v1 deleted
		assertThat(writes.dynamo().requests().operations()).containsExactly("TransactWriteItems", "DeleteItem", "Query");
		assertThat(writes.s3().keys()).containsExactlyInAnyOrder(prefix + "v2/cover", prefix + "v3/cover");
		Folder loaded = writes.template.loadBlobs(writes.template.getById(Folder.class, first.id()));
		assertThat(loaded.cover()).containsExactly(3);
	}

	@Test
	void aUnitOfATypeWithoutBlobPropertiesCarriesNothingAndItsSendIsItsItemsAlone() {
		SingleTablePersistentEntity<Document> documents = writes.converter.getRequiredEntity(Document.class);
		Document document = writes.template.create(Document.of("one"));
		WriteUnit unit = writes.run(new VersionedUpdateOperation<>(writes.support, "update", documents,
				Stamps.accessor(documents, document.withText("two")), document.id(), 1, BlobStage.Followed.NONE, List.of(),
				null)
			.plan(null));
		assertThat(unit.blobs()).isNull();

		writes.dynamo().requests().reset();
		writes.s3().requests().reset();
		writes.write(unit);

		assertThat(writes.dynamo().requests().operations()).containsExactly("TransactWriteItems");
		assertThat(writes.s3().requests().operations()).isEmpty();
	}

	@Test
	void theDeleteOfAResourceDeletesItsObjectsAfterTheCommit() {
		Folder folder = writes.template.create(new Folder(null, null, null, null, new byte[] { 1 }, new byte[] { 2 }));
		WriteUnit unit = writes.driver
			.run(new DeleteByIdOperation(writes.support, writes.metadata(Folder.class), folder.id()).unit());
		assertThat(unit.blobs().objects()).isEmpty();
		assertThat(unit.afterCommit()).isNotNull();

		writes.write(unit);

		assertThat(writes.sortKeys("Folder#" + folder.id())).isEmpty();
		assertThat(writes.s3().keys()).isEmpty();
	}

	@Test
	void changesSetBlobPropertiesThemselvesAndClearThoseSetToNull() {
		Folder folder = new Folder("f", 1L, null, null, new byte[] { 1 }, new byte[] { 2 });

		ChangesApplier applier = new ChangesApplier(writes.converter);

		BlobStage.Changed<Folder> changed = writes.support.blobs()
			.applyChanges(folder, Changes.set("cover", new byte[] { 7 }).and("back", null), applier);

		assertThat(changed.entity().cover()).containsExactly(7);
		assertThat(changed.cleared()).containsExactly("back");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> writes.support.blobs().applyChanges(folder, Changes.set("cover", "text"), applier))
			.withMessageContaining("Cannot set 'cover' of Folder to a java.lang.String");
	}

	private WriteUnit update(Folder folder) {
		SingleTablePersistentEntity<Folder> metadata = writes.metadata(Folder.class);
		String pk = "Folder#" + folder.id();
		Map<String, AttributeValue> history = writes.stored(pk, "v" + folder.version());
		BlobStage.Followed references = VersionedUpdateOperation.storedReferences(folder.version(),
				history.isEmpty() ? null : history, writes.stored(pk, "v0"));
		return writes.run(new VersionedUpdateOperation<>(writes.support, "update", metadata,
				Stamps.accessor(metadata, folder), folder.id(), folder.version(), references, List.of(), null)
			.plan(null));
	}

	@SingleTableEntity(versioned = true, compression = SingleTableEntity.Compression.DISABLED, maxVersions = 2)
	record Folder(@Id String id, @Version Long version, @CreatedDate Instant createdAt,
			@LastModifiedDate Instant updatedAt, @BlobField byte[] cover, @BlobField byte[] back) {

		Folder withCover(byte[] cover) {
			return new Folder(this.id, this.version, this.createdAt, this.updatedAt, cover, this.back);
		}

	}

}
