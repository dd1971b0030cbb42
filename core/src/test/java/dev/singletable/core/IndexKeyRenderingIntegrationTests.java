package dev.singletable.core;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.singletable.core.emptykeys.Filing;
import dev.singletable.core.emptykeys.Memo;
import dev.singletable.core.emptykeys.Paper;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A key that renders as the empty string does not render: DynamoDB refuses an empty string as an index key value,
 * so the index attributes are left out (the item is not in that index), or, for a sort key under a partition with
 * properties, the write is refused as incomplete; a property rendering empty inside literal text leaves a key.
 */
class IndexKeyRenderingIntegrationTests {

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
	void aTypeIndexSortKeyRenderingEmptyLeavesTheItemOutOfTheListingInsteadOfFailingTheWrite() {
		this.template.save(new Memo("m1", ""));
		this.template.save(new Memo("m2", "b"));

		assertThat(dynamo.storedItem("Memo#m1", "Memo#m1")).doesNotContainKey("gsitypesk");
		assertThat(this.template.findById(Memo.class, "m1")).contains(new Memo("m1", ""));
		assertThat(this.template.query(Memo.class).all()).extracting(Memo::id).containsExactly("m2");
	}

}
