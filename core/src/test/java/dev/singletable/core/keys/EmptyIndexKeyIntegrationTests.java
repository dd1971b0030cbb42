package dev.singletable.core.keys;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.IncompleteIndexKeyException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.emptykeys.Filing;
import dev.singletable.core.emptykeys.Memo;
import dev.singletable.core.emptykeys.Paper;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A key that renders as the empty string does not render, as a {@literal null} property does: DynamoDB refuses an
 * empty string as an index key value, so the index attributes are left out (the item is not in that index), for a
 * sort key under a partition with properties the write is refused as incomplete, and the type index falls back to
 * the modification time; a property rendering empty inside literal text leaves a key, as Python writes it.
 */
class EmptyIndexKeyIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension("singletable-empty-keys");

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void dynamoDbRefusesAnEmptyStringAsAnIndexKeyValue() {
		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> dynamo.client()
				.putItem((put) -> put.tableName(dynamo.tableName())
					.item(Map.of("pk", AttributeValue.fromS("Raw#1"), "sk", AttributeValue.fromS("Raw#1"), "gsi1pk",
							AttributeValue.fromS("")))))
			.withMessageContaining("empty string");
	}

	@Test
	void aKeyRenderingEmptyIsLeftOutAndAPropertyEmptyInsideLiteralTextLeavesAKey() {
		this.template.save(new Paper("p1", ""));

		Map<String, AttributeValue> item = dynamo.storedItem("Paper#p1", "Paper#p1");
		assertThat(item).doesNotContainKey("gsi1pk").containsEntry("gsi2pk", AttributeValue.fromS("folder#"));
		assertThat(this.template.query(Paper.class).index("gsi2").partition("folder#").all()).extracting(Paper::id)
			.containsExactly("p1");
		assertThat(this.template.findById(Paper.class, "p1")).contains(new Paper("p1", ""));
	}

	@Test
	void aSortKeyRenderingEmptyUnderAPartitionWithPropertiesIsRefusedAsIncomplete() {
		assertThatExceptionOfType(IncompleteIndexKeyException.class)
			.isThrownBy(() -> this.template.save(new Filing("f1", "ann", "")))
			.withMessageContaining("gsi3")
			.withMessageContaining("folder");
		assertThat(this.template.findById(Filing.class, "f1")).as("nothing written").isEmpty();
	}

	@Test
	void aTypeIndexSortKeyRenderingEmptyFallsBackToTheModificationTimeAsANullOneDoes() {
		this.template.save(new Memo("m1", ""));
		this.template.save(new Memo("m2", "b"));
		this.template.save(new Memo("m3", null));

		Map<String, AttributeValue> empty = dynamo.storedItem("Memo#m1", "Memo#m1");
		assertThat(empty.get("gsitypesk")).isEqualTo(empty.get("updated_at"));
		Map<String, AttributeValue> missing = dynamo.storedItem("Memo#m3", "Memo#m3");
		assertThat(missing.get("gsitypesk")).isEqualTo(missing.get("updated_at"));
		assertThat(dynamo.storedItem("Memo#m2", "Memo#m2")).containsEntry("gsitypesk", AttributeValue.fromS("b"));
		assertThat(this.template.findById(Memo.class, "m1")).contains(new Memo("m1", ""));
		assertThat(this.template.query(Memo.class).all()).extracting(Memo::id).containsExactlyInAnyOrder("m1", "m2", "m3");
	}

}
