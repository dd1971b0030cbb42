package dev.singletable.core;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when an id cannot be used as a resource id: empty, too long (over {@value #MAX_LENGTH} characters, or a
 * key {@code <prefix>#<id>} over 1024 bytes in UTF-8, the most DynamoDB takes as a sort key), or containing control
 * characters or unpaired surrogates. Ids may contain {@code #} and spaces, as in the Python library.
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
				+ ". Ids must be 1 to " + MAX_LENGTH + " characters (the key <prefix>#<id> at most 1024 bytes in UTF-8) "
				+ "without control characters; leave the id null on create to get a ULID.");
	}

}
