package dev.singletable.test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jspecify.annotations.Nullable;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Injects faults in front of the real DynamoDB Local server. Three kinds, each documented with the point of
 * the SDK request pipeline where it strikes:
 * <ul>
 * <li>{@link #failNext failNext} and {@link #failRandomly failRandomly} throw from
 * {@code beforeTransmission}: the request is signed but <em>never reaches the server</em>, so nothing is
 * written;
 * <li>{@link #failNextAfterTransmission failNextAfterTransmission} throws from {@code afterTransmission}: the
 * server <em>has processed</em> the request (a write is applied) but the caller does not get the response, as
 * when a connection drops after the server answered;
 * <li>{@link #rewriteNext(String, UnaryOperator) rewriteNext} replaces the unmarshalled response in
 * {@code modifyResponse}: the server has processed the request and the caller sees the rewritten response,
 * for example a {@code BatchGetItem} response with {@code UnprocessedKeys}.
 * </ul>
 * Both throwing hooks run inside the SDK's retry loop: an injected {@code SdkException} that the SDK deems
 * retryable ({@link #throttle()}, {@link #serverError()}) is retried like a real one, and every attempt
 * counts down the injection; any other {@code RuntimeException} is not retried and reaches the caller as it
 * is. Faults are injected per attempt, first the scheduled ones in the order they were added, then the
 * random ones.
 * <p>
 * Install it after a {@link RequestCounter} so that the counter also sees the attempts failed here. Thread
 * safe.
 */
public class FaultInjector implements ExecutionInterceptor {

	/** Operation name that matches every operation. */
	public static final String ANY_OPERATION = "*";

	private final List<Failure> beforeTransmission = new ArrayList<>();

	private final List<Failure> afterTransmission = new ArrayList<>();

	private final List<Rewrite> rewrites = new ArrayList<>();

	private final List<String> injected = new ArrayList<>();

	private @Nullable RandomFailure random;

	/**
	 * Fails the next {@code times} attempts of the given operation before they reach the server.
	 * @param operation the operation name, for example {@code PutItem}, or {@link #ANY_OPERATION}
	 * @param times how many attempts to fail
	 * @param fault makes the exception to throw, a new one each time
	 * @return this injector
	 */
	public synchronized FaultInjector failNext(String operation, int times,
			Supplier<? extends RuntimeException> fault) {
		this.beforeTransmission.add(new Failure(operation, times, fault));
		return this;
	}

	/**
	 * Lets the next {@code times} attempts of the given operation reach the server, which processes them,
	 * then throws instead of returning the response.
	 * @param operation the operation name, for example {@code PutItem}, or {@link #ANY_OPERATION}
	 * @param times how many attempts to fail
	 * @param fault makes the exception to throw, a new one each time
	 * @return this injector
	 */
	public synchronized FaultInjector failNextAfterTransmission(String operation, int times,
			Supplier<? extends RuntimeException> fault) {
		this.afterTransmission.add(new Failure(operation, times, fault));
		return this;
	}

	/**
	 * Fails attempts of any operation before they reach the server with the given probability, drawn from a
	 * {@link Random} with the given seed, so that the same sequence of attempts fails the same way on every
	 * run. Replaces an earlier random mode; scheduled faults go first and do not draw.
	 * @param rate the probability that an attempt fails, from 0 to 1
	 * @param seed the seed of the random generator
	 * @param fault makes the exception to throw, a new one each time
	 * @return this injector
	 */
	public synchronized FaultInjector failRandomly(double rate, long seed, Supplier<? extends RuntimeException> fault) {
		if (rate < 0 || rate > 1) {
			throw new IllegalArgumentException("Rate must be between 0 and 1 but was " + rate);
		}
		this.random = new RandomFailure(rate, new Random(seed), fault);
		return this;
	}

	/**
	 * Replaces the response of the next successful call of the given operation with what the function
	 * returns. The server has processed the request.
	 * @param operation the operation name, for example {@code BatchGetItem}, or {@link #ANY_OPERATION}
	 * @param rewrite makes the response the caller gets from the one the server sent
	 * @return this injector
	 */
	public synchronized FaultInjector rewriteNext(String operation, UnaryOperator<SdkResponse> rewrite) {
		this.rewrites.add(new Rewrite(operation, rewrite));
		return this;
	}

	/**
	 * Replaces the next response of the given type with what the function returns. The operation is the
	 * type's name without {@code Response}, for example {@code BatchGetItem} for {@code BatchGetItemResponse}.
	 * @param <R> the response type
	 * @param responseType the response type
	 * @param rewrite makes the response the caller gets from the one the server sent
	 * @return this injector
	 */
	public <R extends SdkResponse> FaultInjector rewriteNext(Class<R> responseType, UnaryOperator<R> rewrite) {
		String name = responseType.getSimpleName();
		if (!name.endsWith("Response")) {
			throw new IllegalArgumentException("Not a response type: " + responseType.getName());
		}
		String operation = name.substring(0, name.length() - "Response".length());
		return rewriteNext(operation, (response) -> rewrite.apply(responseType.cast(response)));
	}

	/**
	 * Returns how many faults were injected since the last {@link #clear()}: exceptions thrown and responses
	 * rewritten.
	 * @return the number of injected faults
	 */
	public synchronized int injected() {
		return this.injected.size();
	}

	/**
	 * Returns how many faults were injected into one operation since the last {@link #clear()}.
	 * @param operation the operation name
	 * @return the number of faults injected into that operation
	 */
	public synchronized int injected(String operation) {
		return (int) this.injected.stream().filter(operation::equals).count();
	}

	/**
	 * Returns how many scheduled faults are still waiting: attempts still to fail plus rewrites still to
	 * apply. The random mode is not counted.
	 * @return the number of pending faults
	 */
	public synchronized int pending() {
		int pending = this.rewrites.size();
		for (Failure failure : this.beforeTransmission) {
			pending += failure.remaining;
		}
		for (Failure failure : this.afterTransmission) {
			pending += failure.remaining;
		}
		return pending;
	}

	/**
	 * Drops every scheduled fault, stops the random mode and resets the counters.
	 */
	public synchronized void clear() {
		this.beforeTransmission.clear();
		this.afterTransmission.clear();
		this.rewrites.clear();
		this.injected.clear();
		this.random = null;
	}

	/**
	 * Throws a scheduled or random fault before the request is sent.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes executionAttributes) {
		String operation = RequestCounter.operationName(executionAttributes);
		RuntimeException fault = nextFailure(this.beforeTransmission, operation, true);
		if (fault != null) {
			throw fault;
		}
	}

	/**
	 * Throws a scheduled fault after the server answered.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 */
	@Override
	public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes executionAttributes) {
		String operation = RequestCounter.operationName(executionAttributes);
		RuntimeException fault = nextFailure(this.afterTransmission, operation, false);
		if (fault != null) {
			throw fault;
		}
	}

	/**
	 * Applies a scheduled rewrite to the response.
	 * @param context the SDK context
	 * @param executionAttributes the attributes of the execution
	 * @return the response, rewritten or not
	 */
	@Override
	public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes executionAttributes) {
		String operation = RequestCounter.operationName(executionAttributes);
		@Nullable UnaryOperator<SdkResponse> rewrite = null;
		synchronized (this) {
			for (Iterator<Rewrite> iterator = this.rewrites.iterator(); iterator.hasNext();) {
				Rewrite candidate = iterator.next();
				if (candidate.matches(operation)) {
					iterator.remove();
					this.injected.add(operation);
					rewrite = candidate.rewrite();
					break;
				}
			}
		}
		return (rewrite != null) ? rewrite.apply(context.response()) : context.response();
	}

	private synchronized @Nullable RuntimeException nextFailure(List<Failure> failures, String operation,
			boolean drawRandom) {
		for (Iterator<Failure> iterator = failures.iterator(); iterator.hasNext();) {
			Failure failure = iterator.next();
			if (failure.matches(operation)) {
				if (--failure.remaining <= 0) {
					iterator.remove();
				}
				return inject(operation, failure.fault);
			}
		}
		RandomFailure random = this.random;
		if (drawRandom && random != null && random.random().nextDouble() < random.rate()) {
			return inject(operation, random.fault());
		}
		return null;
	}

	private RuntimeException inject(String operation, Supplier<? extends RuntimeException> fault) {
		RuntimeException exception = fault.get();
		if (exception == null) {
			throw new IllegalStateException("Fault supplier for " + operation + " returned null");
		}
		this.injected.add(operation);
		return exception;
	}

	/**
	 * Returns a new throttling error as DynamoDB sends it when a table or index exceeds its throughput:
	 * status 400, error code {@code ProvisionedThroughputExceededException}. The SDK retries it.
	 * @return a new exception
	 */
	public static ProvisionedThroughputExceededException throttle() {
		String message = "Injected throttling: the level of configured provisioned throughput was exceeded";
		return (ProvisionedThroughputExceededException) ProvisionedThroughputExceededException.builder()
			.message(message)
			.statusCode(400)
			.requestId("fault-injector")
			.awsErrorDetails(errorDetails("ProvisionedThroughputExceededException", message))
			.build();
	}

	/**
	 * Returns a new internal server error: status 500, error code {@code InternalServerError}. The SDK
	 * retries it.
	 * @return a new exception
	 */
	public static DynamoDbException serverError() {
		String message = "Injected internal server error";
		return (DynamoDbException) DynamoDbException.builder()
			.message(message)
			.statusCode(500)
			.requestId("fault-injector")
			.awsErrorDetails(errorDetails("InternalServerError", message))
			.build();
	}

	/**
	 * Returns a new transaction cancellation for a transient reason, as DynamoDB sends it when a transaction of two
	 * items meets a conflicting one: reasons {@code [code, None]}. The template retries it.
	 * @param code the first item's cancellation code, for example {@code TransactionConflict}
	 * @return a new exception
	 */
	public static TransactionCanceledException cancelled(String code) {
		String message = "Transaction cancelled, please refer cancellation reasons for specific reasons [" + code
				+ ", None]";
		return (TransactionCanceledException) TransactionCanceledException.builder()
			.statusCode(400)
			.message("Transaction cancelled: " + code)
			.awsErrorDetails(errorDetails("TransactionCanceledException", message))
			.cancellationReasons(CancellationReason.builder().code(code).build(),
					CancellationReason.builder().code("None").build())
			.build();
	}

	private static AwsErrorDetails errorDetails(String errorCode, String message) {
		return AwsErrorDetails.builder().errorCode(errorCode).errorMessage(message).serviceName("DynamoDb").build();
	}

	@Override
	public synchronized String toString() {
		return "FaultInjector[injected=" + this.injected + ", pending=" + pending() + ", random=" + (this.random != null)
				+ "]";
	}

	private static final class Failure {

		private final String operation;

		private final Supplier<? extends RuntimeException> fault;

		private int remaining;

		Failure(String operation, int times, Supplier<? extends RuntimeException> fault) {
			if (times < 1) {
				throw new IllegalArgumentException("Times must be at least 1 but was " + times);
			}
			this.operation = operation;
			this.remaining = times;
			this.fault = fault;
		}

		boolean matches(String operation) {
			return ANY_OPERATION.equals(this.operation) || this.operation.equals(operation);
		}

	}

	private record Rewrite(String operation, UnaryOperator<SdkResponse> rewrite) {

		boolean matches(String operation) {
			return ANY_OPERATION.equals(this.operation) || this.operation.equals(operation);
		}

	}

	private record RandomFailure(double rate, Random random, Supplier<? extends RuntimeException> fault) {

	}

}
