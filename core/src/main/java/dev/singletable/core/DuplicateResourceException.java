package dev.singletable.core;

import org.springframework.dao.DuplicateKeyException;

/**
 * Thrown when a create uses an id that already exists. Nothing was written.
 */
public class DuplicateResourceException extends DuplicateKeyException {

	private final Class<?> entityType;

	private final String id;

	/**
	 * Creates a new exception.
	 * @param entityType the entity type
	 * @param id the id that exists already
	 */
	public DuplicateResourceException(Class<?> entityType, String id) {
		super(entityType.getSimpleName() + " '" + id + "' already exists; nothing was written. "
				+ "Use update to change it, or create it with another id.");
		this.entityType = entityType;
		this.id = id;
	}

	/**
	 * Returns the entity type.
	 * @return the entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

	/**
	 * Returns the id that exists already.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

}
