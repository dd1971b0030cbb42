package dev.singletable.core.internal.execution;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import dev.singletable.core.CommitOutcomeUnknownException;
import dev.singletable.core.SingleTableExceptionTranslator;

/**
 * Sends {@code TransactWriteItems} with a client request token, so that a retry of a transaction whose outcome
 * was lost can never apply it twice, and retries transactions cancelled for a transient reason (conflicting
 * transaction, throttling) with exponential backoff and jitter. A transaction cancelled by a failed condition is
 * never retried: its {@link TransactionCanceledException} reaches the caller; any other failure is translated by
 * the {@link DynamoDbExecutor} it sends through, an answer lost after the SDK's retries as a
 * {@link CommitOutcomeUnknownException} naming the token.
 */
public final class TransactionWriter {

	public static final int MAX_ATTEMPTS = 6;

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
				if (!isTransient(ex) || attempt >= MAX_ATTEMPTS) {
					throw ex;
				}
				this.executor.backoff(attempt, transientReason(ex));
			}
		}
	}

	/**
	 * Whether a cancelled transaction may be sent again: see
	 * {@link SingleTableExceptionTranslator#isTransient(TransactionCanceledException)}, the one rule.
	 */
	public static boolean isTransient(TransactionCanceledException ex) {
		return SingleTableExceptionTranslator.isTransient(ex);
	}

	/**
	 * The first transient reason a transaction was cancelled for, as retries are counted.
	 */
	public static String transientReason(TransactionCanceledException ex) {
		for (CancellationReason reason : ex.cancellationReasons()) {
			if (reason.code() != null && SingleTableExceptionTranslator.isTransientReason(reason.code())) {
				return reason.code();
			}
		}
		return "TransactionCanceled";
	}

	/**
	 * Exponential backoff with full jitter.
	 */
	public static final class Backoff {

		private Backoff() {
		}

		/**
		 * How long to wait before attempt {@code attempt + 1}: between half and all of a cap that doubles from
		 * 40 ms to 1 s.
		 * @param attempt the attempt that failed, from 1
		 */
		public static java.time.Duration delay(int attempt) {
			long cap = Math.min(1000L, 20L << Math.min(attempt, 10));
			return java.time.Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
		}

		static void sleep(int attempt) {
			try {
				Thread.sleep(delay(attempt).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new org.springframework.dao.TransientDataAccessResourceException(
						"Interrupted while waiting to retry a DynamoDB request", ex);
			}
		}

	}

}
