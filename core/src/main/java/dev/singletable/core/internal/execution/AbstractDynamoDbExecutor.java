package dev.singletable.core.internal.execution;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.SingleTableExceptionTranslator;
import dev.singletable.core.observation.SingleTableMetrics;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * What both executors of a table hold, {@link DynamoDbExecutor} on the blocking client and
 * {@link ReactiveDynamoDbExecutor} on the async one: the client, the table's name, which the translator every
 * failure they do not leave to the plan goes through names, and where the template's operations are observed (with
 * metrics, every request asks for its consumed capacity and its answer or failure is reported).
 *
 * @param <C> the client
 * @param <O> the observations of the execution model
 */
abstract class AbstractDynamoDbExecutor<C, O extends ObservationRules> {

	final C client;

	final String tableName;

	final O observations;

	AbstractDynamoDbExecutor(C client, String tableName, O observations) {
		this.client = client;
		this.tableName = tableName;
		this.observations = observations;
	}

	/**
	 * Returns where the template's operations are observed.
	 */
	public O observations() {
		return this.observations;
	}

	/**
	 * Sets the metrics requests report to; {@literal null} for none (then no consumed capacity is asked for).
	 */
	public void setMetrics(@Nullable SingleTableMetrics metrics) {
		this.observations.setMetrics(metrics);
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

	/**
	 * The failure of a transaction sent once with its client request token: a failed condition or a cancelled
	 * transaction as DynamoDB reports it, a request whose answer was lost after the SDK's retries (it may have been
	 * applied) a {@code CommitOutcomeUnknownException} naming the token ({@link RequestFailures#write}).
	 */
	RuntimeException transactFailure(RuntimeException ex, TransactWriteItemsRequest request) {
		return RequestFailures.write(ex, exceptionTranslator(), "TransactWriteItems", request.clientRequestToken(),
				request);
	}

}
