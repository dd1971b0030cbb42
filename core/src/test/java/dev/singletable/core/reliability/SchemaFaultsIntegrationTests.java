package dev.singletable.core.reliability;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.InvalidDataAccessResourceUsageException;

import dev.singletable.core.SingleTableTemplate;
import dev.singletable.core.fixtures.Note;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.core.schema.TableSchemaException;
import dev.singletable.test.DynamoDbLocalExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A table that is missing, lacks an index, has the wrong keys, or disappears while the application runs.
 */
@Tag("reliability")
class SchemaFaultsIntegrationTests {

	@RegisterExtension
	static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();

	@Test
	void validationNamesAMissingTableIndexOrWrongKeySchema() {
		DynamoDbClient client = dynamo.rawClient();
		assertThatExceptionOfType(TableSchemaException.class)
			.isThrownBy(() -> SingleTableSchema.standard("no-such-table").validate(client))
			.withMessageContaining("Table 'no-such-table'")
			.withMessageContaining("the table does not exist");

		client.createTable((request) -> request.tableName("keys-only")
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema((key) -> key.attributeName("pk").keyType(KeyType.HASH),
					(key) -> key.attributeName("sk").keyType(KeyType.RANGE))
			.attributeDefinitions((a) -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
					(a) -> a.attributeName("sk").attributeType(ScalarAttributeType.S)));
		assertThatExceptionOfType(TableSchemaException.class)
			.isThrownBy(() -> SingleTableSchema.standard("keys-only").validate(client))
			.satisfies((ex) -> assertThat(ex.getProblems()).containsExactly(
					"index 'gsitype' is missing (HASH gsitype, RANGE gsitypesk)",
					"index 'gsi1' is missing (HASH gsi1pk, RANGE pk)", "index 'gsi2' is missing (HASH gsi2pk, RANGE pk)",
					"index 'gsi3' is missing (HASH gsi3pk, RANGE gsi3sk)"));

		client.createTable((request) -> request.tableName("wrong-keys")
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema((key) -> key.attributeName("id").keyType(KeyType.HASH))
			.attributeDefinitions((a) -> a.attributeName("id").attributeType(ScalarAttributeType.S)));
		assertThatExceptionOfType(TableSchemaException.class)
			.isThrownBy(() -> SingleTableSchema.standard("wrong-keys").validate(client))
			.withMessageContaining("the primary key must be pk (HASH, S) + sk (RANGE, S) but is HASH id");
		ReliabilityReport.row("table missing / index missing / wrong key schema", 3, 0, 0,
				"TableSchemaException naming each problem");
	}

	@Test
	void aTableDeletedWhileRunningGivesAClearErrorAndRecoversWhenBack() {
		String table = "comes-and-goes";
		SingleTableSchema schema = SingleTableSchema.standard(table);
		schema.createIfMissing(dynamo.rawClient());
		SingleTableTemplate template = new SingleTableTemplate(dynamo.client(), table);
		Note note = template.create(Note.of("before"));

		dynamo.rawClient().deleteTable((request) -> request.tableName(table));
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class)
			.isThrownBy(() -> template.findById(Note.class, note.id()))
			.withMessageContaining("Table 'comes-and-goes'")
			.withMessageContaining("does not exist");
		assertThatExceptionOfType(InvalidDataAccessResourceUsageException.class)
			.isThrownBy(() -> template.create(Note.of("during")))
			.withMessageContaining("comes-and-goes");

		schema.create(dynamo.rawClient());
		Note after = template.create(Note.of("after"));
		assertThat(template.findById(Note.class, after.id())).contains(after);
		assertThat(template.query(Note.class).all()).containsExactly(after);
		dynamo.rawClient().deleteTable((request) -> request.tableName(table));
		ReliabilityReport.row("table deleted while running, then recreated", 4, 0, 0,
				"InvalidDataAccessResourceUsageException naming the table; works again once it is back");
	}

	static List<String> names() {
		return List.of();
	}

}
