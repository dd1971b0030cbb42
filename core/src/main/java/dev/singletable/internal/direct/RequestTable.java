package dev.singletable.internal.direct;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A table of what each kind of request means, one entry a kind, found by the request's class: the form of the tables
 * of the template's drivers ({@code DynamoDbRequests}, {@code BlobStorageRequests}, {@code ReactiveBlobStorageRequests}
 * in {@code execution}) and of this package's ({@link S3Requests}, and {@link TableDriver}'s), whose entries hold the
 * call of a client or storage ({@link RequestCall}, {@link ClientCall}), so that the drivers of either execution
 * model send a request of a kind alike.
 * @param <E> the entries
 */
public final class RequestTable<E> {

	private final Map<Class<?>, E> entries = new HashMap<>();

	private final Function<Object, RuntimeException> unknown;

	/**
	 * @param kind the class of the requests an entry is for
	 * @param unknown the exception for a request of a kind the table does not hold
	 * @param entries one entry a kind
	 */
	@SafeVarargs
	public RequestTable(Function<E, Class<?>> kind, Function<Object, RuntimeException> unknown, E... entries) {
		this.unknown = unknown;
		for (E entry : entries) {
			this.entries.put(kind.apply(entry), entry);
		}
	}

	/**
	 * Returns the entry of the request's kind.
	 * @throws RuntimeException the table's exception for a kind it does not hold
	 */
	public E entryOf(Object request) {
		E entry = this.entries.get(request.getClass());
		if (entry == null) {
			throw this.unknown.apply(request);
		}
		return entry;
	}

}
