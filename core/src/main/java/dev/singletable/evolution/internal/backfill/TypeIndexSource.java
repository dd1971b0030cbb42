package dev.singletable.evolution.internal.backfill;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemRequests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The type index ({@code gsitype}) read in ranges of its sort key: the run's header holds the bounds, taken once
 * when the run started at the quantiles of the type's sort keys (see {@link #bounds}), so each range holds about as
 * many items. Segment {@code i} reads
 * {@code bounds[i] <= gsitypesk < bounds[i+1]}, the last one up to and including the last key read at the start;
 * items written after the start with a later key are not read (they were written with the current definitions).
 */
final class TypeIndexSource implements SegmentSource {

	/** The sort keys the split keeps at least: each range is off by less than 2 / {@value} of the items. */
	private static final int SAMPLE_SIZE = 4096;

	private final String tableName;

	private final ItemSelection selection;

	private final List<String> bounds;

	TypeIndexSource(String tableName, ItemSelection selection, List<String> bounds) {
		this.tableName = tableName;
		this.selection = selection;
		this.bounds = bounds;
	}

	@Override
	public Step<Page> read(int segment, @Nullable Map<String, AttributeValue> startKey) {
		if (this.bounds.isEmpty() || segment >= this.bounds.size() - 1) {
			return Step.done(new Page(List.of(), null));
		}
		boolean last = segment == this.bounds.size() - 2;
		String high = this.bounds.get(segment + 1);
		Map<String, String> names = Map.of("#bf_t", ItemAttributes.GSI_TYPE, "#bf_tsk", ItemAttributes.GSI_TYPE_SK);
		Map<String, AttributeValue> values = Map.of(":bf_t", AttributeValue.fromS(this.selection.typeIndexPartition()),
				":bf_low", AttributeValue.fromS(this.bounds.get(segment)), ":bf_high", AttributeValue.fromS(high));
		QueryRequest query = QueryRequest.builder()
			.tableName(this.tableName)
			.indexName(ItemAttributes.TYPE_INDEX)
			.keyConditionExpression("#bf_t = :bf_t AND #bf_tsk BETWEEN :bf_low AND :bf_high")
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.limit(PAGE_SIZE)
			.exclusiveStartKey(startKey)
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build();
		return ItemRequests.send(query, QueryResponse.class).then((response) -> {
			// an index's keys cannot be filtered on: the items of the next range's lower bound and of other types
			// are left out here
			List<Map<String, AttributeValue>> items = new ArrayList<>(response.items().size());
			for (Map<String, AttributeValue> item : response.items()) {
				AttributeValue sort = item.get(ItemAttributes.GSI_TYPE_SK);
				if (this.selection.matches(item) && (last || (sort != null && compare(sort.s(), high) < 0))) {
					items.add(item);
				}
			}
			return Step.done(new Page(items,
					SegmentSource.lastKey(response.hasLastEvaluatedKey(), response.lastEvaluatedKey())));
		});
	}

	@Override
	public Map<String, AttributeValue> positionAfter(Map<String, AttributeValue> item) {
		// a query of an index continues after the item's index key and table key
		return SegmentSource.pick(item, ItemAttributes.PK, ItemAttributes.SK, ItemAttributes.GSI_TYPE,
				ItemAttributes.GSI_TYPE_SK);
	}

	/**
	 * Reads the keys of the type's items in the type index (its table key and sort key only, a page of up to 1 MB at
	 * a time, capacity limited and counted as every request of the run) and splits them into {@code segments} ranges
	 * of as many items each, at the quantiles of the sort key: items written in bursts are spread as evenly as items
	 * written one by one, so every instance of a fleet finds segments with work. Memory stays flat whatever the
	 * number of items ({@link KeyQuantiles}); items sharing one sort key value stay in one range.
	 * @return {@code segments + 1} bounds in DynamoDB's order (UTF-8 bytes), empty when the type has no item
	 */
	static Step<List<String>> bounds(String tableName, ItemSelection selection, int segments) {
		QueryRequest query = QueryRequest.builder()
			.tableName(tableName)
			.indexName(ItemAttributes.TYPE_INDEX)
			.keyConditionExpression("#t = :t")
			.projectionExpression("#pk, #sk, #tsk")
			.expressionAttributeNames(Map.of("#t", ItemAttributes.GSI_TYPE, "#tsk", ItemAttributes.GSI_TYPE_SK, "#pk",
					ItemAttributes.PK, "#sk", ItemAttributes.SK))
			.expressionAttributeValues(Map.of(":t", AttributeValue.fromS(selection.typeIndexPartition())))
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build();
		return sample(query, null, selection, new KeyQuantiles(SAMPLE_SIZE))
			.then((quantiles) -> Step.done(quantiles.bounds(segments)));
	}

	/**
	 * Adds the sort keys of a page and the pages after it to the sample (only one page is held at a time).
	 */
	private static Step<KeyQuantiles> sample(QueryRequest query, @Nullable Map<String, AttributeValue> start,
			ItemSelection selection, KeyQuantiles quantiles) {
		QueryRequest page = query.toBuilder().exclusiveStartKey(start).build();
		return ItemRequests.send(page, QueryResponse.class).then((response) -> {
			for (Map<String, AttributeValue> item : response.items()) {
				AttributeValue sort = item.get(ItemAttributes.GSI_TYPE_SK);
				if (sort != null && selection.matches(item)) {
					quantiles.add(sort.s());
				}
			}
			Map<String, AttributeValue> next = SegmentSource.lastKey(response.hasLastEvaluatedKey(),
					response.lastEvaluatedKey());
			return (next != null) ? sample(query, next, selection, quantiles) : Step.done(quantiles);
		});
	}

	private static int compare(String a, String b) {
		return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

}
