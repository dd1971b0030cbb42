package dev.singletable.core.schema;

import java.util.List;

import org.springframework.dao.InvalidDataAccessResourceUsageException;

/**
 * Thrown when the DynamoDB table is missing or does not have the keys and indexes the single-table layout
 * needs. The message names every problem found.
 */
public class TableSchemaException extends InvalidDataAccessResourceUsageException {

	private final String tableName;

	private final List<String> problems;

	/**
	 * Creates a new exception for the given table and problems.
	 * @param tableName the table that was checked
	 * @param problems one sentence per problem
	 */
	public TableSchemaException(String tableName, List<String> problems) {
		super("Table '" + tableName + "' does not fit the single-table layout: " + String.join("; ", problems)
				+ ". Create it with SingleTableSchema.create(..) (or singletable.table.create=create-if-missing) "
				+ "or add what is missing.");
		this.tableName = tableName;
		this.problems = List.copyOf(problems);
	}

	/**
	 * Returns the name of the table that was checked.
	 * @return the table name
	 */
	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Returns the problems found, one sentence each.
	 * @return the problems, never empty
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
