package dev.singletable.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import dev.singletable.benchmarks.floor.FloorContender;
import dev.singletable.core.internal.execution.BackgroundWork;
import dev.singletable.core.schema.SingleTableSchema;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks that the transaction row compares like with like: singletable's {@code template.transaction(..)} of a
 * versioned update, a plain update and a counter increment sends one {@code TransactWriteItems} with the very items
 * of the floor's hand-written one: the same operations in the same order, on the same tables and key layout, with the
 * same conditions, update expressions, attribute names and stored attributes, and a client request token.
 */
class TransactionRequestIntegrationTests {

	@Test
	void singletableSendsTheFloorsTransaction() {
		Captured singletableRequests = new Captured();
		Captured floorRequests = new Captured();
		try (SdkWiring singletableWiring = SdkWiring.create(singletableRequests);
				SdkWiring floorWiring = SdkWiring.create(floorRequests)) {
			SingleTableSchema.standard("transaction-shape").createIfMissing(singletableWiring.client());
			Fixture fixture = new Fixture(Fixture.PAGE, 2, 3);
			try (SingleTableContender singletable = new SingleTableContender(singletableWiring.client(),
					"transaction-shape"); FloorContender floor = new FloorContender(floorWiring.client(), "transaction-shape")) {
				singletable.setUp(fixture);
				floor.setUp(fixture);
				// past the history window, so that each transaction also prunes and probes, after the answer
				for (int i = 0; i < 4; i++) {
					settle(floor);
					singletableRequests.transactions.clear();
					floorRequests.transactions.clear();
					singletableWiring.requests().reset();
					floorWiring.requests().reset();
					singletable.transaction();
					floor.transaction();
					settle(floor);
					assertThat(singletableWiring.requests().operations())
						.containsExactly("TransactWriteItems", "GetItem", "DeleteItem")
						.isEqualTo(floorWiring.requests().operations());
					TransactWriteItemsRequest ours = singletableRequests.only();
					TransactWriteItemsRequest theirs = floorRequests.only();
					assertThat(ours.clientRequestToken()).isNotBlank();
					assertThat(theirs.clientRequestToken()).isNotBlank();
					// the new version and v0, the plain put, the counter's increment
					assertThat(ours.transactItems()).hasSize(4);
					assertThat(shape(ours)).isEqualTo(shape(theirs));
					assertThat(pruneShape(singletableWiring.requests())).isEqualTo(pruneShape(floorWiring.requests()));
				}
			}
		}
	}

	/** What must be equal: everything but the values that differ between two articles (ids, times, contents). */
	static List<String> shape(TransactWriteItemsRequest request) {
		List<String> shape = new ArrayList<>();
		for (TransactWriteItem item : request.transactItems()) {
			if (item.put() != null) {
				shape.add("put " + item.put().tableName() + " " + keyLayout(item.put().item()) + " attributes "
						+ new TreeSet<>(item.put().item().keySet()) + " if " + item.put().conditionExpression() + " "
						+ new TreeMap<>(item.put().expressionAttributeNames()) + " values "
						+ new TreeSet<>(item.put().expressionAttributeValues().keySet()) + " "
						+ item.put().returnValuesOnConditionCheckFailureAsString());
			}
			else if (item.update() != null) {
				shape.add("update " + item.update().tableName() + " " + keyLayout(item.update().key()) + " "
						+ item.update().updateExpression() + " if " + item.update().conditionExpression() + " "
						+ new TreeMap<>(item.update().expressionAttributeNames()) + " values "
						+ new TreeSet<>(item.update().expressionAttributeValues().keySet()) + " key "
						+ item.update().key());
			}
			else if (item.delete() != null) {
				shape.add("delete " + item.delete().tableName() + " " + keyLayout(item.delete().key()) + " if "
						+ item.delete().conditionExpression());
			}
			else {
				shape.add("check " + item.conditionCheck().tableName() + " " + keyLayout(item.conditionCheck().key())
						+ " if " + item.conditionCheck().conditionExpression() + " "
						+ new TreeMap<>(item.conditionCheck().expressionAttributeNames()));
			}
		}
		return shape;
	}

	/** Waits for the work both contenders run after their answers. */
	static void settle(FloorContender floor) {
		assertThat(BackgroundWork.shared().awaitIdle(Duration.ofSeconds(10))).isTrue();
		floor.awaitBlobCleanups();
	}

	/**
	 * What must be equal in the prunes after the answers: the probes' and the deletes' tables, key layouts,
	 * consistency, projections and return values.
	 */
	static List<String> pruneShape(RequestCounter requests) {
		List<String> shape = new ArrayList<>();
		for (GetItemRequest probe : requests.sent(GetItemRequest.class)) {
			shape.add("probe " + probe.tableName() + " " + keyLayout(probe.key()) + " consistent "
					+ probe.consistentRead() + " projection " + probe.projectionExpression() + " "
					+ new TreeMap<>(probe.expressionAttributeNames()));
		}
		for (DeleteItemRequest delete : requests.sent(DeleteItemRequest.class)) {
			shape.add("delete " + delete.tableName() + " " + keyLayout(delete.key()) + " if "
					+ delete.conditionExpression() + " returning " + delete.returnValuesAsString());
		}
		return shape;
	}

	/** The type prefix of the partition key and the sort key with digits and ids blanked. */
	private static String keyLayout(Map<String, AttributeValue> item) {
		String pk = item.get("pk").s();
		String sk = item.get("sk").s();
		String type = pk.substring(0, pk.indexOf('#'));
		return type + " " + (sk.equals(pk) ? "sk=pk" : "sk=" + sk.replaceAll("[0-9]+", "N"));
	}

	/** Keeps the {@code TransactWriteItems} requests a client sends. */
	private static final class Captured implements ExecutionInterceptor {

		private final List<TransactWriteItemsRequest> transactions = new ArrayList<>();

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes executionAttributes) {
			if (context.request() instanceof TransactWriteItemsRequest request) {
				this.transactions.add(request);
			}
		}

		TransactWriteItemsRequest only() {
			assertThat(this.transactions).hasSize(1);
			return this.transactions.get(0);
		}

	}

}
