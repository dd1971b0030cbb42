package dev.singletable.core;

import org.springframework.dao.UncategorizedDataAccessException;

/**
 * Thrown for a DynamoDB failure that fits no more specific {@link org.springframework.dao.DataAccessException}.
 */
public class UncategorizedSingleTableException extends UncategorizedDataAccessException {

	/**
	 * Creates a new exception.
	 * @param message the message
	 * @param cause the SDK exception
	 */
	public UncategorizedSingleTableException(String message, Throwable cause) {
		super(message, cause);
	}

}
