package dev.singletable.core.mapping;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when an entity type cannot be stored as declared: a missing or mistyped identifier, version or
 * timestamp property, or an invalid option. The message names the type and what to change.
 */
public class InvalidEntityDefinitionException extends InvalidDataAccessApiUsageException {

	private final Class<?> entityType;

	/**
	 * Creates a new exception.
	 * @param entityType the offending type
	 * @param problem what is wrong and what to do
	 */
	public InvalidEntityDefinitionException(Class<?> entityType, String problem) {
		super("Invalid single-table entity " + entityType.getName() + ": " + problem);
		this.entityType = entityType;
	}

	/**
	 * Returns the type whose definition is invalid.
	 * @return the entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

}
