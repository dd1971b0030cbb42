package dev.singletable.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.dao.InvalidDataAccessResourceUsageException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.dao.support.PersistenceExceptionTranslator;

import dev.singletable.internal.format.ItemAttributes;
import dev.singletable.internal.plan.TransientRetry;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.RequestLimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionConflictException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;

/**
 * Translates AWS SDK exceptions into Spring's {@link DataAccessException} hierarchy, naming the table, so that
 * callers never see a raw SDK exception.
 */
public class SingleTableExceptionTranslator implements PersistenceExceptionTranslator {

	private final String tableName;

	/**
	 * Creates a translator for the given table.
	 * @param tableName the table name used in messages
	 */
	public SingleTableExceptionTranslator(String tableName) {
		this.tableName = tableName;
	}

	@Override
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex) {
		return translateExceptionIfPossible(ex, null);
	}

	/**
	 * Translates an exception as {@link #translateExceptionIfPossible(RuntimeException)} does, naming the hot key
	 * of a throttled request from the request: DynamoDB's throttling, still there after the retries, becomes a
	 * {@link PartitionThrottledException} naming the table or index and the partition key value the request sent
	 * there.
	 * @param ex the exception
	 * @param request the request that failed, {@literal null} when unknown
	 * @return the translated exception, {@literal null} when it fits no category
	 */
	public @Nullable DataAccessException translateExceptionIfPossible(RuntimeException ex,
			@Nullable SdkRequest request) {
		if (ex instanceof DataAccessException dataAccess) {
			return dataAccess;
		}
		PartitionThrottledException throttled = ThrottledPartitions.of(this.tableName, ex, request);
		if (throttled != null) {
			return throttled;
		}
		if (ex instanceof ResourceNotFoundException) {
			return new InvalidDataAccessResourceUsageException("Table '" + this.tableName
					+ "' (or the index queried) does not exist: " + message(ex)
					+ ". Create it with SingleTableSchema or singletable.table.create=create-if-missing.", ex);
		}
		if (ex instanceof ProvisionedThroughputExceededException || ex instanceof RequestLimitExceededException
				|| ex instanceof TransactionConflictException || ex instanceof TransactionInProgressException
				|| ex instanceof InternalServerErrorException) {
			return new TransientDataAccessResourceException("DynamoDB table '" + this.tableName
					+ "' did not accept the request after the SDK's retries: " + message(ex), ex);
		}
		if (ex instanceof TransactionCanceledException cancelled) {
			String reasons = cancelled.hasCancellationReasons() ? cancelled.cancellationReasons()
				.stream()
				.map((reason) -> reason.code() + ((reason.message() != null) ? " (" + reason.message() + ")" : ""))
				.toList()
				.toString() : "none reported";
			if (isTransient(cancelled)) {
				return new TransientDataAccessResourceException("A transaction on table '" + this.tableName
						+ "' was still cancelled by conflicts or throttling after retries: " + reasons
						+ conflicts(cancelled, request), ex);
			}
			return new UncategorizedSingleTableException("A transaction on table '" + this.tableName
					+ "' was cancelled: " + reasons, ex);
		}
		if (ex instanceof DynamoDbException dynamo) {
			if (dynamo.isThrottlingException() || dynamo.statusCode() >= 500) {
				return new TransientDataAccessResourceException("DynamoDB table '" + this.tableName
						+ "' did not accept the request after the SDK's retries: " + message(ex), ex);
			}
			String code = (dynamo.awsErrorDetails() != null) ? dynamo.awsErrorDetails().errorCode() : null;
			if ("ValidationException".equals(code)) {
				return new InvalidDataAccessApiUsageException("DynamoDB rejected a request on table '" + this.tableName
						+ "': " + message(ex), ex);
			}
			return new UncategorizedSingleTableException("DynamoDB request on table '" + this.tableName
					+ "' failed: " + message(ex), ex);
		}
		if (ex instanceof ApiCallTimeoutException) {
			return new QueryTimeoutException("DynamoDB request on table '" + this.tableName + "' timed out: "
					+ ex.getMessage(), ex);
		}
		if (ex instanceof SdkClientException) {
			return new DataAccessResourceFailureException("Cannot reach DynamoDB for table '" + this.tableName + "': "
					+ ex.getMessage(), ex);
		}
		return null;
	}

	/**
	 * Translates any runtime exception, wrapping those that fit no category.
	 * @param ex the exception
	 * @return the translated exception
	 */
	public RuntimeException translate(RuntimeException ex) {
		return translate(ex, null);
	}

	/**
	 * Translates any runtime exception, wrapping those that fit no category, naming the hot key of a throttled
	 * request ({@link #translateExceptionIfPossible(RuntimeException, SdkRequest)}).
	 * @param ex the exception
	 * @param request the request that failed, {@literal null} when unknown
	 * @return the translated exception
	 */
	public RuntimeException translate(RuntimeException ex, @Nullable SdkRequest request) {
		DataAccessException translated = translateExceptionIfPossible(ex, request);
		return (translated != null) ? translated : ex;
	}

	/**
	 * Translates what a write request threw: a request whose answer was lost (the SDK gave up on a connection or a
	 * timeout, so the write may have been applied) is a {@link CommitOutcomeUnknownException}; anything else as
	 * {@link #translate}.
	 * @param ex the exception
	 * @param request the request, such as {@code TransactWriteItems}
	 * @param clientRequestToken the request's client request token, {@literal null} for none
	 */
	public RuntimeException translateWrite(RuntimeException ex, String request, @Nullable String clientRequestToken) {
		return translateWrite(ex, request, clientRequestToken, null);
	}

	/**
	 * Translates what a write request threw as {@link #translateWrite(RuntimeException, String, String)} does,
	 * naming the hot key of a throttled request from the request.
	 * @param ex the exception
	 * @param request the request's name, such as {@code TransactWriteItems}
	 * @param clientRequestToken the request's client request token, {@literal null} for none
	 * @param sent the request, {@literal null} when unknown
	 */
	public RuntimeException translateWrite(RuntimeException ex, String request, @Nullable String clientRequestToken,
			@Nullable SdkRequest sent) {
		// a lost answer, or a server error (DynamoDB may have applied a write it then failed to answer), after every
		// retry: the write may or may not be stored
		boolean serverError = ex instanceof software.amazon.awssdk.core.exception.SdkServiceException service
				&& service.statusCode() >= 500;
		if (ex instanceof SdkClientException || serverError) {
			String what = "The outcome of a " + request + " on table '" + this.tableName + "' is unknown: "
					+ (serverError ? "DynamoDB answered with a server error" : "its answer was lost") + " ("
					+ ex.getMessage() + "), so it may or may not have been applied. ";
			return new CommitOutcomeUnknownException(what + ((clientRequestToken != null)
					? "Retrying the same transaction with client request token '" + clientRequestToken
							+ "' within 10 minutes of the first attempt is safe (idempotent: DynamoDB applies it at "
							+ "most once); later, read the items to learn whether it was applied"
					: "Read the item to learn whether it was written before writing again"), clientRequestToken, ex);
		}
		return translate(ex, sent);
	}

	private static String message(RuntimeException ex) {
		if (ex instanceof DynamoDbException dynamo && dynamo.awsErrorDetails() != null
				&& dynamo.awsErrorDetails().errorMessage() != null) {
			return dynamo.awsErrorDetails().errorMessage();
		}
		return String.valueOf(ex.getMessage());
	}

	/**
	 * Whether a cancelled transaction was cancelled only by conflicts or throttling, so that sending it again (with
	 * the same client request token) may succeed: no failed condition, and at least one transient reason. The rule
	 * is the one the transactions' retry follows.
	 * @param ex the cancellation
	 * @return {@literal true} when it may be retried
	 */
	public static boolean isTransient(TransactionCanceledException ex) {
		return TransientRetry.isTransient(ex);
	}

	/**
	 * Names the items a transaction was cancelled on for {@code TransactionConflict} (other transactions wrote them
	 * meanwhile), and, when one is the per-type counts item, that every counted write of the table meets there.
	 */
	private static String conflicts(TransactionCanceledException ex, @Nullable SdkRequest request) {
		if (!(request instanceof TransactWriteItemsRequest transact)) {
			return "";
		}
		List<CancellationReason> reasons = ex.cancellationReasons();
		Set<String> keys = new LinkedHashSet<>();
		for (int i = 0; i < reasons.size() && i < transact.transactItems().size(); i++) {
			AttributeValue pk = ThrottledPartitions.pk(transact.transactItems().get(i));
			if ("TransactionConflict".equals(reasons.get(i).code()) && pk != null && pk.s() != null) {
				keys.add(pk.s());
			}
		}
		if (keys.isEmpty()) {
			return "";
		}
		String named = "; in conflict with other transactions on " + keys;
		return keys.contains(ItemAttributes.TYPE_COUNTS_KEY) ? named + ": " + ItemAttributes.TYPE_COUNTS_KEY + " is the per-type counts item, which "
				+ "every counted create and delete of the table updates in its transaction, so that concurrent "
				+ "counted writes cancel each other; lower their rate, or keep no counts (setTrackCounts(false), "
				+ "singletable.counts.enabled=false): see docs/reference/capacity.md" : named;
	}

	/**
	 * Whether a cancellation reason is transient: a conflicting transaction, throttling or an internal error.
	 * @param code the reason's code, or {@literal null}
	 * @return {@literal true} for a transient reason
	 */
	public static boolean isTransientReason(@Nullable String code) {
		return TransientRetry.isTransientReason(code);
	}

}
