package dev.singletable.autoconfigure.preinitialize;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An HTTP client that answers every request itself with an empty JSON document and a 200, never opening a
 * connection: a request sent through it runs the SDK's whole pipeline (endpoint rules, signing, marshalling,
 * unmarshalling) and nothing else.
 */
final class AnsweringHttpClient implements SdkHttpClient {

	private static final byte[] EMPTY_DOCUMENT = "{}".getBytes(StandardCharsets.UTF_8);

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() {
				SdkHttpResponse response = SdkHttpResponse.builder()
					.statusCode(200)
					.putHeader("Content-Type", "application/x-amz-json-1.0")
					.putHeader("Content-Length", Integer.toString(EMPTY_DOCUMENT.length))
					.build();
				return HttpExecuteResponse.builder()
					.response(response)
					.responseBody(AbortableInputStream.create(new ByteArrayInputStream(EMPTY_DOCUMENT)))
					.build();
			}

			@Override
			public void abort() {
			}

		};
	}

	@Override
	public String clientName() {
		return "singletable-preinitializer";
	}

	@Override
	public void close() {
	}

}
