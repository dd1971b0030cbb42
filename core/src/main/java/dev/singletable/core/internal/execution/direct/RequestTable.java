package dev.singletable.core.internal.execution;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A table of what each kind of request means, one entry a kind, found by the request's class: the form of
 * {@link DynamoDbRequests}, {@link BlobStorageRequests} and {@link ReactiveBlobStorageRequests}, whose entries hold the
 * call of a client or storage, so that both drivers send a request of a kind alike.
 * @param <E> the entries
 */
final class RequestTable<E> {

	private final Map<Class<?>, E> entries = new HashMap<>();

	private final Function<Object, RuntimeException> unknown;

	/**
	 * @param kind the class of the requests an entry is for
	 * @param unknown the exception for a request of a kind the table does not hold
	 * @param entries one entry a kind
	 */
	@SafeVarargs
	RequestTable(Function<E, Class<?>> kind, Function<Object, RuntimeException> unknown, E... entries) {
		this.unknown = unknown;
		for (E entry : entries) {
			this.entries.put(kind.apply(entry), entry);
		}
	}

	/**
	 * Returns the entry of the request's kind.
	 * @throws RuntimeException the table's exception for a kind it does not hold
	 */
	E entryOf(Object request) {
		E entry = this.entries.get(request.getClass());
		if (entry == null) {
			throw this.unknown.apply(request);
		}
		return entry;
	}

}
