package dev.singletable.core.convert;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;

/**
 * Thrown when a stored item of a hierarchy cannot be read as the requested type: its discriminator names no concrete
 * type of the hierarchy (an item another application or a newer version wrote, say), or none at all. The message
 * names the item, the value and the known values; an item is never read as a wrong type.
 */
public class UnknownSubtypeException extends DataRetrievalFailureException {

	private final @Nullable String discriminatorValue;

	private final List<String> knownValues;

	/**
	 * Creates a new exception.
	 * @param message the description, naming the item
	 * @param discriminatorValue the value stored, {@literal null} when the item stores none
	 * @param knownValues the values of the concrete types the requested type reads
	 * @param cause the reading failure
	 */
	public UnknownSubtypeException(String message, @Nullable String discriminatorValue, List<String> knownValues,
			@Nullable Throwable cause) {
		super(message, cause);
		this.discriminatorValue = discriminatorValue;
		this.knownValues = List.copyOf(knownValues);
	}

	/**
	 * Returns the discriminator value the item stores.
	 * @return the value, or {@literal null} when the item stores none
	 */
	public @Nullable String getDiscriminatorValue() {
		return this.discriminatorValue;
	}

	/**
	 * Returns the discriminator values of the concrete types the requested type reads.
	 * @return the known values
	 */
	public List<String> getKnownValues() {
		return this.knownValues;
	}

}
