package dev.singletable.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.PlainUpdateOperationIntegrationTests.Memo;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.internal.write.build.DeleteByIdOperation;
import dev.singletable.core.internal.write.unit.WriteUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link DeleteByIdOperation} against DynamoDB Local: a versioned resource deleted in the state its versions were
 * found in, and what a version written since means — the unit built again from a new query.
 */
class DeleteByIdOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.onDynamoDbLocal();

	@Test
	void aVersionWrittenSinceTheQueryMeansTheUnitBuiltAgainFromTheVersionsFoundThen() {
		Document latest = writes.template.update(writes.template.create(Document.of("1")).withText("2"));
		WriteUnit unit = writes.driver.run(deleteById(Document.class, latest.id()).unit());
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("delete v0", "delete v1", "delete v2");
		assertThat(WriteOperationsFixture.condition(unit, 0)).isEqualTo("version = 2");

		writes.template.update(latest.withText("3"));
		WriteUnit replacement = writes.replacement(unit);

		assertThat(WriteOperationsFixture.shape(replacement)).containsExactly("delete v0", "delete v1", "delete v2",
				"delete v3");
		assertThat(WriteOperationsFixture.condition(replacement, 0)).isEqualTo("version = 3");
		writes.send(replacement);
		assertThat(writes.sortKeys("Document#" + latest.id())).isEmpty();
	}

	@Test
	void aVersionedResourceNotStoredIsDeletedOnlyWhileItIsStillAbsent() {
		WriteUnit unit = writes.driver.run(deleteById(Document.class, "nothing").unit());

		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("delete v0");
		assertThat(WriteOperationsFixture.condition(unit, 0)).isEqualTo("attribute_not_exists(pk)");
	}

	@Test
	void aPlainResourceIsItsItemAndTheDeleteWhileStoredOfAGoneOneMeansNoSuchResource() {
		WriteUnit unit = writes.driver.run(deleteById(Memo.class, "m").unit());
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("delete Memo#m");
		assertThat(WriteOperationsFixture.condition(unit, 0)).isNull();

		WriteUnit whileStored = deleteById(Memo.class, "m").whileStored();
		assertThat(WriteOperationsFixture.condition(whileStored, 0)).isEqualTo("attribute_exists(pk)");
		assertThat(writes.failure(whileStored)).isInstanceOf(NoSuchResourceException.class);
	}

	private DeleteByIdOperation deleteById(Class<?> type, String id) {
		return new DeleteByIdOperation(writes.support, writes.converter.getRequiredEntity(type), id);
	}

}
