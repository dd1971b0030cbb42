package dev.singletable.core.keys;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.LastModifiedDate;
import org.springframework.data.annotation.Version;

import dev.singletable.core.IncompleteIndexKeyException;
import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.mapping.IndexKey;
import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * An item is never silently left out of an index whose partition its queries read: a partition template with
 * properties that renders without its sort key is refused at the write, naming type, index and property. Python's
 * {@code gsi_config} pair writes a {@code None} sort key there, which DynamoDB rejects (shown below on the raw
 * client). A literal partition, or a partition property without value, keeps the index sparse.
 */
class IndexKeyCompletenessIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	private SingleTableTemplate template;

	@BeforeEach
	void setUp() {
		this.template = new SingleTableTemplate(dynamo.client(), dynamo.tableName());
	}

	@Test
	void aRenderedPartitionWithoutItsSortValueIsRefusedNamingTypeIndexAndProperty() {
		assertThatExceptionOfType(IncompleteIndexKeyException.class)
			.isThrownBy(() -> this.template.create(new Shelf(null, null, "kitchen", null)))
			.satisfies((ex) -> {
				assertThat(ex.getEntityType()).isEqualTo(Shelf.class);
				assertThat(ex.getIndex()).isEqualTo("gsi3");
				assertThat(ex.getProperties()).containsExactly("label");
			})
			.withMessageContaining("Shelf")
			.withMessageContaining("'gsi3'")
			.withMessageContaining("[label]")
			.withMessageContaining("Nothing was written")
			.withMessageContaining("allowMissingSort");
		assertThat(this.template.query(Shelf.class).all()).isEmpty();
	}

	@Test
	void anEmptySortValueIsRefusedToo() {
		assertThatExceptionOfType(IncompleteIndexKeyException.class)
			.isThrownBy(() -> this.template.create(new Shelf(null, null, "kitchen", "")));
	}

	@Test
	void anUpdateClearingTheSortValueIsRefusedAndTheStoredItemStaysInTheIndex() {
		Shelf shelf = this.template.create(new Shelf(null, null, "kitchen", "a"));

		assertThatExceptionOfType(IncompleteIndexKeyException.class)
			.isThrownBy(() -> this.template.update(new Shelf(shelf.id(), shelf.version(), "kitchen", null)));

		assertThat(this.template.query(Shelf.class).index("gsi3").partition("shelf#kitchen").all())
			.extracting(Shelf::label)
			.containsExactly("a");
	}

	@Test
	void aPartitionPropertyWithoutValueStillLeavesTheItemOutOfTheIndex() {
		Shelf shelf = this.template.create(new Shelf(null, null, null, null));

		Map<String, AttributeValue> item = dynamo.rawClient()
			.getItem((request) -> request.tableName(dynamo.tableName())
				.key(Map.of("pk", AttributeValue.fromS("Shelf#" + shelf.id()), "sk", AttributeValue.fromS("v0"))))
			.item();
		assertThat(item).doesNotContainKeys("gsi3pk", "gsi3sk");
	}

	@Test
	void aLiteralPartitionKeepsTheIndexSparse() {
		Chore open = this.template.create(new Chore(null, null, null));
		Chore assigned = this.template.create(new Chore(null, null, "ann"));

		assertThat(this.template.query(Chore.class).index("gsi3").partition("assigned").all()).extracting(Chore::id)
			.containsExactly(assigned.id());
		assertThat(this.template.findById(Chore.class, open.id())).isPresent();
	}

	@Test
	void anIndexThatAllowsAMissingSortLeavesTheItemOut() {
		Bin bin = this.template.create(new Bin(null, null, "kitchen", null));
		Bin labelled = this.template.create(new Bin(null, null, "kitchen", "a"));

		assertThat(this.template.query(Bin.class).index("gsi3").partition("bin#kitchen").all()).extracting(Bin::id)
			.containsExactly(labelled.id());
		assertThat(this.template.findById(Bin.class, bin.id())).isPresent();
	}

	@Test
	void dynamoDbRejectsTheNoneSortKeyPythonsGsiConfigPairWouldWrite() {
		Map<String, AttributeValue> item = new LinkedHashMap<>();
		item.put("pk", AttributeValue.fromS("Shelf#01PYTHON0000000000000000AA"));
		item.put("sk", AttributeValue.fromS("v0"));
		item.put("gsi3pk", AttributeValue.fromS("shelf#kitchen"));
		item.put("gsi3sk", AttributeValue.fromNul(true));

		assertThatExceptionOfType(DynamoDbException.class)
			.isThrownBy(() -> dynamo.rawClient().putItem((request) -> request.tableName(dynamo.tableName()).item(item)));
	}

	@SingleTableEntity(versioned = true)
	@IndexKey(index = "gsi3", partition = "shelf#{room}", sort = "{label}")
	record Shelf(@Id String id, @Version Long version, String room, String label) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi3", partition = "bin#{room}", sort = "{label}", allowMissingSort = true)
	record Bin(@Id String id, @LastModifiedDate Instant updatedAt, String room, String label) {
	}

	@SingleTableEntity
	@IndexKey(index = "gsi3", partition = "assigned", sort = "{assignee}")
	record Chore(@Id String id, @LastModifiedDate Instant updatedAt, String assignee) {
	}

}
