package dev.singletable.core.internal.execution;

import dev.singletable.core.SingleTableExceptionTranslator;

/**
 * What both executors of a table hold, {@link DynamoDbExecutor} on the blocking client and
 * {@link ReactiveDynamoDbExecutor} on the async one: the client, the table's name and the translator every failure
 * they do not leave to the plan goes through.
 *
 * @param <C> the client
 */
abstract class AbstractDynamoDbExecutor<C> {

	final C client;

	final String tableName;

	final SingleTableExceptionTranslator exceptionTranslator;

	AbstractDynamoDbExecutor(C client, String tableName) {
		this.client = client;
		this.tableName = tableName;
		this.exceptionTranslator = new SingleTableExceptionTranslator(tableName);
	}

	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Translates an exception into Spring's {@code DataAccessException} hierarchy where it fits one.
	 */
	public RuntimeException translate(RuntimeException ex) {
		return this.exceptionTranslator.translate(ex);
	}

}
