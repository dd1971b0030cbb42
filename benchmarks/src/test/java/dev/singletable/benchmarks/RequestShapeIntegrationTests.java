package dev.singletable.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.floor.FloorContender;
import dev.singletable.core.schema.SingleTableSchema;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the rows against the floor compare like with like: for each of them, singletable and the floor send
 * the same requests, before and after the answer, in the same order, each of the same shape — table, key layout,
 * stored attributes, conditions (with the same guards), projections, consistency and return values, placeholders
 * compared by position. Only the values that differ between two articles (ids, times, contents) may differ. The
 * transaction row and the blob rows have tests of their own ({@link TransactionRequestIntegrationTests},
 * {@link BlobWriteRequestIntegrationTests}).
 */
class RequestShapeIntegrationTests {

	private static final String TABLE = "request-shape";

	private static final List<Operation> ROWS = List.of(Operation.CREATE, Operation.GET_LATEST,
			Operation.UPDATE_VERSIONED, Operation.UPDATE_AUDITED, Operation.UPDATE_PLAIN, Operation.LIST_PAGE,
			Operation.QUERY_PAGE, Operation.BATCH_GET);

	private static final Pattern PLACEHOLDER = Pattern.compile("[#:][A-Za-z0-9_]+");

	@Test
	void singletableSendsTheFloorsRequestsForEveryRow() {
		try (SdkWiring singletableWiring = SdkWiring.create(); SdkWiring floorWiring = SdkWiring.create()) {
			SingleTableSchema.standard(TABLE).createIfMissing(singletableWiring.client());
			Fixture fixture = new Fixture(Fixture.PAGE, 2, 3);
			try (SingleTableContender singletable = new SingleTableContender(singletableWiring.client(), TABLE);
					FloorContender floor = new FloorContender(floorWiring.client(), TABLE)) {
				singletable.setUp(fixture);
				floor.setUp(fixture);
				// each row twice first: the first page with a next one makes singletable read (or create) the table's
				// cursor secret, once per template
				for (int i = 0; i < 2; i++) {
					for (Operation operation : ROWS) {
						operation.run(singletable);
						operation.run(floor);
					}
				}
				for (Operation operation : ROWS) {
					// past the history window, so that the versioned writes also probe and prune after the answer
					for (int i = 0; i < 4; i++) {
						TransactionRequestIntegrationTests.settle(floor);
						singletableWiring.requests().reset();
						floorWiring.requests().reset();
						operation.run(singletable);
						operation.run(floor);
						TransactionRequestIntegrationTests.settle(floor);
						List<String> ours = shapes(singletableWiring.requests().sent(SdkRequest.class));
						assertThat(ours).as(operation.name()).isNotEmpty();
						assertThat(ours).as(operation.name() + " #" + i)
							.isEqualTo(shapes(floorWiring.requests().sent(SdkRequest.class)));
					}
				}
			}
		}
	}

	@Test
	void theShapeOfAConditionTellsItsGuardsApartButNotItsPlaceholderNames() {
		PutItemRequest guarded = put("(attribute_exists(#pk) AND #created IN (:created0))",
				Map.of("#pk", "pk", "#created", "created_at"), Map.of(":created0", AttributeValue.fromS("x")));
		PutItemRequest renamed = put("(attribute_exists(#a) AND #b IN (:c))", Map.of("#a", "pk", "#b", "created_at"),
				Map.of(":c", AttributeValue.fromS("y")));
		PutItemRequest unguarded = put("(attribute_exists(#pk))", Map.of("#pk", "pk"), Map.of());

		assertThat(shapes(List.of(guarded))).isEqualTo(shapes(List.of(renamed)));
		assertThat(shapes(List.of(guarded))).isNotEqualTo(shapes(List.of(unguarded)));
	}

	private static PutItemRequest put(String condition, Map<String, String> names, Map<String, AttributeValue> values) {
		return PutItemRequest.builder()
			.tableName(TABLE)
			.item(Map.of("pk", AttributeValue.fromS("PlainArticle#1"), "sk", AttributeValue.fromS("PlainArticle#1")))
			.conditionExpression(condition)
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.build();
	}

	/** Each request's shape, in order. */
	static List<String> shapes(List<SdkRequest> requests) {
		List<String> shapes = new ArrayList<>();
		for (SdkRequest request : requests) {
			shapes.add(shape(request));
		}
		return shapes;
	}

	private static String shape(SdkRequest request) {
		if (request instanceof PutItemRequest put) {
			Placeholders names = new Placeholders(put.conditionExpression());
			return "PutItem " + put.tableName() + " " + keyLayout(put.item()) + " attributes "
					+ new TreeSet<>(put.item().keySet()) + " if " + names.expression() + " "
					+ names.names(put.expressionAttributeNames()) + " values "
					+ names.values(put.expressionAttributeValues()) + " returning "
					+ put.returnValuesOnConditionCheckFailureAsString() + " " + put.returnValuesAsString();
		}
		if (request instanceof TransactWriteItemsRequest transaction) {
			return "TransactWriteItems token " + (transaction.clientRequestToken() != null) + " "
					+ TransactionRequestIntegrationTests.shape(transaction);
		}
		if (request instanceof GetItemRequest get) {
			Placeholders names = new Placeholders(get.projectionExpression());
			return "GetItem " + get.tableName() + " " + keyLayout(get.key()) + " consistent " + get.consistentRead()
					+ " projection " + names.expression() + " " + names.names(get.expressionAttributeNames());
		}
		if (request instanceof DeleteItemRequest delete) {
			Placeholders names = new Placeholders(delete.conditionExpression());
			return "DeleteItem " + delete.tableName() + " " + keyLayout(delete.key()) + " if " + names.expression() + " "
					+ names.names(delete.expressionAttributeNames()) + " returning " + delete.returnValuesAsString();
		}
		if (request instanceof BatchGetItemRequest batch) {
			Map<String, String> tables = new TreeMap<>();
			batch.requestItems().forEach((table, keys) -> tables.put(table, keys.keys().size() + " keys consistent "
					+ keys.consistentRead() + " projection " + keys.projectionExpression()));
			return "BatchGetItem " + tables;
		}
		if (request instanceof QueryRequest query) {
			Placeholders names = new Placeholders(query.keyConditionExpression(), query.filterExpression(),
					query.projectionExpression());
			return "Query " + query.tableName() + " " + query.indexName() + " " + names.expression() + " "
					+ names.names(query.expressionAttributeNames()) + " values "
					+ names.values(query.expressionAttributeValues()) + " limit " + query.limit() + " consistent "
					+ query.consistentRead() + " forward " + query.scanIndexForward() + " select "
					+ query.selectAsString();
		}
		return request.getClass().getSimpleName() + " (no shape: compare it in full) " + request;
	}

	/** The type prefix of the partition key and the sort key with digits blanked. */
	private static String keyLayout(Map<String, AttributeValue> item) {
		String pk = item.get("pk").s();
		String sk = item.get("sk").s();
		return pk.substring(0, pk.indexOf('#')) + " " + (sk.equals(pk) ? "sk=pk" : "sk=" + sk.replaceAll("[0-9]+", "N"));
	}

	/**
	 * Expressions with their placeholders renamed by the order they first appear in ({@code #1}, {@code :2}…), so
	 * that two requests that name them differently compare alike.
	 */
	private static final class Placeholders {

		private final Map<String, String> renamed = new LinkedHashMap<>();

		private final String expression;

		Placeholders(@Nullable String... expressions) {
			StringBuilder all = new StringBuilder();
			for (String expression : expressions) {
				all.append(" | ");
				if (expression != null) {
					Matcher matcher = PLACEHOLDER.matcher(expression);
					StringBuilder out = new StringBuilder();
					while (matcher.find()) {
						String name = this.renamed.computeIfAbsent(matcher.group(),
								(found) -> found.charAt(0) + String.valueOf(this.renamed.size() + 1));
						matcher.appendReplacement(out, Matcher.quoteReplacement(name));
					}
					matcher.appendTail(out);
					all.append(out);
				}
			}
			this.expression = all.toString();
		}

		String expression() {
			return this.expression;
		}

		/** The attribute names, by their renamed placeholders. */
		Map<String, String> names(Map<String, String> names) {
			Map<String, String> shape = new TreeMap<>();
			names.forEach((name, attribute) -> shape.put(this.renamed.getOrDefault(name, name + " (unused)"), attribute));
			return shape;
		}

		/** The renamed placeholders of the values (the values differ between articles). */
		TreeSet<String> values(Map<String, AttributeValue> values) {
			TreeSet<String> shape = new TreeSet<>();
			values.keySet().forEach((name) -> shape.add(this.renamed.getOrDefault(name, name + " (unused)")));
			return shape;
		}

	}

}
