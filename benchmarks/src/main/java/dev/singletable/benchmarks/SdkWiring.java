package dev.singletable.benchmarks;

import dev.singletable.benchmarks.sdk.CapacityMeter;
import dev.singletable.benchmarks.sdk.ScriptedHttpClient;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.RequestCounter;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The SDK client of one contender, pointed at DynamoDB Local through a {@link ScriptedHttpClient}, with a
 * {@link RequestCounter} and a {@link CapacityMeter} installed. Every contender gets the same configuration.
 *
 * @param client the DynamoDB client
 * @param http its HTTP client, which can record and replay
 * @param requests counts its requests
 * @param capacity meters its capacity units when enabled
 */
public record SdkWiring(DynamoDbClient client, ScriptedHttpClient http, RequestCounter requests,
		CapacityMeter capacity) implements AutoCloseable {

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
		ScriptedHttpClient http = new ScriptedHttpClient(UrlConnectionHttpClient.create());
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
		return new SdkWiring(client, http, requests, capacity);
	}

	@Override
	public void close() {
		this.client.close();
	}

}
