package dev.singletable.evolution.internal.backfill;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.Step;
import dev.singletable.core.internal.write.item.ItemRequests;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * A parallel {@code Scan} of the whole table: segment {@code n} of the run is DynamoDB's {@code Segment n} of
 * {@code TotalSegments}, filtered to the selected items. An item never moves between segments.
 */
final class TableScanSource implements SegmentSource {

	private final String tableName;

	private final ItemSelection selection;

	private final int segments;

	TableScanSource(String tableName, ItemSelection selection, int segments) {
		this.tableName = tableName;
		this.selection = selection;
		this.segments = segments;
	}

	@Override
	public Step<Page> read(int segment, @Nullable Map<String, AttributeValue> startKey) {
		ScanRequest scan = ScanRequest.builder()
			.tableName(this.tableName)
			.segment(segment)
			.totalSegments(this.segments)
			.filterExpression(this.selection.filter())
			.expressionAttributeNames(this.selection.names())
			.expressionAttributeValues(this.selection.values())
			.limit(PAGE_SIZE)
			.exclusiveStartKey(startKey)
			.returnConsumedCapacity(RunRequests.TOTAL)
			.build();
		return ItemRequests.send(scan, ScanResponse.class).then((response) -> Step.done(new Page(response.items(),
				SegmentSource.lastKey(response.hasLastEvaluatedKey(), response.lastEvaluatedKey()))));
	}

	@Override
	public Map<String, AttributeValue> positionAfter(Map<String, AttributeValue> item) {
		return SegmentSource.pick(item, ItemAttributes.PK, ItemAttributes.SK);
	}

}
