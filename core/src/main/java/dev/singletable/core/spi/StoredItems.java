package dev.singletable.core.spi;

import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.singletable.core.internal.format.ItemAttributes;
import dev.singletable.core.internal.format.ItemSize;

/**
 * The layout of a stored item as modules built on core read it (the console's raw items, a query's key conditions):
 * the names of the attributes every item has, shared with the Python {@code simplesingletable}, and an item's size as
 * DynamoDB counts it.
 */
public final class StoredItems {

	/** The table's partition key attribute. */
	public static final String PK = ItemAttributes.PK;

	/** The table's sort key attribute. */
	public static final String SK = ItemAttributes.SK;

	/** The attribute holding a compressed resource's data. */
	public static final String DATA = ItemAttributes.DATA;

	/** The type index, by which every resource is listed, and the name of its partition key attribute. */
	public static final String TYPE_INDEX = ItemAttributes.TYPE_INDEX;

	private StoredItems() {
	}

	/**
	 * Returns an item's size as DynamoDB counts it against its 400 KB limit: each attribute's name and value.
	 * @param item the item's attributes
	 * @return its size in bytes
	 */
	public static long size(Map<String, AttributeValue> item) {
		return ItemSize.of(item);
	}

}
