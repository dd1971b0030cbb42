package dev.singletable.core.internal.plan;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import dev.singletable.core.SingleTableExceptionTranslator;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The rules of the retry of a transaction cancelled for a transient reason (a conflicting transaction, throttling),
 * for writes and reads alike: whether it may be sent again, the reason it is counted under, how often, and how long
 * to wait before. Pure: no I/O.
 */
public final class TransientRetry {

	/** How often a transaction cancelled for a transient reason is sent, the first attempt included. */
	public static final int MAX_ATTEMPTS = 6;

	private TransientRetry() {
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
	 * How long a driver waits on a {@link Request.Backoff} before attempt {@code attempt + 1}: exponential backoff
	 * with full jitter, between half and all of a cap that doubles from 40 ms to 1 s.
	 * @param attempt the attempt that failed, from 1
	 */
	public static Duration delay(int attempt) {
		long cap = Math.min(1000L, 20L << Math.min(attempt, 10));
		return Duration.ofMillis(ThreadLocalRandom.current().nextLong(cap / 2, cap + 1));
	}

}
