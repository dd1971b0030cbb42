package com.example.reference.entities;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.test.autoconfigure.DataSingleTableTest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;

@DataSingleTableTest
class ArticleItemsTests {

	@Autowired
	SingleTableTemplate template;

	@Autowired
	DynamoDbClient dynamoDb;

	@Test
	void storesTheLatestCopyAndEveryVersion() {
		Article first = template.create(new Article(null, null, null, null, "Hello", Article.Status.DRAFT, "ann"));
		Article second = template.update(first.withTitle("Hello, world"));

		List<Map<String, AttributeValue>> items = dynamoDb.query((query) -> query.tableName(template.getTableName())
			.keyConditionExpression("pk = :pk")
			.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("Article#" + first.id())))).items();

		assertThat(second.version()).isEqualTo(2L);
		assertThat(items).extracting((item) -> item.get("sk").s()).containsExactly("v0", "v1", "v2");
		Map<String, AttributeValue> latest = items.get(0);       // v0: a copy of v2, the only item in the indexes
		assertThat(latest).containsKeys("version", "data", "gsitype", "gsitypesk", "gsi1pk", "gsi3pk", "gsi3sk");
		assertThat(latest.get("gsi1pk").s()).isEqualTo("status#DRAFT");
		assertThat(latest.get("gsi3pk").s()).isEqualTo("author#ann");
		assertThat(items.get(1)).doesNotContainKeys("gsitype", "gsi1pk", "gsi3pk");   // v1, history
	}

}
