package dev.singletable.core;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataRetrievalFailureException;

/**
 * Thrown when a resource (or one version of it) that must exist does not.
 */
public class NoSuchResourceException extends DataRetrievalFailureException {

	private final Class<?> entityType;

	private final String id;

	private final @Nullable Long version;

	/**
	 * Creates a new exception.
	 * @param entityType the entity type
	 * @param id the id
	 * @param version the version asked for, or {@literal null} for the latest
	 */
	public NoSuchResourceException(Class<?> entityType, String id, @Nullable Long version) {
		super(entityType.getSimpleName() + " '" + id + "'" + ((version != null) ? " version " + version : "")
				+ " does not exist");
		this.entityType = entityType;
		this.id = id;
		this.version = version;
	}

	/**
	 * Returns the entity type.
	 * @return the entity type
	 */
	public Class<?> getEntityType() {
		return this.entityType;
	}

	/**
	 * Returns the id.
	 * @return the id
	 */
	public String getId() {
		return this.id;
	}

	/**
	 * Returns the version asked for.
	 * @return the version, or {@literal null} for the latest
	 */
	public @Nullable Long getVersion() {
		return this.version;
	}

}
