package dev.singletable.autoconfigure;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Table helpers for tests against the JVM's shared {@link DynamoDbLocal}: unique table names, so tests never see
 * each other's tables, and tables made with the raw SDK.
 */
public final class TestTables {

	private static final AtomicInteger counter = new AtomicInteger();

	private static final DynamoDbClient client = DynamoDbLocal.newClient();

	private TestTables() {
	}

	/**
	 * Returns a table name no other test uses.
	 * @param prefix what the test is about
	 * @return the table name
	 */
	public static String uniqueName(String prefix) {
		return "autoconfig-" + prefix + "-" + counter.incrementAndGet() + "-" + System.nanoTime() % 100_000;
	}

	/**
	 * Returns a client of the shared DynamoDB Local for inspecting tables and items.
	 * @return the client, shared by the tests
	 */
	public static DynamoDbClient client() {
		return client;
	}

	/**
	 * Returns the endpoint property of the shared DynamoDB Local.
	 * @return {@code singletable.endpoint=…}
	 */
	public static String endpointProperty() {
		return "singletable.endpoint=" + DynamoDbLocal.endpoint();
	}

	/**
	 * Creates a table with only the {@code pk}/{@code sk} primary key and no index.
	 * @param tableName the table name
	 */
	public static void createKeyOnlyTable(String tableName) {
		client.createTable((request) -> request.tableName(tableName)
			.billingMode(BillingMode.PAY_PER_REQUEST)
			.keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
			.attributeDefinitions(attribute("pk"), attribute("sk")));
		client.waiter().waitUntilTableExists((request) -> request.tableName(tableName));
	}

	/**
	 * Returns the names of the global secondary indexes of a table.
	 * @param tableName the table name
	 * @return the index names
	 */
	public static List<String> indexNames(String tableName) {
		return client.describeTable((request) -> request.tableName(tableName))
			.table()
			.globalSecondaryIndexes()
			.stream()
			.map(GlobalSecondaryIndexDescription::indexName)
			.toList();
	}

	/**
	 * Returns whether a table exists.
	 * @param tableName the table name
	 * @return {@literal true} when it exists
	 */
	public static boolean exists(String tableName) {
		try {
			client.describeTable((request) -> request.tableName(tableName));
			return true;
		}
		catch (ResourceNotFoundException ex) {
			return false;
		}
	}

	private static KeySchemaElement key(String name, KeyType type) {
		return KeySchemaElement.builder().attributeName(name).keyType(type).build();
	}

	private static AttributeDefinition attribute(String name) {
		return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
	}

}
