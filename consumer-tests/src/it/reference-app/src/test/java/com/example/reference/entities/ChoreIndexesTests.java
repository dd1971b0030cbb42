package com.example.reference.entities;

import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.autoconfigure.DataSingleTableTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The indexes of entities.md: each one's key attributes, as the table the embedded DynamoDB Local was given has
 * them, and the queries that read them.
 */
@DataSingleTableTest
class ChoreIndexesTests {

	@Autowired
	ChoreRepository chores;

	@Autowired
	SingleTableTemplate template;

	@Autowired
	DynamoDbClient dynamoDb;

	@Test
	void theTableHasTheIndexesOfThePhysicalIndexTable() {
		Map<String, String> keys = new java.util.TreeMap<>();
		for (GlobalSecondaryIndexDescription index : this.dynamoDb
			.describeTable((request) -> request.tableName(this.template.getTableName()))
			.table()
			.globalSecondaryIndexes()) {
			keys.put(index.indexName(),
					String.join(" ", index.keySchema().stream().map(KeySchemaElement::attributeName).toList()));
		}
		assertThat(keys).containsEntry("gsitype", "gsitype gsitypesk")
			.containsEntry("gsi1", "gsi1pk pk")
			.containsEntry("gsi2", "gsi2pk pk")
			.containsEntry("gsi3", "gsi3pk gsi3sk")
			.containsEntry("by-due", "byduepk byduesk");
	}

	@Test
	void readsEachIndex() {
		String room = "kitchen-" + System.nanoTime();
		Chore dishes = this.chores.save(new Chore(null, room, "ann", LocalDate.of(2026, 3, 1), true));
		Chore floor = this.chores.save(new Chore(null, room, null, LocalDate.of(2026, 3, 9), false));

		assertThat(this.chores.findByRoom(room)).containsExactly(dishes, floor);          // in id (creation) order
		assertThat(this.chores.findByRoomAndDueBefore(room, LocalDate.of(2026, 3, 5))).containsExactly(dishes);
		assertThat(this.chores.findByAssigneeIsNotNull()).contains(dishes).doesNotContain(floor);
		assertThat(this.template.query(Chore.class).index("gsi1").partition("urgent#" + room).all())
			.containsExactly(dishes);

		Map<String, AttributeValue> item = this.dynamoDb
			.getItem((request) -> request.tableName(this.template.getTableName())
				.key(Map.of("pk", AttributeValue.fromS("Chore#" + floor.id()), "sk",
						AttributeValue.fromS("Chore#" + floor.id()))))
			.item();
		assertThat(item).containsKeys("gsi2pk", "byduepk", "byduesk").doesNotContainKeys("gsi1pk", "gsi3pk", "gsi3sk");
	}

}
