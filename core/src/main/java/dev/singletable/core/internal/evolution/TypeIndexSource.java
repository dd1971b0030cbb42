package dev.singletable.core.internal.evolution;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * The type index ({@code gsitype}) read in ranges of its sort key: the run's header holds the bounds, taken once
 * between the first and last sort keys of the type when the run started. Segment {@code i} reads
 * {@code bounds[i] <= gsitypesk < bounds[i+1]}, the last one up to and including the last key read at the start;
 * items written after the start with a later key are not read (they were written with the current definitions).
 */
final class TypeIndexSource implements SegmentSource {

	/** The characters after the common prefix that the split interpolates over. */
	private static final int SPLIT_CHARS = 8;

	private final RunRequests requests;

	private final ItemSelection selection;

	private final List<String> bounds;

	TypeIndexSource(RunRequests requests, ItemSelection selection, List<String> bounds) {
		this.requests = requests;
		this.selection = selection;
		this.bounds = bounds;
	}

	@Override
	public Page read(int segment, @Nullable Map<String, AttributeValue> startKey) {
		if (this.bounds.isEmpty() || segment >= this.bounds.size() - 1) {
			return new Page(List.of(), null);
		}
		boolean last = segment == this.bounds.size() - 2;
		String high = this.bounds.get(segment + 1);
		Map<String, String> names = Map.of("#bf_t", ItemAttributes.GSI_TYPE, "#bf_tsk", ItemAttributes.GSI_TYPE_SK);
		Map<String, AttributeValue> values = Map.of(":bf_t", AttributeValue.fromS(this.selection.typeIndexPartition()),
				":bf_low", AttributeValue.fromS(this.bounds.get(segment)), ":bf_high", AttributeValue.fromS(high));
		QueryResponse response = this.requests.send((client) -> client.query((request) -> request
			.tableName(this.requests.tableName())
			.indexName(ItemAttributes.TYPE_INDEX)
			.keyConditionExpression("#bf_t = :bf_t AND #bf_tsk BETWEEN :bf_low AND :bf_high")
			.expressionAttributeNames(names)
			.expressionAttributeValues(values)
			.limit(PAGE_SIZE)
			.exclusiveStartKey(startKey)
			.returnConsumedCapacity(RunRequests.TOTAL)), (answer) -> answer.consumedCapacity());
		// an index's keys cannot be filtered on: the items of the next range's lower bound and of other types are
		// left out here
		List<Map<String, AttributeValue>> items = new ArrayList<>(response.items().size());
		for (Map<String, AttributeValue> item : response.items()) {
			AttributeValue sort = item.get(ItemAttributes.GSI_TYPE_SK);
			if (this.selection.matches(item) && (last || (sort != null && compare(sort.s(), high) < 0))) {
				items.add(item);
			}
		}
		return new Page(items, SegmentSource.lastKey(response.hasLastEvaluatedKey(), response.lastEvaluatedKey()));
	}

	@Override
	public Map<String, AttributeValue> positionAfter(Map<String, AttributeValue> item) {
		// a query of an index continues after the item's index key and table key
		return SegmentSource.pick(item, ItemAttributes.PK, ItemAttributes.SK, ItemAttributes.GSI_TYPE,
				ItemAttributes.GSI_TYPE_SK);
	}

	/**
	 * Reads the first and last sort keys of the type's partition of the type index and splits the range between
	 * them into {@code segments} ranges.
	 * @return {@code segments + 1} bounds in DynamoDB's order (UTF-8 bytes), empty when the type has no item
	 */
	static List<String> bounds(RunRequests requests, ItemSelection selection, int segments) {
		String first = edge(requests, selection, true);
		String last = edge(requests, selection, false);
		if (first == null || last == null) {
			return List.of();
		}
		return split(first, last, segments);
	}

	private static @Nullable String edge(RunRequests requests, ItemSelection selection, boolean forward) {
		QueryResponse response = requests.send((client) -> client.query((request) -> request
			.tableName(requests.tableName())
			.indexName(ItemAttributes.TYPE_INDEX)
			.keyConditionExpression("#t = :t")
			.expressionAttributeNames(Map.of("#t", ItemAttributes.GSI_TYPE))
			.expressionAttributeValues(Map.of(":t", AttributeValue.fromS(selection.typeIndexPartition())))
			.scanIndexForward(forward)
			.limit(1)
			.returnConsumedCapacity(RunRequests.TOTAL)), (answer) -> answer.consumedCapacity());
		if (response.items().isEmpty()) {
			return null;
		}
		AttributeValue sort = response.items().get(0).get(ItemAttributes.GSI_TYPE_SK);
		return (sort != null) ? sort.s() : null;
	}

	/**
	 * Splits {@code [first, last]} into ranges by interpolating the characters after their common prefix as one
	 * number; the bounds are then put in DynamoDB's order, so any split cuts the range into contiguous pieces.
	 */
	static List<String> split(String first, String last, int segments) {
		int common = 0;
		while (common < first.length() && common < last.length() && first.charAt(common) == last.charAt(common)) {
			common++;
		}
		BigInteger low = number(first, common);
		BigInteger high = number(last, common);
		List<String> bounds = new ArrayList<>(segments + 1);
		bounds.add(first);
		for (int i = 1; i < segments; i++) {
			BigInteger point = low.add(high.subtract(low).multiply(BigInteger.valueOf(i)).divide(BigInteger.valueOf(segments)));
			bounds.add(first.substring(0, common) + text(point));
		}
		bounds.add(last);
		List<String> ordered = new ArrayList<>(bounds.subList(1, segments));
		ordered.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
		List<String> result = new ArrayList<>(segments + 1);
		result.add(first);
		for (String bound : ordered) {
			// every bound within [first, last], so each segment's BETWEEN is valid
			result.add(clamp(bound, first, last));
		}
		result.add(last);
		return result;
	}

	private static String clamp(String bound, String first, String last) {
		if (compare(bound, first) < 0) {
			return first;
		}
		return (compare(bound, last) > 0) ? last : bound;
	}

	private static int compare(String a, String b) {
		return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
	}

	private static BigInteger number(String text, int from) {
		BigInteger value = BigInteger.ZERO;
		for (int i = 0; i < SPLIT_CHARS; i++) {
			int index = from + i;
			int ch = (index < text.length()) ? text.charAt(index) : 0;
			value = value.shiftLeft(16).add(BigInteger.valueOf(ch));
		}
		return value;
	}

	private static String text(BigInteger value) {
		char[] chars = new char[SPLIT_CHARS];
		BigInteger rest = value;
		for (int i = SPLIT_CHARS - 1; i >= 0; i--) {
			int ch = rest.and(BigInteger.valueOf(0xFFFF)).intValue();
			chars[i] = (char) ((ch >= 0xD800 && ch <= 0xDFFF) ? 0xE000 : ch);
			rest = rest.shiftRight(16);
		}
		int length = SPLIT_CHARS;
		while (length > 0 && chars[length - 1] == 0) {
			length--;
		}
		for (int i = 0; i < length; i++) {
			if (chars[i] == 0) {
				chars[i] = 1;
			}
		}
		return new String(chars, 0, length);
	}

}
