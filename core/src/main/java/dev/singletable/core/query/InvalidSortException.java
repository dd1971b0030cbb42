package dev.singletable.core.query;

import java.util.List;

import org.springframework.dao.InvalidDataAccessApiUsageException;

/**
 * Thrown when a query is asked for an order it cannot return: DynamoDB returns the items of an index in the order
 * of its sort key only, so a {@link org.springframework.data.domain.Sort} on any other property (or on more than
 * one) is refused rather than sorted in memory or ignored.
 */
public class InvalidSortException extends InvalidDataAccessApiUsageException {

	private final List<String> sortableProperties;

	/**
	 * Creates a new exception.
	 * @param message what was asked for and which orders are possible
	 */
	public InvalidSortException(String message) {
		this(message, List.of());
	}

	/**
	 * Creates a new exception naming the properties a sort may name.
	 * @param message what was asked for and which orders are possible
	 * @param sortableProperties the properties the query can be sorted by (one at a time, ascending or descending)
	 */
	public InvalidSortException(String message, List<String> sortableProperties) {
		super(message);
		this.sortableProperties = List.copyOf(sortableProperties);
	}

	/**
	 * Returns the properties the query can be sorted by, one at a time, ascending or descending.
	 * @return the properties, empty when it cannot be sorted at all (or they are unknown)
	 */
	public List<String> getSortableProperties() {
		return this.sortableProperties;
	}

}
