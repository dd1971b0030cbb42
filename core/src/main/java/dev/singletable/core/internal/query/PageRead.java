package dev.singletable.core.internal.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.QueryAll;
import dev.singletable.core.query.QueryPage;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;

/**
 * One page of a query of one partition, read request by request: what the next request asks for, and what each
 * answer adds, until the page is complete. It sends nothing: {@link QueryPlans#page} makes it a plan that the
 * blocking {@link dev.singletable.core.internal.query.run.QueryExecutor} and the
 * {@link dev.singletable.core.internal.query.run.ReactiveQueryExecutor} run on their drivers, so both read a page
 * with the same requests and end it with the same cursor. A page reads until it holds {@code wanted} results, the results
 * end or {@link QuerySpec#maxRequests()} requests were made; with {@code peek} it looks for one result beyond the
 * wanted ones (an unfiltered query simply asks DynamoDB for one item more), so that a page ending exactly at the
 * last result carries no cursor to an empty page. A backward page reads against the query's order and returns its
 * results in the query's order.
 *
 * @param <T> the result type
 */
final class PageRead<T> {

	private final QueryReads reads;

	private final CursorCodec cursorCodec;

	private final QuerySpec spec;

	private final ResolvedQuery query;

	private final int wanted;

	private final boolean peek;

	private final boolean forward;

	private final List<T> results;

	private final List<Map<String, AttributeValue>> keys;

	private final QueryReads.PageCost cost = new QueryReads.PageCost();

	private double efficiency = QueryReads.INITIAL_EFFICIENCY;

	PageRead(QueryReads reads, CursorCodec cursorCodec, QuerySpec spec, int wanted, boolean peek, boolean forward) {
		this.reads = reads;
		this.cursorCodec = cursorCodec;
		this.spec = spec;
		this.query = reads.resolve(spec, ResolvedQuery.Reading.ITEMS);
		this.wanted = wanted;
		this.peek = peek;
		this.forward = forward;
		this.results = new ArrayList<>(Math.min(wanted, 1000));
		this.keys = new ArrayList<>(Math.min(wanted, 1000));
	}

	/**
	 * Returns the key the first request starts at.
	 * @param cursor the cursor the page continues from, or {@literal null} for the first page
	 * @throws dev.singletable.core.query.InvalidCursorException when the cursor does not belong to this query
	 */
	@Nullable Map<String, AttributeValue> start(@Nullable String cursor) {
		return (cursor != null) ? this.cursorCodec.decode(this.query.cursors(), cursor) : null;
	}

	/**
	 * Whether no request was answered yet (a failure of the first request from a cursor may be the cursor's).
	 */
	boolean first() {
		return this.cost.requests() == 0;
	}

	/**
	 * Returns the next request, without its start key: it asks for what the page still wants.
	 */
	QueryRequest.Builder request() {
		long remaining = (this.peek ? this.wanted + 1L : this.wanted) - this.results.size();
		return this.reads.request(this.query, this.spec.ascending() == this.forward)
			.limit((int) Math.min(Integer.MAX_VALUE,
					QueryReads.requestLimit(remaining, this.spec.filtering(), this.efficiency)))
			.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL);
	}

	/**
	 * Takes the answer of the last request built.
	 * @param response the answer
	 * @return the page when it is complete, or {@literal null} when the next request (starting at the answer's
	 * {@code LastEvaluatedKey}) is to be sent
	 */
	@Nullable QueryPage<T> add(QueryResponse response) {
		this.cost.add(response);
		Map<String, AttributeValue> startKey = QueryAll.nextStartKey(response);
		int accepted = 0;
		List<Map<String, AttributeValue>> items = response.items();
		for (int i = 0; i < items.size(); i++) {
			Map<String, AttributeValue> item = items.get(i);
			T result = this.reads.read(this.spec, item);
			if (result == null) {
				continue;
			}
			if (this.results.size() == this.wanted) {
				// a result follows the page: the page continues after its own last result
				return page(this.keys.get(this.wanted - 1));
			}
			this.results.add(result);
			this.keys.add(CursorCodec.keyOf(this.query.cursors(), item));
			accepted++;
			if (!this.peek && this.results.size() == this.wanted) {
				boolean more = i < items.size() - 1 || startKey != null;
				return page(more ? this.keys.get(this.wanted - 1) : null);
			}
		}
		if (startKey == null || this.cost.requests() >= this.spec.maxRequests()) {
			return page(startKey);
		}
		this.efficiency = QueryReads.nextEfficiency(this.efficiency, accepted, items.size());
		return null;
	}

	private QueryPage<T> page(@Nullable Map<String, AttributeValue> next) {
		CursorCodec codec = this.cursorCodec;
		String nextCursor = (next != null) ? codec.encode(this.query.cursors(), next) : null;
		if (!this.forward) {
			Collections.reverse(this.results);
			Collections.reverse(this.keys);
		}
		List<Map<String, AttributeValue>> keys = this.keys;
		return QueryReads.page(this.results, nextCursor, this.cost,
				(index) -> codec.encode(this.query.cursors(), keys.get(index)));
	}

}
