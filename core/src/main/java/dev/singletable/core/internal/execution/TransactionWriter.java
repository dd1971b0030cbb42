package dev.singletable.core.internal.execution;

import java.util.List;
import java.util.UUID;

import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.internal.plan.TransientRetry;

/**
 * Sends {@code TransactWriteItems} with a client request token, so that a retry of a transaction whose outcome
 * was lost can never apply it twice, and retries transactions cancelled for a transient reason (conflicting
 * transaction, throttling) with exponential backoff and jitter, as {@link TransientRetry} says. A transaction
 * cancelled by a failed condition is never retried: its {@link TransactionCanceledException} reaches the caller; any other failure is translated by
 * the {@link DynamoDbExecutor} it sends through, an answer lost after the SDK's retries as a
 * {@link CommitOutcomeUnknownException} naming the token.
 */
public final class TransactionWriter {

	private final DynamoDbExecutor executor;

	public TransactionWriter(DynamoDbExecutor executor) {
		this.executor = executor;
	}

	public void write(List<TransactWriteItem> items) {
		TransactWriteItemsRequest request = TransactWriteItemsRequest.builder()
			.transactItems(items)
			.clientRequestToken(UUID.randomUUID().toString())
			.build();
		for (int attempt = 1;; attempt++) {
			try {
				this.executor.transactWriteItems(request);
				return;
			}
			catch (TransactionCanceledException ex) {
				if (!TransientRetry.isTransient(ex) || attempt >= TransientRetry.MAX_ATTEMPTS) {
					throw ex;
				}
				this.executor.backoff(attempt, TransientRetry.transientReason(ex));
			}
		}
	}

}
