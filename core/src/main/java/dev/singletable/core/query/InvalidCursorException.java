package dev.singletable.core.query;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when a cursor is not one this query produced: garbage, truncated, altered, issued by another
 * query (another type, index or partition), sealed with a secret the template does not accept (another table or
 * application, a secret rotated out, a previous secret's cursor past the rotation's grace period), or in the format
 * of an earlier singletable version. A bad cursor never restarts the query from the first page and never reads
 * outside the query's partition.
 */
public class InvalidCursorException extends InvalidDataAccessApiUsageException {

	/**
	 * Creates a new exception.
	 * @param reason why the cursor was refused
	 */
	public InvalidCursorException(String reason) {
		super("Invalid cursor: " + reason + ". Use the nextCursor of a page of the same query, or no cursor to "
				+ "start from the first page.");
	}

}
