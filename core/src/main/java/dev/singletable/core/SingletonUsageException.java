package dev.singletable.core;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when a singleton type ({@code @SingleTableEntity(singleton = true)}) is used with an id other than its
 * own, or a singleton operation such as {@link SingleTableOperations#findSingleton(Class)} with a type that is not a
 * singleton.
 */
public class SingletonUsageException extends InvalidDataAccessApiUsageException {

	/**
	 * Creates a new exception.
	 * @param entityType the entity type
	 * @param problem what is wrong and what to do instead
	 */
	public SingletonUsageException(Class<?> entityType, String problem) {
		super(entityType.getSimpleName() + ": " + problem);
	}

}
