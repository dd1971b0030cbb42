package dev.singletable.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.internal.write.build.DeleteVersionOperation;
import dev.singletable.core.internal.write.unit.WriteUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link DeleteVersionOperation} against DynamoDB Local: the latest version goes with {@code v0} only while it is
 * the latest; a newer version written meanwhile means a conflict.
 */
class DeleteVersionOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.onDynamoDbLocal();

	@Test
	void theLatestVersionGoesWithV0WhileItIsTheLatest() {
		Document latest = writes.template.update(writes.template.create(Document.of("1")).withText("2"));

		WriteUnit unit = deleteVersion(latest.id(), 2).latestUnit();

		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("delete v2", "delete v0");
		assertThat(WriteOperationsFixture.condition(unit, 1)).isEqualTo("version = 2");
		writes.send(unit);
		assertThat(writes.sortKeys("Document#" + latest.id())).containsExactly("v1");
	}

	@Test
	void aNewerVersionWrittenMeanwhileMeansAVersionConflict() {
		Document latest = writes.template.update(writes.template.create(Document.of("1")).withText("2"));
		WriteUnit unit = deleteVersion(latest.id(), 2).latestUnit();
		writes.template.update(latest.withText("3"));

		assertThat(writes.failure(unit)).isInstanceOfSatisfying(VersionConflictException.class,
				(conflict) -> assertThat(conflict.getExpected()).isEqualTo(2L));
	}

	@Test
	void versionsStartAt1() {
		assertThatIllegalArgumentException().isThrownBy(() -> deleteVersion("d", 0))
			.withMessage("Versions start at 1, got 0");
	}

	private DeleteVersionOperation deleteVersion(String id, long version) {
		return new DeleteVersionOperation(writes.support, writes.metadata(Document.class), id, version);
	}

}
