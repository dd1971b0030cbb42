package dev.singletable.autoconfigure.preinitialize;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

import dev.singletable.core.convert.StorageJsonMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the background thread does before the application needs it: builds a {@link DynamoDbClient} as the
 * auto-configuration does (with the SDK's default HTTP client, then closed unused), sends the requests an
 * application sends while it starts (describe the table, read, query, write, commit a transaction) through a client
 * that answers them itself, and stores and reads an item's JSON through the storage mapper. Nothing is kept: what
 * stays is the loaded and initialized classes, which the application's own clients and mapper then find ready.
 */
final class StartupWarmUp {

	private static final String TABLE = "singletable-preinitialize";

	private StartupWarmUp() {
	}

	/**
	 * Loads the classes of the SDK's client builder and default HTTP client.
	 */
	static void buildClient() {
		try (DynamoDbClient client = configured(DynamoDbClient.builder()).build()) {
			client.serviceClientConfiguration();
		}
	}

	/**
	 * Loads the classes of the SDK's request pipeline and of the marshallers of the requests sent at start-up.
	 */
	static void sendRequests() {
		try (DynamoDbClient client = configured(DynamoDbClient.builder()).httpClient(new AnsweringHttpClient())
			.build()) {
			Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("Warm#0"), "sk",
					AttributeValue.fromS("v0"));
			client.describeTable((request) -> request.tableName(TABLE));
			client.getItem((request) -> request.tableName(TABLE).key(key).consistentRead(true));
			client.query((request) -> request.tableName(TABLE)
				.keyConditionExpression("#pk = :pk")
				.expressionAttributeNames(Map.of("#pk", "pk"))
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("Warm#0")))
				.limit(1));
			client.putItem((request) -> request.tableName(TABLE).item(key).conditionExpression("attribute_not_exists(pk)"));
			client.transactWriteItems((request) -> request.transactItems(List.of(TransactWriteItem.builder()
				.put(Put.builder().tableName(TABLE).item(key).build())
				.build())));
		}
	}

	/**
	 * Loads the classes of the storage {@code JsonMapper} and of compressing what it writes.
	 * @throws IOException never: the bytes are written to memory
	 */
	static void mapJson() throws IOException {
		JsonMapper mapper = StorageJsonMapper.builder().build();
		Map<String, Object> document = new LinkedHashMap<>();
		document.put("resource_id", "01JWARM00000000000000000000");
		document.put("version", 1);
		document.put("created_at", Instant.EPOCH);
		document.put("tags", List.of("warm"));
		byte[] json = mapper.writeValueAsBytes(document);
		mapper.readTree(json);
		ByteArrayOutputStream compressed = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
			gzip.write(json);
		}
	}

	private static DynamoDbClientBuilder configured(DynamoDbClientBuilder builder) {
		return builder.region(Region.US_EAST_1)
			.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("warm", "warm")));
	}

}
