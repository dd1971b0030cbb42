package dev.singletable.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.PlainUpdateOperationIntegrationTests.Memo;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.internal.write.build.DeleteOperation;
import dev.singletable.core.internal.write.unit.WriteUnit;
import dev.singletable.core.mapping.SingleTablePersistentEntity;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeleteOperation} against DynamoDB Local: the delete of an entity as read, conditioned on its version, with
 * the history found in a transaction; what a failed condition means — the resource changed, or is gone.
 */
class DeleteOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.onDynamoDbLocal();

	@Test
	void inATransactionTheLatestItemGoesOnItsVersionWithTheHistoryAsFound() {
		Document latest = writes.template.create(Document.of("1"));
		latest = writes.template.update(writes.template.update(latest.withText("2")).withText("3"));

		DeleteOperation delete = DeleteOperation.of(writes.support, writes.metadata(Document.class), latest, false);
		WriteUnit unit = writes.run(delete.planWithHistory());

		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("delete v0", "delete v1", "delete v2",
				"delete v3");
		assertThat(WriteOperationsFixture.condition(unit, 0)).isEqualTo("attribute_not_exists(pk) OR (version = 3)");
		assertThat(WriteOperationsFixture.condition(unit, 1)).isNull();
		assertThat(WriteOperationsFixture.shape(delete.unit())).containsExactly("delete v0");
		writes.send(unit);
		assertThat(writes.sortKeys("Document#" + latest.id())).isEmpty();
	}

	@Test
	void aChangedResourceMeansAVersionConflictWithTheStoredVersion() {
		Document first = writes.template.create(Document.of("1"));
		writes.template.update(first.withText("2"));

		RuntimeException failure = writes
			.failure(DeleteOperation.of(writes.support, writes.metadata(Document.class), first, false).unit());

		assertThat(failure).isInstanceOfSatisfying(VersionConflictException.class, (conflict) -> {
			assertThat(conflict.getExpected()).isEqualTo(1L);
			assertThat(conflict.getActual()).isEqualTo(2L);
		});
	}

	@Test
	void aGoneResourceThatMustStillExistMeansAConflictSayingItNoLongerExists() {
		Document first = writes.template.create(Document.of("1"));
		writes.template.deleteById(Document.class, first.id());

		DeleteOperation existing = DeleteOperation.of(writes.support, writes.metadata(Document.class), first, true);

		assertThat(WriteOperationsFixture.condition(existing.unit(), 0)).isEqualTo("version = 1");
		assertThat(writes.failure(existing.unit())).isInstanceOf(VersionConflictException.class)
			.hasMessageContaining("no longer exists");
	}

	@Test
	void anEntityWithNeitherVersionNorModificationTimeIsLeftToTheDeleteById() {
		SingleTablePersistentEntity<Memo> memos = writes.converter.getRequiredEntity(Memo.class);

		assertThat(DeleteOperation.of(writes.support, memos, new Memo("m", null, null, "t"), false)).isNull();
	}

}
