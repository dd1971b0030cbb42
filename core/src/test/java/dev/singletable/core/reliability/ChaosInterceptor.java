package dev.singletable.core.reliability;

import java.io.IOException;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;

/**
 * Fails a share of all attempts, of every operation, in front of the real DynamoDB Local: a third throttled
 * and a third answered with a 500 before the request is sent, a third as a connection reset after the server
 * applied the request (the response is lost). The SDK retries all three.
 */
final class ChaosInterceptor implements ExecutionInterceptor {

	private final double rate;

	private final Random random;

	private volatile boolean enabled = true;

	private final AtomicInteger attempts = new AtomicInteger();

	private final Map<String, AtomicInteger> injected = new ConcurrentHashMap<>();

	private final ThreadLocal<Boolean> dropResponse = ThreadLocal.withInitial(() -> false);

	ChaosInterceptor(double rate, long seed) {
		this.rate = rate;
		this.random = new Random(seed);
	}

	void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	int attempts() {
		return this.attempts.get();
	}

	int injected() {
		return this.injected.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	Map<String, AtomicInteger> injectedByKind() {
		return this.injected;
	}

	@Override
	public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
		this.dropResponse.set(false);
		if (!this.enabled) {
			return;
		}
		this.attempts.incrementAndGet();
		double draw;
		synchronized (this.random) {
			draw = this.random.nextDouble();
		}
		if (draw >= this.rate) {
			return;
		}
		String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
		double kind = draw / this.rate;
		if (kind < 1.0 / 3) {
			count("throttle");
			throw ProvisionedThroughputExceededException.builder()
				.statusCode(400)
				.awsErrorDetails(AwsErrorDetails.builder()
					.errorCode("ProvisionedThroughputExceededException")
					.errorMessage("injected throttle of " + operation)
					.build())
				.build();
		}
		if (kind < 2.0 / 3) {
			count("server error");
			throw DynamoDbException.builder()
				.statusCode(500)
				.awsErrorDetails(AwsErrorDetails.builder()
					.errorCode("InternalServerError")
					.errorMessage("injected 500 of " + operation)
					.build())
				.build();
		}
		this.dropResponse.set(true);
	}

	@Override
	public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
		if (this.dropResponse.get()) {
			this.dropResponse.set(false);
			count("connection reset after apply");
			throw SdkClientException.builder()
				.message("injected connection reset after the server applied the request")
				.cause(new IOException("Connection reset"))
				.build();
		}
	}

	private void count(String kind) {
		this.injected.computeIfAbsent(kind, (key) -> new AtomicInteger()).incrementAndGet();
	}

}
