package dev.singletable.benchmarks;

import dev.singletable.benchmarks.sdk.CapacityMeter;
import dev.singletable.benchmarks.sdk.DelayedHttpClient;
import dev.singletable.benchmarks.sdk.ScriptedHttpClient;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SDK client of one contender, pointed at DynamoDB Local through a {@link ScriptedHttpClient} on a
 * {@link DelayedHttpClient} (the simulated network), with a
 * {@link RequestCounter} and a {@link CapacityMeter} installed. Every contender gets the same configuration.
 *
 * @param client the DynamoDB client
 * @param http its HTTP client, which can record and replay
 * @param requests counts its requests
 * @param capacity meters its capacity units when enabled
 * @param network adds a round-trip time to every request passed to DynamoDB Local (none until set)
 */
public record SdkWiring(DynamoDbClient client, ScriptedHttpClient http, RequestCounter requests,
		CapacityMeter capacity, DelayedHttpClient network) implements AutoCloseable {

	/**
	 * Creates a client for the DynamoDB Local of this JVM, starting it if needed.
	 * @return the wiring
	 */
	public static SdkWiring create() {
		return create(new ExecutionInterceptor[0]);
	}

	/**
	 * Creates a client for the DynamoDB Local of this JVM, starting it if needed, with more interceptors installed
	 * before the counter and the meter (for measurements that alter requests).
	 * @param interceptors the interceptors
	 * @return the wiring
	 */
	public static SdkWiring create(ExecutionInterceptor... interceptors) {
		DelayedHttpClient network = new DelayedHttpClient(UrlConnectionHttpClient.create());
		ScriptedHttpClient http = new ScriptedHttpClient(network);
		RequestCounter requests = new RequestCounter();
		CapacityMeter capacity = new CapacityMeter();
		DynamoDbClient client = DynamoDbLocal.clientBuilder()
			.httpClient(http)
			.overrideConfiguration((config) -> {
				for (ExecutionInterceptor interceptor : interceptors) {
					config.addExecutionInterceptor(interceptor);
				}
				config.addExecutionInterceptor(requests).addExecutionInterceptor(capacity);
			})
			.build();
		return new SdkWiring(client, http, requests, capacity, network);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
