package dev.singletable.core.query;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when a query is asked for an order it cannot return: DynamoDB returns the items of an index in the order
 * of its sort key only, so a {@link org.springframework.data.domain.Sort} on any other property (or on more than
 * one) is refused rather than sorted in memory or ignored.
 */
public class InvalidSortException extends InvalidDataAccessApiUsageException {

	/**
	 * Creates a new exception.
	 * @param message what was asked for and which orders are possible
	 */
	public InvalidSortException(String message) {
		super(message);
	}

}
