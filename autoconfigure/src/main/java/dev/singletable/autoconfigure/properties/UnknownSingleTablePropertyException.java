package dev.singletable.autoconfigure.properties;

import java.util.List;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a property set under {@code singletable.} is a typo of a known one.
 */
public class UnknownSingleTablePropertyException extends IllegalStateException {

	private final List<Unknown> properties;

	/**
	 * Creates an exception.
	 * @param properties the unknown properties, at least one
	 */
	UnknownSingleTablePropertyException(List<Unknown> properties) {
		super("Unknown singletable properties: " + properties.stream()
			.map((property) -> property.name() + " (did you mean " + property.suggestion() + "?)")
			.collect(Collectors.joining(", ")));
		this.properties = List.copyOf(properties);
	}

	/**
	 * Returns the unknown properties.
	 * @return the properties
	 */
	public List<Unknown> getProperties() {
		return this.properties;
	}

	/**
	 * A property that is set but unknown.
	 *
	 * @param name the name as set
	 * @param origin where it is set, or {@literal null} when not known
	 * @param suggestion the known property with the nearest name
	 */
	public record Unknown(String name, @Nullable String origin, @Nullable String suggestion) {

	}

}
