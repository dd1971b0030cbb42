package dev.singletable.core.convert;

import java.io.Serial;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.mapping.UnmappedAttributes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The map an {@link UnmappedAttributes @UnmappedAttributes} property receives on read: plain Java values for the
 * user, and, out of sight, the top-level attributes they were read from, so that a write puts each entry back at
 * the top level of the item (not into a compressed {@code data}) and an unchanged entry back exactly as it was
 * stored (an N with its digits, an SS or NS as a set, a set inside a map as a set).
 */
final class UnmappedEntries extends LinkedHashMap<String, Object> {

	@Serial
	private static final long serialVersionUID = 1L;

	private final Map<String, AttributeValue> stored;

	/**
	 * @param stored the top-level attributes read, by name; the entries read from them are added by the caller
	 */
	UnmappedEntries(Map<String, AttributeValue> stored) {
		this.stored = new LinkedHashMap<>(stored);
	}

	/**
	 * Returns the top-level attribute an entry was read from.
	 * @param name the entry's name
	 * @return the attribute as stored, or {@literal null} when the entry was not read from a top-level attribute
	 */
	@Nullable AttributeValue stored(String name) {
		return this.stored.get(name);
	}

	/**
	 * Adds an entry read from a field of a compressed {@code data}, which goes back there on write.
	 * @param name the field name
	 * @param value its value
	 */
	void putField(String name, @Nullable Object value) {
		this.stored.remove(name);
		put(name, value);
	}

}
