package dev.singletable.core;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.CreatedDate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;

import dev.singletable.internal.format.StorageTimestamps;
import dev.singletable.core.internal.item.Stamps;
import dev.singletable.core.internal.write.build.PlainUpdateOperation;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTableEntity.Compression;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.core.mapping.SingleTablePersistentEntity;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PlainUpdateOperation} against DynamoDB Local: the put it builds on the modification time read, and what its
 * failed condition means — a conflict, a resource gone, or the unit built again with the stored creation time.
 */
class PlainUpdateOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.onDynamoDbLocal();

	@Test
	void theUnitPutsTheItemOnTheConditionThatItsModificationTimeIsTheOneRead() {
		Memo memo = writes.template.create(new Memo(null, null, null, "one"));

		WriteUnit unit = update(memo.withText("two"));

		String pk = "Memo#" + memo.id();
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("put " + pk);
		assertThat(WriteOperationsFixture.condition(unit, 0)).startsWith("(attribute_exists(pk) AND (updated_at IN ('"
				+ StorageTimestamps.format(memo.updatedAt()) + "'");
		assertThat(unit.operation()).isEqualTo("update");
		writes.send(unit);
		assertThat(writes.stored(pk, pk).get("text").s()).isEqualTo("two");
		assertThat(((Memo) unit.result()).updatedAt()).isAfter(memo.updatedAt());
	}

	@Test
	void aChangedItemMeansAVersionConflictWithTheStoredModificationTime() {
		Memo memo = writes.template.create(new Memo(null, null, null, "one"));
		Memo changed = writes.template.update(memo.withText("changed"));

		RuntimeException failure = writes.failure(update(memo.withText("stale")));

		assertThat(failure).isInstanceOfSatisfying(VersionConflictException.class, (conflict) -> {
			assertThat(conflict.getExpected()).isEqualTo(StorageTimestamps.format(memo.updatedAt()));
			assertThat(conflict.getActual()).isEqualTo(StorageTimestamps.format(changed.updatedAt()));
		});
	}

	@Test
	void aGoneItemMeansNoSuchResource() {
		Memo memo = writes.template.create(new Memo(null, null, null, "one"));
		writes.template.deleteById(Memo.class, memo.id());

		assertThat(writes.failure(update(memo.withText("two")))).isInstanceOf(NoSuchResourceException.class);
	}

	@Test
	void aCarriedCreationTimeOtherThanTheStoredOneMeansTheUnitBuiltAgainWithTheStoredOne() {
		Memo memo = writes.template.create(new Memo(null, null, null, "one"));
		String pk = "Memo#" + memo.id();
		AttributeValue stored = writes.stored(pk, pk).get("created_at");

		WriteUnit replacement = writes
			.replacement(update(new Memo(memo.id(), memo.createdAt().minusSeconds(60), memo.updatedAt(), "two")));

		writes.send(replacement);
		assertThat(writes.stored(pk, pk).get("created_at")).isEqualTo(stored);
		assertThat(((Memo) replacement.result()).createdAt()).isEqualTo(memo.createdAt());
	}

	private WriteUnit update(Memo memo) {
		SingleTablePersistentEntity<Memo> metadata = writes.metadata(Memo.class);
		return PlainUpdateOperation.of(writes.support, metadata, Stamps.accessor(metadata, memo), memo.id(), List.of(), null,
				List.of());
	}

	@SingleTableEntity(compression = Compression.DISABLED)
	record Memo(@Id String id, @CreatedDate Instant createdAt, @LastModifiedDate Instant updatedAt, String text) {

		Memo withText(String text) {
			return new Memo(this.id, this.createdAt, this.updatedAt, text);
		}

	}

}
