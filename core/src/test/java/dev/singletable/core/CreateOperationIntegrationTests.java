package dev.singletable.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.PlainUpdateOperationIntegrationTests.Memo;
import dev.singletable.core.fixtures.Document;
import dev.singletable.core.internal.write.build.CreateOperation;
import dev.singletable.core.internal.write.unit.WriteUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CreateOperation} against DynamoDB Local: {@code v1} and {@code v0} of a versioned type, the one item of a
 * plain type, each if absent; a failed condition means the resource exists.
 */
class CreateOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.onDynamoDbLocal();

	@Test
	void aVersionedCreatePutsV1AndV0EachIfAbsentAndStampsVersion1() {
		WriteUnit unit = create(Document.of("one"));

		Document created = (Document) unit.result();
		assertThat(created.id()).isNotNull();
		assertThat(created.version()).isEqualTo(1);
		assertThat(created.createdAt()).isEqualTo(created.updatedAt());
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("put v1", "put v0");
		assertThat(WriteOperationsFixture.condition(unit, 0)).isEqualTo("attribute_not_exists(pk)");
		assertThat(WriteOperationsFixture.condition(unit, 1)).isEqualTo("attribute_not_exists(pk)");
		writes.send(unit);
		assertThat(writes.sortKeys("Document#" + created.id())).containsExactlyInAnyOrder("v0", "v1");
	}

	@Test
	void anExistingVersionedResourceMeansDuplicateResource() {
		Document stored = writes.template.create(Document.of("one"));

		RuntimeException failure = writes
			.failure(create(new Document(stored.id(), null, null, null, "again", null, null)));

		assertThat(failure).isInstanceOfSatisfying(DuplicateResourceException.class,
				(duplicate) -> assertThat(duplicate.getId()).isEqualTo(stored.id()));
	}

	@Test
	void aPlainCreatePutsItsOneItemUnlessOneIsStored() {
		WriteUnit unit = create(new Memo("memo", null, null, "one"));
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("put Memo#memo");
		assertThat(WriteOperationsFixture.condition(unit, 0)).isEqualTo("attribute_not_exists(pk)");
		writes.send(unit);

		assertThat(writes.failure(create(new Memo("memo", null, null, "two"))))
			.isInstanceOf(DuplicateResourceException.class);
	}

	private <T> WriteUnit create(T entity) {
		return new CreateOperation<>(writes.support, writes.support.entityOf(entity), entity).unit();
	}

}
