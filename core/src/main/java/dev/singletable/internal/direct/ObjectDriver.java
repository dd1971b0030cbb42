package dev.singletable.internal.direct;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.jspecify.annotations.Nullable;
import org.springframework.util.Assert;

import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Runs a blob storage's plans on the user's {@link S3Client}, on the calling thread: each S3 request sent as it is,
 * its failure answered as the client threw it.
 *
 * @param client the user's client
 */
public record ObjectDriver(S3Client client) {

	private static final int BUFFER = 8192;

	public ObjectDriver {
		Assert.notNull(client, "S3Client must not be null");
	}

	/**
	 * Runs a plan to its end.
	 * @return the plan's result
	 * @throws RuntimeException what the plan failed with
	 */
	public <R> @Nullable R run(Step<R> plan) {
		return BlockingLoop.run(plan, BlockingLoop.oneAfterAnother(this::send));
	}

	private Object send(Request request) {
		if (request instanceof Request.PutObject put) {
			return this.client.putObject(put.request(), RequestBody.fromBytes(put.body()));
		}
		if (request instanceof Request.GetObject get) {
			return get(get);
		}
		if (request instanceof Request.S3 s3) {
			return S3Requests.send(this.client, s3.request());
		}
		throw new IllegalStateException("A blob storage does not send " + request);
	}

	/**
	 * Reads an object's body, unless its length exceeds the limit (the connection is aborted, not drained), or until
	 * what was read exceeds it.
	 */
	private Request.GetObject.Content get(Request.GetObject get) {
		try (ResponseInputStream<GetObjectResponse> in = this.client.getObject(get.request())) {
			GetObjectResponse response = in.response();
			Long length = response.contentLength();
			if (length != null && get.exceeds(length)) {
				in.abort();
				return new Request.GetObject.Content(response, null, length);
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			byte[] buffer = new byte[BUFFER];
			long total = 0;
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				total += read;
				if (get.exceeds(total)) {
					return new Request.GetObject.Content(response, null, total);
				}
				out.write(buffer, 0, read);
			}
			return new Request.GetObject.Content(response, out.toByteArray(), total);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
