package dev.singletable.test.autoconfigure.capacity;

import dev.singletable.test.DynamoDbLocal;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Clients of the JVM's DynamoDB Local with a {@link DynamoDbPartitionLimits} model in front.
 */
final class ModeledClients {

	private ModeledClients() {
	}

	/**
	 * A client with the model and the SDK's standard retry conditions, at most {@code attempts} attempts, without
	 * backoff so that a test that exhausts them stays fast. The caller closes it.
	 */
	static DynamoDbClient client(DynamoDbPartitionLimits limits, int attempts) {
		RetryStrategy retries = AwsRetryStrategy.standardRetryStrategy()
			.toBuilder()
			.maxAttempts(attempts)
			.backoffStrategy(BackoffStrategy.retryImmediately())
			.throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
			.circuitBreakerEnabled(false)
			.build();
		return client(limits, retries);
	}

	/**
	 * A client with the model and the given retry strategy. The caller closes it.
	 */
	static DynamoDbClient client(DynamoDbPartitionLimits limits, RetryStrategy retries) {
		return DynamoDbLocal.clientBuilder()
			.overrideConfiguration((config) -> config.retryStrategy(retries).addExecutionInterceptor(limits))
			.build();
	}

}
