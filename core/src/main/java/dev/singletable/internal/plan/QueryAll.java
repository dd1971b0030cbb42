package dev.singletable.internal.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The plan of a query read to its end: one {@code Query} per page, each starting where the one before ended
 * ({@link #nextStartKey}).
 */
public final class QueryAll {

	private QueryAll() {
	}

	/**
	 * Reads every page of a query.
	 * @param request the query (its start key, if any, is replaced on each page)
	 * @return all items, in the order read
	 */
	public static Step<List<Map<String, AttributeValue>>> of(QueryRequest request) {
		return page(request, null, new ArrayList<>());
	}

	private static Step<List<Map<String, AttributeValue>>> page(QueryRequest request,
			@Nullable Map<String, AttributeValue> startKey, List<Map<String, AttributeValue>> read) {
		QueryRequest next = request.toBuilder().exclusiveStartKey(startKey).build();
		return Step.send(new Request.Plain(next), (answer) -> {
			QueryResponse response = answer.get(QueryResponse.class);
			List<Map<String, AttributeValue>> items = new ArrayList<>(read);
			items.addAll(response.items());
			Map<String, AttributeValue> last = nextStartKey(response);
			return (last != null) ? page(request, last, items) : Step.done(List.copyOf(items));
		});
	}

	/**
	 * The key the next page of a query starts at, {@literal null} after the last page.
	 */
	public static @Nullable Map<String, AttributeValue> nextStartKey(QueryResponse response) {
		return (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) ? response.lastEvaluatedKey()
				: null;
	}

}
