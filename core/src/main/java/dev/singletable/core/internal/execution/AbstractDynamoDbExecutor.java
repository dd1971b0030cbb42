package dev.singletable.core.internal.execution;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.SingleTableExceptionTranslator;
import software.amazon.awssdk.core.SdkRequest;

/**
 * What both executors of a table hold, {@link DynamoDbExecutor} on the blocking client and
 * {@link ReactiveDynamoDbExecutor} on the async one: the client and the table's name, which the translator every
 * failure they do not leave to the plan goes through names.
 *
 * @param <C> the client
 */
abstract class AbstractDynamoDbExecutor<C> {

	final C client;

	final String tableName;

	AbstractDynamoDbExecutor(C client, String tableName) {
		this.client = client;
		this.tableName = tableName;
	}

	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Translates an exception into Spring's {@code DataAccessException} hierarchy where it fits one.
	 */
	public RuntimeException translate(RuntimeException ex) {
		return exceptionTranslator().translate(ex);
	}

	/**
	 * Translates an exception as {@link #translate(RuntimeException)} does, naming the hot key of a throttled
	 * request from the request.
	 * @param request the request that failed, {@literal null} when unknown
	 */
	public RuntimeException translate(RuntimeException ex, @Nullable SdkRequest request) {
		return exceptionTranslator().translate(ex, request);
	}

	/**
	 * Returns the translator of a failure, naming the table (made when a failure needs it).
	 */
	SingleTableExceptionTranslator exceptionTranslator() {
		return new SingleTableExceptionTranslator(this.tableName);
	}

}
