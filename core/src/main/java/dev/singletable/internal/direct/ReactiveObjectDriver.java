package dev.singletable.internal.direct;

import java.nio.ByteBuffer;

import org.springframework.util.Assert;

import dev.singletable.internal.plan.Request;
import dev.singletable.internal.plan.Step;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.ResponsePublisher;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Runs a reactive blob storage's plans on the user's {@link S3AsyncClient} when subscribed, in a
 * {@link ReactiveLoop}: each step's requests sent one after another, each as it is, its failure answered as the
 * client threw it. No thread waits.
 */
public final class ReactiveObjectDriver {

	private final S3AsyncClient client;

	private final ReactiveLoop loop = ReactiveLoop.oneAfterAnother(this::send);

	public ReactiveObjectDriver(S3AsyncClient client) {
		Assert.notNull(client, "S3AsyncClient must not be null");
		this.client = client;
	}

	/**
	 * Runs a plan when subscribed.
	 * @return the plan's result (empty for none), or what it failed with
	 */
	public <R> Mono<R> run(Step<R> plan) {
		return this.loop.run(plan);
	}

	private Mono<?> send(Request request) {
		if (request instanceof Request.PutObject put) {
			return Mono.fromFuture(() -> this.client.putObject(put.request(), AsyncRequestBody.fromBytes(put.body())));
		}
		if (request instanceof Request.GetObject get) {
			return Mono.fromFuture(() -> this.client.getObject(get.request(), AsyncResponseTransformer.toPublisher()))
				.flatMap((publisher) -> body(get, publisher));
		}
		if (request instanceof Request.S3 s3) {
			return Mono.fromFuture(() -> S3Requests.send(this.client, s3.request()));
		}
		return Mono.error(new IllegalStateException("A blob storage does not send " + request));
	}

	/**
	 * Reads a body by the rule of {@link ObjectBody}: not when its length exceeds the limit (subscribing and
	 * cancelling at once releases the connection), else until what arrived exceeds it.
	 */
	private static Mono<Request.GetObject.Content> body(Request.GetObject get,
			ResponsePublisher<GetObjectResponse> publisher) {
		ObjectBody body = new ObjectBody(get, publisher.response());
		Request.GetObject.Content tooLong = body.tooLong();
		if (tooLong != null) {
			Flux.from(publisher).take(0).subscribe();
			return Mono.just(tooLong);
		}
		return Flux.from(publisher)
			.map(ReactiveObjectDriver::bytes)
			.takeUntil((chunk) -> body.add(chunk, chunk.length))
			.then(Mono.fromSupplier(body::content));
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] chunk = new byte[buffer.remaining()];
		buffer.get(chunk);
		return chunk;
	}

}
