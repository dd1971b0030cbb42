package dev.singletable.internal.direct;

import java.util.function.BiFunction;

/**
 * One kind of request of a {@link RequestTable} sent to one target (a client, a blob storage): the request's class,
 * and the call of the target that answers it.
 *
 * @param kind the class of the requests
 * @param call the call of the target
 * @param <T> the target
 * @param <Q> the requests
 * @param <R> the answer
 */
public record RequestCall<T, Q, R>(Class<Q> kind, BiFunction<T, Q, ? extends R> call) {

	/**
	 * Sends a request of this kind to the target.
	 * @return the target's answer
	 * @throws ClassCastException when the request is not of this kind
	 */
	public R send(T target, Object request) {
		return this.call.apply(target, this.kind.cast(request));
	}

}
