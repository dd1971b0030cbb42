package dev.singletable.core;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import dev.singletable.internal.format.ItemSize;

/**
 * Opens the item size estimate that guards every write to tests and to the benchmarks harness (through this
 * module's test jar), so that they count item bytes exactly as the template does.
 */
public final class StoredItemSizes {

	private StoredItemSizes() {
	}

	/**
	 * Returns the size of an item as DynamoDB counts it for storage and capacity: attribute names plus values.
	 * @param item the item
	 * @return its size in bytes, as the template estimates it before a write
	 */
	public static long of(Map<String, AttributeValue> item) {
		return ItemSize.of(item);
	}

}
