package dev.singletable.core.internal.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.SingleTableExceptionTranslator;
import dev.singletable.core.internal.plan.Request;
import dev.singletable.core.observation.SingleTableMetrics;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Sends requests to the table: owns the {@link DynamoDbClient}, translates every SDK exception with the
 * {@link SingleTableExceptionTranslator}, and follows {@code LastEvaluatedKey} from one {@code Query} page to the
 * next. The template and its helpers send through it and never handle the client or the translation themselves.
 * It holds the template's {@link Observations}: with metrics, every request asks for its consumed capacity and its
 * answer or failure is reported ({@link RequestReports}) for the operation running on the thread, and
 * {@link #backoff} counts each retry.
 */
public final class DynamoDbExecutor {

	private final DynamoDbClient client;

	private final String tableName;

	private final SingleTableExceptionTranslator exceptionTranslator;

	private final Observations observations;

	/** What requests report, with metrics. */
	private volatile @Nullable RequestReports reports;

	public DynamoDbExecutor(DynamoDbClient client, String tableName) {
		this.client = client;
		this.tableName = tableName;
		this.exceptionTranslator = new SingleTableExceptionTranslator(tableName);
		this.observations = new Observations(tableName);
	}

	public Observations observations() {
		return this.observations;
	}

	/**
	 * Sets the metrics requests report to; {@literal null} for none (then no consumed capacity is asked for).
	 */
	public void setMetrics(@Nullable SingleTableMetrics metrics) {
		this.observations.setMetrics(metrics);
		this.reports = (metrics != null) ? new RequestReports(metrics) : null;
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
	 * Waits before a request is sent again (exponential backoff with jitter), counting the retry.
	 * @param attempt the attempt that failed, from 1
	 * @param reason why the request is sent again
	 */
	public void backoff(int attempt, String reason) {
		SingleTableMetrics metrics = this.observations.metrics();
		if (metrics != null) {
			metrics.retry(this.observations.current(), reason);
		}
		TransactionWriter.Backoff.sleep(attempt);
	}

	DynamoDbClient getClient() {
		return this.client;
	}

	public String getTableName() {
		return this.tableName;
	}

	/**
	 * Runs an action, translating what it throws.
	 */
	<R> R call(Supplier<R> action) {
		try {
			return action.get();
		}
		catch (RuntimeException ex) {
			throw translate(ex);
		}
	}

	/**
	 * Sends a transaction: a failed condition or a cancelled transaction reaches the caller as DynamoDB reports it,
	 * and a request whose answer was lost after the SDK's retries (it may have been applied) is a
	 * {@link CommitOutcomeUnknownException}, never a failure ({@link RequestFailures#write}).
	 * @param request the transaction, with its client request token
	 */
	void transactWriteItems(TransactWriteItemsRequest request) {
		try {
			sent(request, this.client::transactWriteItems);
		}
		catch (RuntimeException ex) {
			throw RequestFailures.write(ex, this.exceptionTranslator, "TransactWriteItems",
					request.clientRequestToken());
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
			throw RequestFailures.of(request, ex, this.exceptionTranslator);
		}
	}

	/**
	 * Sends one request on the client; with metrics, asking for its consumed capacity, and reporting its answer or
	 * failure for the operation running on the thread.
	 */
	@SuppressWarnings("unchecked")
	private <Q extends DynamoDbRequest, R> R sent(Q request, Function<Q, R> call) {
		RequestReports reports = this.reports;
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

	/**
	 * Translates an exception into Spring's {@code DataAccessException} hierarchy where it fits one.
	 */
	public RuntimeException translate(RuntimeException ex) {
		return this.exceptionTranslator.translate(ex);
	}

	/**
	 * Reads one item by key.
	 * @param key the item's key
	 * @param consistent whether the read is strongly consistent
	 * @return the item, empty when there is none
	 */
	public Optional<Map<String, AttributeValue>> getItem(Map<String, AttributeValue> key, boolean consistent) {
		GetItemRequest request = DynamoDbRequests.getItem(this.tableName, key, consistent);
		Map<String, AttributeValue> item = call(() -> sent(request, this.client::getItem).item());
		return (item == null || item.isEmpty()) ? Optional.empty() : Optional.of(item);
	}

	/**
	 * Sends one {@code Query}.
	 */
	private QueryResponse query(QueryRequest request) {
		return call(() -> sent(request, this.client::query));
	}

	/**
	 * Starts reading a query page by page.
	 * @param startKey the key the first page starts at ({@literal null} for the beginning)
	 * @return the pages
	 */
	public Pages pages(@Nullable Map<String, AttributeValue> startKey) {
		return new Pages(startKey);
	}

	/**
	 * The items of every page of a query.
	 * @param request the query; each page's start key is set on it
	 * @return all items, in the order read
	 */
	public List<Map<String, AttributeValue>> queryAll(QueryRequest.Builder request) {
		List<Map<String, AttributeValue>> items = new ArrayList<>();
		Pages pages = pages(null);
		while (pages.hasNext()) {
			items.addAll(pages.next(request).items());
		}
		return items;
	}

	/**
	 * The key the next page of a query starts at, {@literal null} after the last page.
	 */
	public static @Nullable Map<String, AttributeValue> nextStartKey(QueryResponse response) {
		return (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) ? response.lastEvaluatedKey()
				: null;
	}

	/**
	 * A query read page by page: each request continues where the previous page ended ({@code ExclusiveStartKey}
	 * from its {@code LastEvaluatedKey}), until a page has none. Each page's request is given when it is read, so
	 * a reader can size each one (its limit) by what it still wants.
	 */
	public final class Pages {

		private @Nullable Map<String, AttributeValue> startKey;

		private boolean started;

		private Pages(@Nullable Map<String, AttributeValue> startKey) {
			this.startKey = startKey;
		}

		/**
		 * Returns whether there is a page to read: before the first page, and while the last one read ended
		 * with a {@code LastEvaluatedKey}.
		 */
		public boolean hasNext() {
			return !this.started || this.startKey != null;
		}

		/**
		 * Reads the next page.
		 * @param request the query, without a start key: the page's start key is set on it
		 * @return the page
		 */
		public QueryResponse next(QueryRequest.Builder request) {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			QueryResponse response = query(request.exclusiveStartKey(this.startKey).build());
			this.started = true;
			this.startKey = nextStartKey(response);
			return response;
		}

		/**
		 * Returns the key the next page starts at, {@literal null} after the last page.
		 */
		public @Nullable Map<String, AttributeValue> startKey() {
			return this.startKey;
		}

	}

}
