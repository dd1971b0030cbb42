package dev.singletable.core.internal.execution;

import org.jspecify.annotations.Nullable;

import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.SingleTableExceptionTranslator;
import dev.singletable.internal.plan.Request;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * What the failure of a DynamoDB request becomes, the rules of both executors (the blocking one throws what they
 * give, the reactive one signals it): translated ({@link SingleTableExceptionTranslator}); a failed condition or a
 * cancelled transaction as DynamoDB reports it, for {@code ConditionFailures} to interpret, anything else
 * translated; and for a write, a lost answer as {@link CommitOutcomeUnknownException}. A plan's request says by its
 * kind which rule is its own ({@link #of}).
 */
final class RequestFailures {

	private RequestFailures() {
	}

	/**
	 * The failure of a plan's request as its kind says: {@link Request.Plain} translated, {@link Request.Conditional}
	 * a failed condition or a cancelled transaction as it is, anything else translated, {@link Request.Write} by
	 * {@link #write} (without a client request token).
	 */
	static RuntimeException of(Request.DynamoDb request, RuntimeException ex, SingleTableExceptionTranslator translator) {
		if (request instanceof Request.Conditional) {
			return isConditionFailure(ex) ? ex : translator.translate(ex, request.request());
		}
		if (request instanceof Request.Write) {
			return write(ex, translator, DynamoDbRequests.name(request.request()), null, request.request());
		}
		return translator.translate(ex, request.request());
	}

	/**
	 * The failure of a write that may change what the application sees: a failed condition or a cancelled
	 * transaction as it is, a request whose answer was lost after the SDK's retries as a
	 * {@link CommitOutcomeUnknownException}, anything else translated.
	 * @param request the request's name for messages, such as {@code PutItem}
	 * @param clientRequestToken the request's client request token, {@literal null} for none
	 * @param sent the request, which names the hot key of a throttled one
	 */
	static RuntimeException write(RuntimeException ex, SingleTableExceptionTranslator translator, String request,
			@Nullable String clientRequestToken, SdkRequest sent) {
		return isConditionFailure(ex) ? ex : translator.translateWrite(ex, request, clientRequestToken, sent);
	}

	private static boolean isConditionFailure(Throwable ex) {
		return ex instanceof ConditionalCheckFailedException || ex instanceof TransactionCanceledException;
	}

}
