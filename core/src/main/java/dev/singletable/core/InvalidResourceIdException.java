package dev.singletable.core;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when an id cannot be used as a resource id: blank, too long, or containing {@code #} (the key
 * separator) or control characters.
 */
public class InvalidResourceIdException extends InvalidDataAccessApiUsageException {

	/** The longest id accepted, in characters. */
	public static final int MAX_LENGTH = 512;

	/**
	 * Creates a new exception.
	 * @param entityType the entity type the id was meant for
	 * @param problem what is wrong with the id
	 */
	public InvalidResourceIdException(Class<?> entityType, String problem) {
		super("Invalid id for " + entityType.getSimpleName() + ": " + problem
				+ ". Ids must be 1 to " + MAX_LENGTH + " characters without '#' or control characters; leave the id "
				+ "null on create to get a ULID.");
	}

}
