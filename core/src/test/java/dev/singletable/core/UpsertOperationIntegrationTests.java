package dev.singletable.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.PlainUpdateOperationIntegrationTests.Memo;
import dev.singletable.core.internal.write.build.UpsertOperation;
import dev.singletable.core.internal.write.unit.WriteUnit;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link UpsertOperation} against DynamoDB Local: a create when nothing is stored, the replace of a stored item, and
 * what it means when an item was created since the read — the replace of that item, keeping its creation time.
 */
class UpsertOperationIntegrationTests {

	@RegisterExtension
	static WriteOperationsFixture writes = WriteOperationsFixture.onDynamoDbLocal();

	@Test
	void withNothingStoredTheUnitIsACreateNamedSave() {
		WriteUnit unit = upsert(new Memo("fresh", null, null, "one"));

		assertThat(unit.operation()).isEqualTo("save");
		assertThat(WriteOperationsFixture.shape(unit)).containsExactly("put Memo#fresh");
		assertThat(WriteOperationsFixture.condition(unit, 0)).isEqualTo("attribute_not_exists(pk)");
		writes.send(unit);
		assertThat(writes.template.getById(Memo.class, "fresh").text()).isEqualTo("one");
	}

	@Test
	void aStoredItemIsReplacedKeepingItsCreationTime() {
		Memo stored = writes.template.create(new Memo("kept", null, null, "one"));

		WriteUnit unit = upsert(new Memo("kept", null, null, "two"));

		assertThat(unit.operation()).isEqualTo("update");
		assertThat(WriteOperationsFixture.condition(unit, 0)).startsWith("(attribute_exists(pk) AND (created_at IN (");
		writes.send(unit);
		Memo read = writes.template.getById(Memo.class, "kept");
		assertThat(read.text()).isEqualTo("two");
		assertThat(read.createdAt()).isEqualTo(stored.createdAt());
	}

	@Test
	void anItemCreatedSinceTheReadMeansTheReplaceOfThatItem() {
		WriteUnit unit = upsert(new Memo("race", null, null, "mine"));
		Memo other = writes.template.create(new Memo("race", null, null, "theirs"));
		AttributeValue created = writes.stored("Memo#race", "Memo#race").get("created_at");

		WriteUnit replacement = writes.replacement(unit);

		assertThat(replacement.operation()).isEqualTo("update");
		assertThat(WriteOperationsFixture.condition(replacement, 0))
			.startsWith("(attribute_exists(pk) AND (created_at IN ('" + created.s() + "'))");
		writes.send(replacement);
		Memo read = writes.template.getById(Memo.class, "race");
		assertThat(read.text()).isEqualTo("mine");
		assertThat(read.createdAt()).isEqualTo(other.createdAt());
	}

	private WriteUnit upsert(Memo memo) {
		return writes.run(new UpsertOperation<>(writes.support, writes.metadata(Memo.class), memo).plan()).unit();
	}

}
