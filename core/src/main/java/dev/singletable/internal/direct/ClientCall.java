package dev.singletable.internal.direct;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiFunction;

/**
 * One kind of request of a {@link RequestTable} that either client of a service sends: the request's class, and the
 * call of the blocking and of the async client that sends it, so that the drivers of both execution models turn a
 * request value into a client call in one place.
 *
 * @param kind the class of the requests
 * @param onBlocking the call of the blocking client
 * @param onAsync the call of the async client
 * @param <B> the blocking client
 * @param <A> the async client
 * @param <Q> the requests
 */
public record ClientCall<B, A, Q>(Class<Q> kind, BiFunction<B, Q, ?> onBlocking,
		BiFunction<A, Q, ? extends CompletableFuture<?>> onAsync) {

	/**
	 * Sends a request of this kind on the blocking client.
	 * @return the client's response
	 */
	public Object blocking(B client, Object request) {
		return this.onBlocking.apply(client, this.kind.cast(request));
	}

	/**
	 * Sends a request of this kind on the async client.
	 * @return the client's response, when it comes
	 */
	public CompletableFuture<?> async(A client, Object request) {
		return this.onAsync.apply(client, this.kind.cast(request));
	}

	/**
	 * The failure of a request as the client threw it, out of the {@link CompletionException} of an async client:
	 * what the blocking loop answers a failed request of this package with (the reactive loop's senders get it so
	 * from {@code Mono.fromFuture}).
	 */
	static RuntimeException unwrap(RuntimeException ex) {
		return (ex instanceof CompletionException && ex.getCause() instanceof RuntimeException cause) ? cause : ex;
	}

}
