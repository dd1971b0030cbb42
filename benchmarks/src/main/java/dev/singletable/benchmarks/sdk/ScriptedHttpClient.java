package dev.singletable.benchmarks.sdk;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * An {@link SdkHttpClient} that passes requests to a real client, records the responses it gets, and later
 * replays recorded responses without any server, so that the same SDK client, contender and state can be
 * measured first against DynamoDB Local and then for client CPU alone.
 * <p>
 * While replaying it still reads the whole request body, as a real client writing to a socket would, and
 * answers each request with the next response of its script, cycling. Not thread-safe: one thread at a time.
 */
public final class ScriptedHttpClient implements SdkHttpClient {

	private final SdkHttpClient delegate;

	private final byte[] drain = new byte[64 * 1024];

	private volatile Mode mode = Mode.PASS;

	private final List<Recorded> recording = new ArrayList<>();

	private List<Recorded> script = List.of();

	private int position;

	private long replayed;

	/**
	 * Creates a client that passes requests to the given one until told otherwise.
	 * @param delegate the real client
	 */
	public ScriptedHttpClient(SdkHttpClient delegate) {
		this.delegate = delegate;
	}

	/**
	 * Passes requests to the real client without recording.
	 */
	public void pass() {
		this.mode = Mode.PASS;
	}

	/**
	 * Passes requests to the real client and records every response from now on, forgetting earlier ones.
	 */
	public void record() {
		this.recording.clear();
		this.mode = Mode.RECORD;
	}

	/**
	 * Returns what was recorded since {@link #record()}, and passes requests on again.
	 * @return the recorded responses, in order
	 */
	public List<Recorded> stopRecording() {
		this.mode = Mode.PASS;
		return List.copyOf(this.recording);
	}

	/**
	 * Answers every request from now on with the responses of the script, in order and cycling, without
	 * calling the real client.
	 * @param script the responses; must not be empty
	 */
	public void replay(List<Recorded> script) {
		if (script.isEmpty()) {
			throw new IllegalArgumentException("A replay script needs at least one response");
		}
		this.script = script;
		this.position = 0;
		this.replayed = 0;
		this.mode = Mode.REPLAY;
	}

	/**
	 * Returns how many responses were replayed since the last {@link #replay(List)}.
	 * @return the count
	 */
	public long replayed() {
		return this.replayed;
	}

	@Override
	public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
		Mode current = this.mode;
		if (current == Mode.PASS) {
			return this.delegate.prepareRequest(request);
		}
		if (current == Mode.RECORD) {
			ExecutableHttpRequest real = this.delegate.prepareRequest(request);
			return new ExecutableHttpRequest() {

				@Override
				public HttpExecuteResponse call() throws IOException {
					HttpExecuteResponse response = real.call();
					byte[] body;
					try (InputStream in = response.responseBody().map(InputStream.class::cast).orElse(InputStream.nullInputStream())) {
						body = in.readAllBytes();
					}
					Recorded recorded = new Recorded(response.httpResponse().statusCode(), response.httpResponse().headers(), body);
					ScriptedHttpClient.this.recording.add(recorded);
					return recorded.toResponse();
				}

				@Override
				public void abort() {
					real.abort();
				}

			};
		}
		return new ExecutableHttpRequest() {

			@Override
			public HttpExecuteResponse call() throws IOException {
				if (request.contentStreamProvider().isPresent()) {
					try (InputStream body = request.contentStreamProvider().get().newStream()) {
						while (body.read(ScriptedHttpClient.this.drain) >= 0) {
							// a real client writes these bytes to its socket
						}
					}
				}
				List<Recorded> responses = ScriptedHttpClient.this.script;
				Recorded next = responses.get(ScriptedHttpClient.this.position);
				ScriptedHttpClient.this.position = (ScriptedHttpClient.this.position + 1) % responses.size();
				ScriptedHttpClient.this.replayed++;
				return next.toResponse();
			}

			@Override
			public void abort() {
			}

		};
	}

	@Override
	public String clientName() {
		return "Scripted(" + this.delegate.clientName() + ")";
	}

	@Override
	public void close() {
		this.delegate.close();
	}

	private enum Mode {

		PASS, RECORD, REPLAY

	}

	/**
	 * One recorded HTTP response, replayed byte for byte (its {@code x-amz-crc32} header still matches).
	 *
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body
	 */
	public record Recorded(int status, Map<String, List<String>> headers, byte[] body) {

		HttpExecuteResponse toResponse() {
			SdkHttpResponse response = SdkHttpResponse.builder().statusCode(this.status).headers(this.headers).build();
			return HttpExecuteResponse.builder()
				.response(response)
				.responseBody(AbortableInputStream.create(new ByteArrayInputStream(this.body)))
				.build();
		}

		/**
		 * Returns whether the body names the given JSON field, e.g. {@code LastEvaluatedKey}.
		 * @param field the field name
		 * @return {@literal true} when {@code "field"} occurs in the body
		 */
		public boolean mentions(String field) {
			return new String(this.body, java.nio.charset.StandardCharsets.UTF_8).contains("\"" + field + "\"");
		}

		@Override
		public String toString() {
			return "Recorded[status=" + this.status + ", bytes=" + this.body.length + "]";
		}

	}

}
