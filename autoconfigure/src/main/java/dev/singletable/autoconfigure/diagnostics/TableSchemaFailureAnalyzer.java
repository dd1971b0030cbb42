package dev.singletable.autoconfigure.diagnostics;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

import dev.singletable.core.schema.TableSchemaException;

/**
 * Explains a startup that failed because the DynamoDB table does not fit the layout, with the fix for what is wrong:
 * a missing table or missing indexes are created by {@code singletable.table.create=create-if-missing} (which adds
 * missing indexes to an existing table too) unless it is already set; an index with other keys or projection is not
 * changed by any mode, since DynamoDB cannot change an index's keys.
 */
class TableSchemaFailureAnalyzer extends AbstractFailureAnalyzer<TableSchemaException> {

	private static final String CREATE_PROPERTY = "singletable.table.create";

	private final @Nullable Environment environment;

	/**
	 * Creates the analyzer.
	 * @param environment the environment of the application that failed, to tell the table creation mode, or
	 * {@literal null}
	 */
	TableSchemaFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TableSchemaException cause) {
		StringBuilder description = new StringBuilder("The DynamoDB table '").append(cause.getTableName())
			.append("' does not fit the single-table layout the entities need:\n");
		cause.getProblems().forEach((problem) -> description.append("\n    - ").append(problem));
		List<String> problems = cause.getProblems();
		boolean noTable = problems.stream().anyMatch((problem) -> problem.equals("the table does not exist"));
		boolean missingIndexes = problems.stream().anyMatch((problem) -> problem.contains("' is missing"));
		boolean wrongKeys = problems.stream()
			.anyMatch((problem) -> problem.contains(" must have HASH ") || problem.startsWith("the primary key must be")
					|| problem.contains("must project ALL"));
		boolean notActive = problems.stream()
			.anyMatch((problem) -> problem.startsWith("the table status is") || problem.contains("did not become ACTIVE"));
		String mode = (this.environment != null) ? this.environment.getProperty(CREATE_PROPERTY) : null;
		boolean creating = "create-if-missing".equalsIgnoreCase(mode) || "create_if_missing".equalsIgnoreCase(mode);
		StringBuilder action = new StringBuilder();
		if (noTable || missingIndexes) {
			action.append("Create what is missing with your infrastructure tooling (the table uses string attributes pk "
					+ "(HASH) and sk (RANGE), and every index projects ALL attributes)");
			if (!creating) {
				action.append(", or set " + CREATE_PROPERTY + "=create-if-missing to let the application create it at "
						+ "start-up: it creates a missing table with every index the entities declare, and adds the "
						+ "missing indexes to an existing table (one UpdateTable each, waiting until the index is "
						+ "ACTIVE)");
			}
			action.append(". Items stored before an index's keys were declared carry no key attributes for it: a "
					+ "reindex migration fills them in (docs/reference/evolving.md).");
		}
		if (wrongKeys) {
			action.append((action.length() > 0) ? "\n" : "")
				.append("DynamoDB cannot change the keys or projection of an existing table or index, and no "
						+ CREATE_PROPERTY + " mode does: delete the index and create it again as described (or the "
						+ "table, for its primary key), or point the entity's @IndexKey at another index "
						+ "(partitionAttribute/sortAttribute name the attributes an existing index uses).");
		}
		if (notActive) {
			action.append((action.length() > 0) ? "\n" : "")
				.append("Wait until the table and its indexes are ACTIVE (aws dynamodb describe-table shows their "
						+ "status), then start the application again.");
		}
		action.append((action.length() > 0) ? "\n" : "")
			.append("To start without checking the table, set " + CREATE_PROPERTY + "=none.");
		return new FailureAnalysis(description.toString(), action.toString(), cause);
	}

}
