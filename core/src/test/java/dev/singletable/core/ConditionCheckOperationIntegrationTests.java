package dev.singletable.core;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.fixtures.Document;
import dev.singletable.core.internal.write.build.ConditionCheckOperation;
import dev.singletable.core.internal.write.unit.WriteUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ConditionCheckOperation} against DynamoDB Local: a check of the latest item, and what its failure means for
 * each requirement.
 */
class ConditionCheckOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.onDynamoDbLocal();

	@Test
	void anotherVersionThanTheOneRequiredMeansAConflictNamingBoth() {
		Document latest = writes.template.update(writes.template.create(Document.of("1")).withText("2"));

		WriteUnit unit = check("requireVersion", latest.id(), 1L, false);

		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("check v0");
		assertThat(WriteOperationsFixture.condition(unit, 0)).endsWith(" AND version = 1");
		assertThat(writes.failure(unit)).isInstanceOf(VersionConflictException.class)
			.hasMessageContaining("is at version 2, not the version 1 the transaction requires");
		writes.send(check("requireVersion", latest.id(), 2L, false));
	}

	@Test
	void aStoredResourceRequiredAbsentMeansDuplicateAndAMissingOneRequiredToExistNoSuchResource() {
		Document stored = writes.template.create(Document.of("1"));

		assertThat(writes.failure(check("requireAbsent", stored.id(), null, true)))
			.isInstanceOf(DuplicateResourceException.class);
		assertThat(writes.failure(check("requireExists", "missing", null, false)))
			.isInstanceOf(NoSuchResourceException.class);
	}

	private WriteUnit check(String operation, String id, @Nullable Long version, boolean absent) {
		return new ConditionCheckOperation(writes.support, operation, writes.metadata(Document.class), id, version,
				absent)
			.unit();
	}

}
