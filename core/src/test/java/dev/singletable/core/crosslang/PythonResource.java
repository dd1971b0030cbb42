package dev.singletable.core.crosslang;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A resource as the Python library holds it: its field values (datetimes and dates as {@code isoformat()},
 * Decimals as strings, sets as sorted lists, enums by value) and the Python type name of each top-level value.
 */
record PythonResource(ObjectNode node) {

	JsonNode fields() {
		return this.node.get("fields");
	}

	JsonNode field(String name) {
		JsonNode value = fields().get(name);
		if (value == null) {
			throw new IllegalArgumentException("Python model has no field " + name + ": " + fields().propertyNames());
		}
		return value;
	}

	/** The Python type of a field value, for example {@code float}, {@code Decimal}, {@code datetime}, {@code set}. */
	String type(String name) {
		return this.node.get("types").get(name).asString();
	}

	String id() {
		return text("resource_id");
	}

	long version() {
		return field("version").asLong();
	}

	String text(String name) {
		JsonNode value = field(name);
		return value.isNull() ? null : value.asString();
	}

	long number(String name) {
		return field(name).asLong();
	}

	BigDecimal decimal(String name) {
		return new BigDecimal(field(name).asString());
	}

	/** A datetime field as Python's {@code isoformat()} writes it. */
	String iso(String name) {
		return text(name);
	}

	OffsetDateTime dateTime(String name) {
		return OffsetDateTime.parse(text(name));
	}

	List<String> strings(String name) {
		List<String> strings = new ArrayList<>();
		field(name).values().forEach((value) -> strings.add(value.asString()));
		return strings;
	}

}
