package dev.singletable.evolution.internal.rewrite;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.internal.format.ItemAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The condition that a stored item is still in the state a backfill read it in: its {@code version} (versioned
 * types), else its top-level {@code updated_at} (plain types), else — a compressed plain item the Python library
 * wrote without one — its whole {@code data}. Written into a request's names and values under its own
 * placeholders.
 *
 * @param expression the condition
 * @param names its attribute names
 * @param values its values
 */
record ReadState(String expression, Map<String, String> names, Map<String, AttributeValue> values) {

	/**
	 * The condition on an item as read.
	 */
	static ReadState of(Map<String, AttributeValue> item) {
		for (String attribute : new String[] { ItemAttributes.VERSION, ItemAttributes.UPDATED_AT, ItemAttributes.DATA }) {
			AttributeValue value = item.get(attribute);
			if (value != null) {
				return new ReadState("#rs_state = :rs_state", Map.of("#rs_state", attribute), Map.of(":rs_state", value));
			}
		}
		return exists();
	}

	/**
	 * The condition that an item exists (a version item, which never changes).
	 */
	static ReadState exists() {
		return new ReadState("attribute_exists(#rs_pk)", Map.of("#rs_pk", ItemAttributes.PK), Map.of());
	}

	/**
	 * Returns the names with this condition's added.
	 */
	Map<String, String> names(Map<String, String> others) {
		Map<String, String> all = new HashMap<>(others);
		all.putAll(this.names);
		return all;
	}

	/**
	 * Returns the values with this condition's added, {@literal null} when there are none (DynamoDB refuses an
	 * empty map).
	 */
	@Nullable Map<String, AttributeValue> values(Map<String, AttributeValue> others) {
		Map<String, AttributeValue> all = new HashMap<>(others);
		all.putAll(this.values);
		return all.isEmpty() ? null : all;
	}

}
