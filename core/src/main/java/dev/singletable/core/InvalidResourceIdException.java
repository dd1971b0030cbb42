package dev.singletable.core;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when an id cannot be used as a resource id: empty, too long, or containing control characters or
 * unpaired surrogates. Ids may contain {@code #} and spaces, as in the Python library.
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
				+ ". Ids must be 1 to " + MAX_LENGTH + " characters without control characters; leave the id null on "
				+ "create to get a ULID.");
	}

}
