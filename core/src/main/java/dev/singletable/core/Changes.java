package dev.singletable.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

/**
 * A partial update: properties to set to new values and properties to clear (set to {@literal null}), named
 * by their Java property names. Immutable; each call returns a new instance.
 *
 * <pre class="code">
 * template.update(task, Changes.set("title", "Ship it").clear("dueDate"));
 * </pre>
 */
public final class Changes {

	private static final Changes NONE = new Changes(Map.of(), Set.of());

	private final Map<String, @Nullable Object> values;

	private final Set<String> cleared;

	private Changes(Map<String, @Nullable Object> values, Set<String> cleared) {
		this.values = values;
		this.cleared = cleared;
	}

	/**
	 * Returns an empty set of changes.
	 * @return no changes
	 */
	public static Changes none() {
		return NONE;
	}

	/**
	 * Starts a set of changes that sets a property.
	 * @param property the Java property name
	 * @param value the new value; {@literal null} clears the property
	 * @return the changes
	 */
	public static Changes set(String property, @Nullable Object value) {
		return NONE.and(property, value);
	}

	/**
	 * Starts a set of changes that clears properties.
	 * @param properties the Java property names
	 * @return the changes
	 */
	public static Changes clearing(String... properties) {
		return NONE.clear(properties);
	}

	/**
	 * Also sets a property.
	 * @param property the Java property name
	 * @param value the new value; {@literal null} clears the property
	 * @return new changes
	 */
	public Changes and(String property, @Nullable Object value) {
		Assert.hasText(property, "Property name must not be empty");
		Map<String, @Nullable Object> next = new LinkedHashMap<>(this.values);
		next.put(property, value);
		Set<String> cleared = new LinkedHashSet<>(this.cleared);
		cleared.remove(property);
		return new Changes(Collections.unmodifiableMap(next), Collections.unmodifiableSet(cleared));
	}

	/**
	 * Also clears properties.
	 * @param properties the Java property names
	 * @return new changes
	 */
	public Changes clear(String... properties) {
		Map<String, @Nullable Object> next = new LinkedHashMap<>(this.values);
		Set<String> cleared = new LinkedHashSet<>(this.cleared);
		for (String property : properties) {
			Assert.hasText(property, "Property name must not be empty");
			next.remove(property);
			cleared.add(property);
		}
		return new Changes(Collections.unmodifiableMap(next), Collections.unmodifiableSet(cleared));
	}

	/**
	 * Returns the properties to set, in the order given.
	 * @return property name to new value
	 */
	public Map<String, @Nullable Object> values() {
		return this.values;
	}

	/**
	 * Returns the properties to clear.
	 * @return property names
	 */
	public Set<String> cleared() {
		return this.cleared;
	}

	/**
	 * Whether there is nothing to change.
	 * @return {@literal true} when empty
	 */
	public boolean isEmpty() {
		return this.values.isEmpty() && this.cleared.isEmpty();
	}

	@Override
	public String toString() {
		return "Changes[set=" + this.values.keySet() + ", clear=" + this.cleared + "]";
	}

}
