package dev.singletable.test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.core.schema.TableIndex;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * JUnit extension that gives each test an existing, empty single table in the JVM's {@link DynamoDbLocal}
 * server, a client whose requests are counted and a fault injector in that client. Register it in a static
 * field:
 *
 * <pre class="code">
 * &#64;RegisterExtension
 * static DynamoDbLocalExtension dynamo = new DynamoDbLocalExtension();
 * </pre>
 *
 * Before each test it creates the table unless it exists (re-creating it when it lacks something the
 * schema needs), deletes every item, {@link RequestCounter#reset() resets} the request counter and
 * {@link FaultInjector#clear() clears} the fault injector; the preparation goes through {@link #rawClient()}
 * and is not counted. After each test it clears the fault injector again, and after all tests it closes its
 * clients. Test methods of one class must not run concurrently, since they share the table.
 */
public class DynamoDbLocalExtension implements BeforeEachCallback, AfterEachCallback, AfterAllCallback {

	/** Name of the table when none is given. */
	public static final String DEFAULT_TABLE_NAME = "singletable-test";

	private static final int BATCH_SIZE = 25;

	private static final int SCAN_PAGE_SIZE = 100;

	private static final int MAX_BATCH_ROUNDS = 20;

	private final SingleTableSchema schema;

	private final RequestCounter requests = new RequestCounter();

	private final FaultInjector faults = new FaultInjector();

	private @Nullable DynamoDbClient client;

	private @Nullable DynamoDbClient rawClient;

	/**
	 * Creates an extension for the standard table named {@value #DEFAULT_TABLE_NAME}.
	 */
	public DynamoDbLocalExtension() {
		this(DEFAULT_TABLE_NAME);
	}

	/**
	 * Creates an extension for the standard table with the given name and extra indexes.
	 * @param tableName the table name
	 * @param extraIndexes indexes the table has besides the standard ones
	 */
	public DynamoDbLocalExtension(String tableName, TableIndex... extraIndexes) {
		this(SingleTableSchema.standard(tableName).withIndexes(List.of(extraIndexes)));
	}

	/**
	 * Creates an extension for the table with the given name whose standard schema the customizer adapts.
	 * @param tableName the table name
	 * @param customizer returns the schema to use from the standard one, for example by adding indexes
	 */
	public DynamoDbLocalExtension(String tableName, UnaryOperator<SingleTableSchema> customizer) {
		this(customizer.apply(SingleTableSchema.standard(tableName)));
	}

	/**
	 * Creates an extension for the given schema.
	 * @param schema the schema of the table
	 */
	public DynamoDbLocalExtension(SingleTableSchema schema) {
		this.schema = schema;
	}

	/**
	 * Prepares the table and resets the request counter and fault injector.
	 * @param context the JUnit context
	 */
	@Override
	public void beforeEach(ExtensionContext context) {
		ensureTable();
		emptyTable();
		this.requests.reset();
		this.faults.clear();
	}

	/**
	 * Clears the fault injector so that no fault outlives its test.
	 * @param context the JUnit context
	 */
	@Override
	public void afterEach(ExtensionContext context) {
		this.faults.clear();
	}

	/**
	 * Closes the clients.
	 * @param context the JUnit context
	 */
	@Override
	public synchronized void afterAll(ExtensionContext context) {
		if (this.client != null) {
			this.client.close();
			this.client = null;
		}
		if (this.rawClient != null) {
			this.rawClient.close();
			this.rawClient = null;
		}
	}

	/**
	 * Returns the client for tests: a {@link RequestCounter} and then a {@link FaultInjector} are installed,
	 * in that order, so that {@link #requests()} counts both the attempts that reach the server and those the
	 * injector fails. It retries like {@link DynamoDbLocal#newClient(software.amazon.awssdk.core.interceptor.ExecutionInterceptor...)}.
	 * @return the client, created on first use
	 */
	public synchronized DynamoDbClient client() {
		if (this.client == null) {
			this.client = DynamoDbLocal.newClient(this.requests, this.faults);
		}
		return this.client;
	}

	/**
	 * Returns a client without interceptors, for setting up and inspecting data without being counted or
	 * failed.
	 * @return the client, created on first use
	 */
	public synchronized DynamoDbClient rawClient() {
		if (this.rawClient == null) {
			this.rawClient = DynamoDbLocal.newClient();
		}
		return this.rawClient;
	}

	/**
	 * Returns the counter of the requests of {@link #client()}.
	 * @return the request counter
	 */
	public RequestCounter requests() {
		return this.requests;
	}

	/**
	 * Returns the fault injector of {@link #client()}.
	 * @return the fault injector
	 */
	public FaultInjector faults() {
		return this.faults;
	}

	/**
	 * Returns the table name.
	 * @return the table name
	 */
	public String tableName() {
		return this.schema.getTableName();
	}

	/**
	 * Returns the schema of the table.
	 * @return the schema
	 */
	public SingleTableSchema schema() {
		return this.schema;
	}

	/**
	 * Reads an item as it is stored, strongly consistent and bypassing the template, for layout assertions.
	 * @param pk the partition key
	 * @param sk the sort key
	 * @return a modifiable copy of the item, empty when there is none
	 */
	public Map<String, AttributeValue> storedItem(String pk, String sk) {
		return new LinkedHashMap<>(rawClient()
			.getItem((request) -> request.tableName(tableName())
				.key(Map.of(ItemAttributes.PK, AttributeValue.fromS(pk), ItemAttributes.SK, AttributeValue.fromS(sk)))
				.consistentRead(true))
			.item());
	}

	/**
	 * Lists the sort keys stored under a partition key, in key order, reading every page.
	 * @param pk the partition key
	 * @return the sort keys
	 */
	public List<String> sortKeys(String pk) {
		return rawClient()
			.queryPaginator((request) -> request.tableName(tableName())
				.keyConditionExpression("#pk = :pk")
				.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK))
				.expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
				.consistentRead(true))
			.items()
			.stream()
			.map((item) -> item.get(ItemAttributes.SK).s())
			.toList();
	}

	/**
	 * Creates the table unless it exists; deletes and re-creates it when it lacks something the schema needs,
	 * for example an index another test class did not declare.
	 */
	public void ensureTable() {
		DynamoDbClient raw = rawClient();
		if (this.schema.createIfMissing(raw)) {
			return;
		}
		if (!this.schema.findProblems(raw).isEmpty()) {
			raw.deleteTable((request) -> request.tableName(tableName()));
			raw.waiter().waitUntilTableNotExists((request) -> request.tableName(tableName()));
			this.schema.create(raw);
		}
	}

	/**
	 * Deletes every item of the table, scanning its keys page by page and deleting them in batches of 25,
	 * retrying unprocessed deletes.
	 */
	public void emptyTable() {
		DynamoDbClient raw = rawClient();
		List<WriteRequest> batch = new ArrayList<>(BATCH_SIZE);
		raw.scanPaginator((request) -> request.tableName(tableName())
			.projectionExpression("#pk, #sk")
			.expressionAttributeNames(Map.of("#pk", ItemAttributes.PK, "#sk", ItemAttributes.SK))
			.consistentRead(true)
			.limit(SCAN_PAGE_SIZE)).items().forEach((key) -> {
				batch.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build());
				if (batch.size() == BATCH_SIZE) {
					deleteAll(raw, batch);
					batch.clear();
				}
			});
		if (!batch.isEmpty()) {
			deleteAll(raw, batch);
		}
	}

	private void deleteAll(DynamoDbClient raw, List<WriteRequest> deletes) {
		Map<String, List<WriteRequest>> pending = Map.of(tableName(), List.copyOf(deletes));
		for (int round = 0; round < MAX_BATCH_ROUNDS; round++) {
			Map<String, List<WriteRequest>> requestItems = pending;
			BatchWriteItemResponse response = raw.batchWriteItem((request) -> request.requestItems(requestItems));
			if (!response.hasUnprocessedItems() || response.unprocessedItems().isEmpty()) {
				return;
			}
			pending = response.unprocessedItems();
			sleep(10L * (round + 1));
		}
		throw new IllegalStateException("Could not empty table " + tableName() + ": items stay unprocessed");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while emptying the table", ex);
		}
	}

	@Override
	public String toString() {
		return "DynamoDbLocalExtension[" + tableName() + "]";
	}

}
