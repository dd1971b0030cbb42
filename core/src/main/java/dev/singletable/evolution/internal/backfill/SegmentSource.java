package dev.singletable.evolution.internal.backfill;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Where a run reads the items of its segments, a page at a time: a {@link TableScanSource parallel scan} or
 * {@link TypeIndexSource ranges of the type index}.
 */
interface SegmentSource {

	/** The items a page holds at most (before filtering): one page per thread is all a run keeps in memory. */
	int PAGE_SIZE = 100;

	/**
	 * The plan that reads one page of a segment.
	 * @param segment the segment
	 * @param startKey the key to continue after (a checkpoint), {@literal null} for the segment's start
	 */
	Step<Page> read(int segment, @Nullable Map<String, AttributeValue> startKey);

	/**
	 * Returns the key a page of this source continues after to go on behind an item it returned (the checkpoint of
	 * a segment stopped in the middle of a page).
	 * @param item an item of a page this source read
	 */
	Map<String, AttributeValue> positionAfter(Map<String, AttributeValue> item);

	/**
	 * Picks the named attributes of an item.
	 */
	static Map<String, AttributeValue> pick(Map<String, AttributeValue> item, String... names) {
		Map<String, AttributeValue> key = new HashMap<>(names.length * 2);
		for (String name : names) {
			AttributeValue value = item.get(name);
			if (value != null) {
				key.put(name, value);
			}
		}
		return key;
	}

	/**
	 * A page: the selected items it holds, and the key the next page continues after ({@literal null} at the
	 * segment's end).
	 */
	record Page(List<Map<String, AttributeValue>> items, @Nullable Map<String, AttributeValue> lastKey) {

	}

	static @Nullable Map<String, AttributeValue> lastKey(boolean has, Map<String, AttributeValue> key) {
		return (has && !key.isEmpty()) ? key : null;
	}

}
