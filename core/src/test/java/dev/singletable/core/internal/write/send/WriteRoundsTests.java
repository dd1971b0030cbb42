package dev.singletable.core.internal.write.send;

import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link WriteRounds}: the single-item request of a transaction's put or delete carries everything the item does, and
 * leaves out the empty maps DynamoDB refuses.
 */
class WriteRoundsTests {

	private static final Map<String, AttributeValue> KEY = Map.of("pk", AttributeValue.fromS("note#1"), "sk",
			AttributeValue.fromS("v0"));

	@Test
	void thePutItemOfAPutCarriesItsTableItemAndCondition() {
		Put put = Put.builder()
			.tableName("table")
			.item(Map.of("pk", AttributeValue.fromS("note#1"), "title", AttributeValue.fromS("Hello")))
			.conditionExpression("#version = :expected")
			.expressionAttributeNames(Map.of("#version", "version"))
			.expressionAttributeValues(Map.of(":expected", AttributeValue.fromN("3")))
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
			.build();

		PutItemRequest request = WriteRounds.putItem(put);

		assertThat(request.tableName()).isEqualTo("table");
		assertThat(request.item()).isEqualTo(put.item());
		assertThat(request.conditionExpression()).isEqualTo("#version = :expected");
		assertThat(request.expressionAttributeNames()).containsExactlyEntriesOf(Map.of("#version", "version"));
		assertThat(request.expressionAttributeValues()).isEqualTo(put.expressionAttributeValues());
		assertThat(request.returnValuesOnConditionCheckFailureAsString()).isEqualTo("ALL_OLD");
	}

	@Test
	void emptyOrUnsetExpressionMapsAreLeftOut() {
		Put put = Put.builder()
			.tableName("table")
			.item(KEY)
			.conditionExpression("attribute_not_exists(pk)")
			.expressionAttributeNames(Map.of())
			.build();

		PutItemRequest request = WriteRounds.putItem(put);

		assertThat(request.hasExpressionAttributeNames()).isFalse();
		assertThat(request.hasExpressionAttributeValues()).isFalse();
		assertThat(request.returnValuesOnConditionCheckFailure()).isNull();
	}

	@Test
	void theDeleteItemOfADeleteCarriesItsKeyAndCondition() {
		Delete delete = Delete.builder()
			.tableName("table")
			.key(KEY)
			.conditionExpression("#version = :expected")
			.expressionAttributeNames(Map.of("#version", "version"))
			.expressionAttributeValues(Map.of())
			.returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
			.build();

		DeleteItemRequest request = WriteRounds.deleteItem(delete);

		assertThat(request.tableName()).isEqualTo("table");
		assertThat(request.key()).isEqualTo(KEY);
		assertThat(request.conditionExpression()).isEqualTo("#version = :expected");
		assertThat(request.expressionAttributeNames()).containsExactlyEntriesOf(Map.of("#version", "version"));
		assertThat(request.hasExpressionAttributeValues()).isFalse();
		assertThat(request.returnValuesOnConditionCheckFailureAsString()).isEqualTo("ALL_OLD");
	}

}
