package dev.singletable.core.internal.query;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.singletable.internal.plan.Answer;
import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.ScriptedDriver;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * A driver answering the queries of one index as DynamoDB would from a list of stored items: the partition's items in
 * the order of the index's sort key (then {@code pk}), after the start key, at most the limit, with a
 * {@code LastEvaluatedKey} when more remain.
 */
final class IndexAnswers {

	private IndexAnswers() {
	}

	/**
	 * @param stored the items the index holds (read at each request)
	 * @param partitionAttribute the index's partition key attribute
	 * @param sortAttribute the index's sort key attribute
	 * @param partitionOf the partition a query reads
	 */
	static ScriptedDriver driver(List<Map<String, AttributeValue>> stored, String partitionAttribute,
			String sortAttribute, Function<QueryRequest, String> partitionOf) {
		return new ScriptedDriver((request) -> {
			QueryRequest query = (QueryRequest) ((Request.Plain) request).request();
			String partition = partitionOf.apply(query);
			Comparator<Map<String, AttributeValue>> order = Comparator
				.comparing((Map<String, AttributeValue> item) -> item.get(sortAttribute).s())
				.thenComparing((item) -> item.get("pk").s());
			List<Map<String, AttributeValue>> items = stored.stream()
				.filter((item) -> partition.equals(item.get(partitionAttribute).s()))
				.sorted(Boolean.FALSE.equals(query.scanIndexForward()) ? order.reversed() : order)
				.toList();
			int from = 0;
			if (query.hasExclusiveStartKey() && !query.exclusiveStartKey().isEmpty()) {
				String after = query.exclusiveStartKey().get("pk").s();
				while (!items.get(from).get("pk").s().equals(after)) {
					from++;
				}
				from++;
			}
			int to = (query.limit() != null) ? Math.min(items.size(), from + query.limit()) : items.size();
			QueryResponse.Builder response = QueryResponse.builder()
				.items(items.subList(from, to))
				.count(to - from)
				.scannedCount(to - from);
			if (to < items.size()) {
				Map<String, AttributeValue> last = items.get(to - 1);
				response.lastEvaluatedKey(Map.of("pk", last.get("pk"), "sk", last.get("sk"), partitionAttribute,
						last.get(partitionAttribute), sortAttribute, last.get(sortAttribute)));
			}
			return Answer.of(response.build());
		});
	}

}
