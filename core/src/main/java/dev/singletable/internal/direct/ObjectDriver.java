package dev.singletable.internal.direct;

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
	 * Reads an object's body by the rule of {@link ObjectBody}: not when its length exceeds the limit (the connection
	 * is aborted, not drained), else until what was read exceeds it.
	 */
	private Request.GetObject.Content get(Request.GetObject get) {
		try (ResponseInputStream<GetObjectResponse> in = this.client.getObject(get.request())) {
			ObjectBody body = new ObjectBody(get, in.response());
			Request.GetObject.Content tooLong = body.tooLong();
			if (tooLong != null) {
				in.abort();
				return tooLong;
			}
			byte[] buffer = new byte[BUFFER];
			int read = in.read(buffer);
			while (read >= 0 && !body.add(buffer, read)) {
				read = in.read(buffer);
			}
			return body.content();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
