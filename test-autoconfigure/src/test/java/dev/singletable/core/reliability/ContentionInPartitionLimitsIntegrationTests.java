package dev.singletable.core.reliability;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;

import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.autoconfigure.capacity.DynamoDbPartitionLimits;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contention suite with DynamoDB's partition limits modelled in front of DynamoDB Local (a partition serving
 * 1/50 of DynamoDB's units, so that the one resource all threads write is throttled), through a client with the
 * SDK's default retries for DynamoDB, as in production: no update is lost or written twice while the key is hot.
 */
@Tag("reliability")
class ContentionInPartitionLimitsIntegrationTests extends ContentionIntegrationTests {

	private static final int SCALE_FACTOR = 50;

	private static DynamoDbPartitionLimits limits;

	private static DynamoDbClient client;

	@Override
	synchronized DynamoDbClient client() {
		if (client == null) {
			limits = DynamoDbPartitionLimits.of(dynamo.schema(), dynamo.rawClient()).scaledDownBy(SCALE_FACTOR);
			client = DynamoDbLocal.clientBuilder()
				.overrideConfiguration((config) -> config.addExecutionInterceptor(limits))
				.build();
		}
		limits.reset();
		return client;
	}

	@Override
	int updatesPerThread() {
		return 3;
	}

	@Override
	boolean refusesTransiently() {
		return true;
	}

	@AfterEach
	void theKeyWasThrottled() {
		int refusals = limits.refusals("TableWriteKeyRangeThroughputExceeded")
				+ limits.refusals("IndexWriteKeyRangeThroughputExceeded")
				+ limits.refusals("TableReadKeyRangeThroughputExceeded") + limits.refusals("ThrottlingError");
		assertThat(refusals).as("requests throttled by the model: %s", limits).isPositive();
	}

	@AfterAll
	static void closeClient() {
		if (client != null) {
			client.close();
			client = null;
		}
	}

}
