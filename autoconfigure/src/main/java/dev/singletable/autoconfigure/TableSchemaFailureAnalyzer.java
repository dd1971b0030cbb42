package dev.singletable.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import dev.singletable.core.schema.TableSchemaException;

/**
 * Explains a startup that failed because the DynamoDB table is missing or lacks an index or key attribute: one line
 * per problem, and what to do about it.
 */
class TableSchemaFailureAnalyzer extends AbstractFailureAnalyzer<TableSchemaException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TableSchemaException cause) {
		StringBuilder description = new StringBuilder("The DynamoDB table '").append(cause.getTableName())
			.append("' does not fit the single-table layout the entities need:\n");
		cause.getProblems().forEach((problem) -> description.append("\n    - ").append(problem));
		String action = "Create the table, or add what it lacks, with your infrastructure tooling (the table uses "
				+ "string attributes pk (HASH) and sk (RANGE), and every index projects ALL attributes). To let "
				+ "the application create a missing table, set singletable.table.create=create-if-missing; to skip "
				+ "the check, set singletable.table.create=none.";
		return new FailureAnalysis(description.toString(), action, cause);
	}

}
