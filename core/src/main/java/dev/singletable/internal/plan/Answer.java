package dev.singletable.internal.plan;

import org.jspecify.annotations.Nullable;

/**
 * What one {@link Request} came back with: its response, or the exception it failed with as the driver's executor
 * lets it through (a failed condition or a cancelled transaction of a conditional request as DynamoDB reports it,
 * anything else translated).
 * @param response the response ({@literal null} for a request without one, or when it failed)
 * @param failure the exception, {@literal null} when the request succeeded
 */
public record Answer(@Nullable Object response, @Nullable RuntimeException failure) {

	private static final Answer NONE = new Answer(null, null);

	/**
	 * The answer of a request that succeeded.
	 */
	public static Answer of(@Nullable Object response) {
		return (response != null) ? new Answer(response, null) : NONE;
	}

	/**
	 * The answer of a request that failed.
	 */
	public static Answer failed(RuntimeException failure) {
		return new Answer(null, failure);
	}

	/**
	 * Whether the request failed.
	 */
	public boolean isFailure() {
		return this.failure != null;
	}

	/**
	 * The response as the given type, throwing the failure when the request failed.
	 * @throws RuntimeException the request's failure
	 * @throws IllegalStateException when the response is of another type (a planning bug)
	 */
	@SuppressWarnings("unchecked")
	public <T> T get(Class<T> type) {
		RuntimeException failure = this.failure;
		if (failure != null) {
			throw failure;
		}
		Object response = this.response;
		if (!type.isInstance(response)) {
			throw new IllegalStateException("Expected a " + type.getSimpleName() + " answer, got "
					+ ((response != null) ? response.getClass().getSimpleName() : "none"));
		}
		return (T) response;
	}

	/**
	 * Throws the failure, if the request failed.
	 */
	public void orThrow() {
		RuntimeException failure = this.failure;
		if (failure != null) {
			throw failure;
		}
	}

}
