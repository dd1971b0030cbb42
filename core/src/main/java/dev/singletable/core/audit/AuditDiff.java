package dev.singletable.core.audit;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import dev.singletable.internal.format.ItemAttributes;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;

/**
 * The field-level difference between two states of a resource, as {@code simplesingletable} records it in
 * {@code changed_fields}: for each top-level field (by stored name) whose value differs, the whole old and new
 * value. A field that is absent on one side counts as {@code null} there; numbers are equal when their values are
 * ({@code 1} and {@code 1.0}), as in Python. The system fields ({@code resource_id}, {@code version},
 * {@code created_at}, {@code updated_at}) are never part of the diff.
 */
public final class AuditDiff {

	/** Fields every resource has that a change does not report. */
	public static final Set<String> SYSTEM_FIELDS = Set.of(ItemAttributes.RESOURCE_ID, ItemAttributes.VERSION,
			ItemAttributes.CREATED_AT, ItemAttributes.UPDATED_AT);

	private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> {
		if (a.isNumber() && b.isNumber()) {
			BigDecimal x = a.decimalValue();
			BigDecimal y = b.decimalValue();
			return x.compareTo(y);
		}
		return a.equals(b) ? 0 : 1;
	};

	private AuditDiff() {
	}

	/**
	 * Returns the changed fields between two stored JSON states of a resource.
	 * @param before the state before the change (a JSON object)
	 * @param after the state after the change (a JSON object)
	 * @param excluded fields never to report (for example secrets), besides the system fields
	 * @return the changes by field name, fields of {@code after} first in their order; empty when nothing changed
	 */
	public static Map<String, FieldChange> changedFields(JsonNode before, JsonNode after, Set<String> excluded) {
		Set<String> names = new LinkedHashSet<>(after.propertyNames());
		names.addAll(before.propertyNames());
		Map<String, FieldChange> changes = new LinkedHashMap<>();
		for (String name : names) {
			if (SYSTEM_FIELDS.contains(name) || excluded.contains(name)) {
				continue;
			}
			JsonNode old = valueOf(before, name);
			JsonNode now = valueOf(after, name);
			if (!old.equals(NUMBERS_BY_VALUE, now)) {
				changes.put(name, new FieldChange(old, now));
			}
		}
		return changes;
	}

	private static JsonNode valueOf(JsonNode state, String name) {
		JsonNode value = state.get(name);
		return (value == null || value.isMissingNode()) ? NullNode.getInstance() : value;
	}

}
