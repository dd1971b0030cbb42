package dev.singletable.core.audit;

import org.springframework.util.Assert;

import tools.jackson.databind.JsonNode;

/**
 * One changed field of an audit entry: its stored value before and after the change, as JSON ({@code null} nodes
 * where the field was unset), stored as {@code {"old": ..., "new": ...}}.
 *
 * @param oldValue the value before the change
 * @param newValue the value after the change
 */
public record FieldChange(JsonNode oldValue, JsonNode newValue) {

	/**
	 * Checks the values.
	 */
	public FieldChange {
		Assert.notNull(oldValue, "Old value must not be null (use a null node)");
		Assert.notNull(newValue, "New value must not be null (use a null node)");
	}

}
