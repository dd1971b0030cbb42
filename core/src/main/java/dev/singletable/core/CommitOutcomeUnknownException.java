package dev.singletable.core;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.UncategorizedDataAccessException;

/**
 * Thrown when a write was sent to DynamoDB but its answer never arrived, after every retry (a connection dropped, a
 * timeout): the write <em>may or may not</em> have been applied, so it is reported neither as done nor as failed.
 * <p>
 * A transaction ({@code TransactWriteItems}, which also carries the template's single atomic updates) is sent with a
 * client request token, {@link #getClientRequestToken()}: sending the same request again with that token within 10
 * minutes of the first attempt is idempotent — DynamoDB applies it at most once and answers as if it were applied
 * now. After those 10 minutes, or for a single {@code PutItem}/{@code DeleteItem} (which carries no token), read the
 * items to learn whether the write was applied before writing again.
 * <p>
 * Inside a Spring-managed transaction ({@link SingleTableTransactionManager}, {@code @Transactional},
 * {@code TransactionTemplate}, {@code template.transaction(..)}) this exception is the cause of Spring's
 * {@link org.springframework.transaction.HeuristicCompletionException} with outcome
 * {@link org.springframework.transaction.HeuristicCompletionException#STATE_UNKNOWN STATE_UNKNOWN}, and
 * synchronizations are told {@code STATUS_UNKNOWN}. It is deliberately not a
 * {@link org.springframework.dao.TransientDataAccessException}: a generic retry of the work would send a new request
 * with a new token, which could apply a non-idempotent change (an increment) twice.
 */
public class CommitOutcomeUnknownException extends UncategorizedDataAccessException {

	private final @Nullable String clientRequestToken;

	/**
	 * Creates a new exception.
	 * @param message the message, naming the write and what to do
	 * @param clientRequestToken the client request token the write was sent with, {@literal null} for a request that
	 * carries none
	 * @param cause the SDK's exception for the lost answer
	 */
	public CommitOutcomeUnknownException(String message, @Nullable String clientRequestToken, Throwable cause) {
		super(message, cause);
		this.clientRequestToken = clientRequestToken;
	}

	/**
	 * Returns the client request token of the {@code TransactWriteItems} whose outcome is unknown: the same request
	 * sent again with it within 10 minutes of the first attempt is applied at most once.
	 * @return the token, or {@literal null} for a single {@code PutItem} or {@code DeleteItem}, which carries none
	 */
	public @Nullable String getClientRequestToken() {
		return this.clientRequestToken;
	}

	/**
	 * Returns the same exception with the writes it is about named first in its message.
	 * @param operations the operations the request held, such as {@code "update of Order 'o1'"}
	 * @return the exception
	 */
	public CommitOutcomeUnknownException about(String operations) {
		CommitOutcomeUnknownException named = new CommitOutcomeUnknownException(
				"The " + operations + " may or may not be stored. " + getMessage(), this.clientRequestToken, getCause());
		named.setStackTrace(getStackTrace());
		return named;
	}

}
