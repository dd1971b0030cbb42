package dev.singletable.core.spi;

import java.util.Map;

import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.format.ItemSize;
import dev.singletable.internal.format.KeyConditions;

/**
 * The layout of a stored item as modules built on core read it (the console's raw items, a query's key conditions,
 * the test slice's model of DynamoDB's partition limits): the names of the attributes every item has, shared with the
 * Python {@code simplesingletable}, an item's size as DynamoDB counts it and its keys as text.
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

	/**
	 * Returns a key value as text: a string as it is, a number as its digits, a binary in Base64.
	 * @param value the value, {@literal null} for none
	 * @return the text, {@literal null} for none
	 */
	public static @Nullable String keyText(@Nullable AttributeValue value) {
		return KeyConditions.text(value);
	}

	/**
	 * Returns the value a query's key condition compares a partition key attribute with.
	 * @param condition the key condition expression, such as {@code #pk = :pk AND begins_with(#sk, :p)}
	 * @param names the expression's attribute names
	 * @param values the expression's attribute values
	 * @param attribute the partition key attribute, such as {@code gsitype}
	 * @return the value, {@literal null} when the condition does not compare the attribute
	 */
	public static @Nullable AttributeValue partitionValue(@Nullable String condition, Map<String, String> names,
			Map<String, AttributeValue> values, String attribute) {
		return KeyConditions.partitionValue(condition, names, values, attribute);
	}

}
