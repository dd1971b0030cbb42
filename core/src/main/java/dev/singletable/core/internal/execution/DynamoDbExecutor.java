package dev.singletable.core.internal.execution;

import java.util.function.Function;

import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.SingleTableExceptionTranslator;
import dev.singletable.internal.plan.Request;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * Sends requests to the table: owns the {@link DynamoDbClient} and translates every SDK exception with the
 * {@link SingleTableExceptionTranslator}. The template and its helpers send through it and never handle the client
 * or the translation themselves.
 * It holds the template's {@link Observations}: with metrics, every request asks for its consumed capacity and its
 * answer or failure is reported ({@link RequestReports}) for the operation running on the thread, and
 * {@link #retried} counts each retry.
 */
public final class DynamoDbExecutor extends AbstractDynamoDbExecutor<DynamoDbClient, Observations> {

	public DynamoDbExecutor(DynamoDbClient client, String tableName) {
		super(client, tableName, new Observations(tableName));
	}

	/**
	 * Returns an executor of the same client and table that reports to no metrics: for requests that belong to no
	 * operation of the template (the backfills, migrations and definition records built on it count their own),
	 * which would otherwise be reported for an unknown operation.
	 */
	public DynamoDbExecutor withoutMetrics() {
		return new DynamoDbExecutor(this.client, this.tableName);
	}

	/**
	 * Counts a retry of a request for the operation running on the thread, before the driver's backoff
	 * ({@link Request.Backoff#pause()}).
	 * @param reason why the request is sent again
	 */
	void retried(String reason) {
		this.observations.retried(this.observations.current(), reason);
	}

	/**
	 * Sends a transaction once, with its client request token: a failed condition or a cancelled transaction reaches
	 * the caller as DynamoDB reports it, and a request whose answer was lost after the SDK's retries (it may have
	 * been applied) is a {@link CommitOutcomeUnknownException} naming the token, never a failure
	 * ({@link RequestFailures#write}). Sending it again is the plan's ({@code TransientRetry}).
	 * @param transact the items and their token
	 */
	void transactWriteItems(Request.Transact transact) {
		TransactWriteItemsRequest request = DynamoDbRequests.transactWriteItems(transact);
		try {
			sent(request, this.client::transactWriteItems);
		}
		catch (RuntimeException ex) {
			throw transactFailure(ex, request);
		}
	}

	/**
	 * Sends a plan's DynamoDB request, its failure thrown as the request's kind says ({@link RequestFailures#of}).
	 * @return the answer
	 */
	public DynamoDbResponse send(Request.DynamoDb request) {
		try {
			return sent(request.request(), (sent) -> DynamoDbRequests.send(this.client, sent));
		}
		catch (RuntimeException ex) {
			throw RequestFailures.of(request, ex, exceptionTranslator());
		}
	}

	/**
	 * Sends one request on the client; with metrics, asking for its consumed capacity, and reporting its answer or
	 * failure for the operation running on the thread.
	 */
	@SuppressWarnings("unchecked")
	private <Q extends DynamoDbRequest, R> R sent(Q request, Function<Q, R> call) {
		RequestReports reports = this.observations.reports();
		if (reports == null) {
			return call.apply(request);
		}
		R response;
		try {
			response = call.apply((Q) RequestReports.withCapacity(request));
		}
		catch (RuntimeException | Error ex) {
			reports.failed(ex, this.observations.current());
			throw ex;
		}
		reports.answered(response, this.observations.current());
		return response;
	}

}
