package dev.singletable.benchmarks;

import dev.singletable.benchmarks.sdk.CallerRequestCounter;
import dev.singletable.benchmarks.sdk.CapacityMeter;
import dev.singletable.benchmarks.sdk.DelayedHttpClient;
import dev.singletable.benchmarks.sdk.ScriptedHttpClient;
import dev.singletable.test.DynamoDbLocal;
import dev.singletable.test.RequestCounter;
import dev.singletable.test.S3Local;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * The SDK clients of one contender, pointed at DynamoDB Local and at the in-process S3 ({@link S3Local}) through
 * one {@link ScriptedHttpClient} on a {@link DelayedHttpClient} (the simulated network), so that a recording holds
 * the responses of both in the order they came. The DynamoDB client has a {@link RequestCounter} and a
 * {@link CapacityMeter} installed, the S3 client a counter of its own; each also has a {@link CallerRequestCounter}
 * (the requests a marked thread sends: before the answer). Every contender gets the same configuration.
 *
 * @param client the DynamoDB client
 * @param http its HTTP client, which can record and replay
 * @param requests counts its requests
 * @param capacity meters its capacity units when enabled
 * @param network adds a round-trip time to every request passed to DynamoDB Local or S3 (none until set)
 * @param s3 the S3 client (path-style, the dummy credentials of the in-process S3)
 * @param s3Requests counts the S3 client's requests
 * @param requestsBeforeAnswer counts the DynamoDB client's requests sent on the thread marked by
 * {@link #countCallerOf}
 * @param s3RequestsBeforeAnswer counts the S3 client's requests sent on that thread
 */
public record SdkWiring(DynamoDbClient client, ScriptedHttpClient http, RequestCounter requests,
		CapacityMeter capacity, DelayedHttpClient network, S3Client s3, RequestCounter s3Requests,
		CallerRequestCounter requestsBeforeAnswer, CallerRequestCounter s3RequestsBeforeAnswer)
		implements AutoCloseable {

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
		CallerRequestCounter requestsBeforeAnswer = new CallerRequestCounter();
		DynamoDbClient client = DynamoDbLocal.clientBuilder()
			.httpClient(http)
			.overrideConfiguration((config) -> {
				for (ExecutionInterceptor interceptor : interceptors) {
					config.addExecutionInterceptor(interceptor);
				}
				config.addExecutionInterceptor(requests)
					.addExecutionInterceptor(requestsBeforeAnswer)
					.addExecutionInterceptor(capacity);
			})
			.build();
		RequestCounter s3Requests = new RequestCounter();
		CallerRequestCounter s3RequestsBeforeAnswer = new CallerRequestCounter();
		S3Client s3 = S3Client.builder()
			.endpointOverride(S3Local.endpoint())
			.forcePathStyle(true)
			// as S3Local's clients: S3Proxy now and then breaks the connection of an aws-chunked upload it stored
			.serviceConfiguration(S3Configuration.builder().chunkedEncodingEnabled(false).build())
			.region(Region.US_EAST_1)
			.credentialsProvider(
					StaticCredentialsProvider.create(AwsBasicCredentials.create(S3Local.CREDENTIAL, S3Local.CREDENTIAL)))
			.httpClient(http)
			.overrideConfiguration(
					(config) -> config.addExecutionInterceptor(s3Requests).addExecutionInterceptor(s3RequestsBeforeAnswer))
			.build();
		return new SdkWiring(client, http, requests, capacity, network, s3, s3Requests, requestsBeforeAnswer,
				s3RequestsBeforeAnswer);
	}

	/**
	 * Counts, in {@link #requestsBeforeAnswer} and {@link #s3RequestsBeforeAnswer}, the requests sent on the given
	 * thread alone from now on (the harness's, which waits for each answer).
	 * @param thread the caller, {@literal null} to count none
	 */
	public void countCallerOf(@Nullable Thread thread) {
		this.requestsBeforeAnswer.countCallerOf(thread);
		this.s3RequestsBeforeAnswer.countCallerOf(thread);
	}

	/**
	 * Forgets every request counted so far: all of them and those before the answer, of both clients.
	 */
	public void resetRequests() {
		this.requests.reset();
		this.s3Requests.reset();
		this.requestsBeforeAnswer.reset();
		this.s3RequestsBeforeAnswer.reset();
	}

	@Override
	public void close() {
		this.client.close();
		this.s3.close();
	}

}
