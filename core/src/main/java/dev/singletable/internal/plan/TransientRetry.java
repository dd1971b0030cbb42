package dev.singletable.internal.plan;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The retry of a transaction cancelled for a transient reason (a conflicting transaction, throttling), for writes
 * ({@link #transact}) and reads ({@link #send}) alike: the request is sent again after a {@link Request.Backoff}
 * (exponential, with jitter; the driver counts it as a retry) while it is cancelled for such a reason, at most
 * {@link #MAX_ATTEMPTS} times in all; then its last answer is the plan's to interpret. A transaction cancelled by a
 * failed condition is never sent again. A write keeps one client request token on every attempt, so that an attempt
 * whose answer was lost but which was applied is never applied twice. Pure: the drivers send each request once.
 */
public final class TransientRetry {

	/** How often a transaction cancelled for a transient reason is sent, the first attempt included. */
	public static final int MAX_ATTEMPTS = 6;

	/** The reasons of a cancellation that sending the transaction again may overcome. */
	private static final Set<String> TRANSIENT_REASONS = Set.of("TransactionConflict", "ThrottlingError",
			"ProvisionedThroughputExceeded", "RequestLimitExceeded", "InternalServerError");

	private TransientRetry() {
	}

	/**
	 * The plan of items written as one {@code TransactWriteItems}: a client request token made when the plan starts,
	 * the same on every attempt, and the request sent again as {@link #send} says.
	 * @param items the items, in order
	 * @param then the rest of the plan, given the answer of the last attempt (a success, or the failure the retries
	 * ended with)
	 */
	public static <R> Step<R> transact(List<TransactWriteItem> items, Function<Answer, Step<R>> then) {
		return Step.defer(() -> send(new Request.Transact(items, UUID.randomUUID().toString()), then));
	}

	/**
	 * The plan of a request that is sent again, after a {@link Request.Backoff} naming the failed attempt and its
	 * {@link #transientReason}, while it fails with a {@link TransactionCanceledException} that
	 * {@link #isTransient} and fewer than {@link #MAX_ATTEMPTS} attempts were made.
	 * @param request the request, sent as it is on every attempt
	 * @param then the rest of the plan, given the answer of the last attempt
	 */
	public static <R> Step<R> send(Request request, Function<Answer, Step<R>> then) {
		return attempt(request, then, 1);
	}

	private static <R> Step<R> attempt(Request request, Function<Answer, Step<R>> then, int attempt) {
		return Step.send(request, (answer) -> {
			if (answer.failure() instanceof TransactionCanceledException ex && isTransient(ex)
					&& attempt < MAX_ATTEMPTS) {
				return Step.send(new Request.Backoff(attempt, transientReason(ex)), (waited) -> {
					waited.orThrow();
					return attempt(request, then, attempt + 1);
				});
			}
			return then.apply(answer);
		});
	}

	/**
	 * Whether a cancelled transaction may be sent again (with the same client request token) and succeed: it was
	 * cancelled for no failed condition, and for at least one transient reason. The one rule, which
	 * {@code SingleTableExceptionTranslator.isTransient} answers users with.
	 */
	public static boolean isTransient(TransactionCanceledException ex) {
		if (!ex.hasCancellationReasons()) {
			return false;
		}
		boolean transientFound = false;
		for (CancellationReason reason : ex.cancellationReasons()) {
			String code = reason.code();
			if ("ConditionalCheckFailed".equals(code)) {
				return false;
			}
			if (isTransientReason(code)) {
				transientFound = true;
			}
		}
		return transientFound;
	}

	/**
	 * Whether a cancellation reason is transient: a conflicting transaction, throttling or an internal error.
	 * @param code the reason's code, or {@literal null}
	 */
	public static boolean isTransientReason(@Nullable String code) {
		return code != null && TRANSIENT_REASONS.contains(code);
	}

	/**
	 * The first transient reason a transaction was cancelled for, as retries are counted.
	 */
	public static String transientReason(TransactionCanceledException ex) {
		for (CancellationReason reason : ex.cancellationReasons()) {
			if (isTransientReason(reason.code())) {
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
