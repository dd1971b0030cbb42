package dev.singletable.repository.query;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when a repository query method cannot be mapped onto an index; the message names the method, the
 * candidate indexes and what each lacks. Raised while the repository is created, so the application fails to
 * start rather than scanning at run time.
 */
public class UnsupportedQueryMethodException extends InvalidDataAccessApiUsageException {

	/**
	 * Creates a new exception.
	 * @param message the full explanation
	 */
	public UnsupportedQueryMethodException(String message) {
		super(message);
	}

}
