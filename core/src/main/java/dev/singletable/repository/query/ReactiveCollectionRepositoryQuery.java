package dev.singletable.repository.query;

import org.springframework.data.repository.query.RepositoryQuery;

import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import dev.singletable.core.reactive.ReactiveSingleTableQuery;
import reactor.core.publisher.Mono;

/**
 * Runs a {@link dev.singletable.repository.CollectionQuery @CollectionQuery} method of a reactive repository: a
 * {@code Mono} of the page of the item collection its arguments name, read when subscribed (the page itself for a
 * Kotlin {@code suspend} function, whose {@code Mono} Spring Data awaits; its last argument, the
 * {@code Continuation}, is no argument of the query).
 */
final class ReactiveCollectionRepositoryQuery extends CollectionRepositoryQuery {

	private final ReactiveSingleTableOperations operations;

	private ReactiveCollectionRepositoryQuery(CollectionQueryMethod method, ReactiveSingleTableOperations operations) {
		super(method);
		this.operations = operations;
	}

	/**
	 * Returns the query of a method on the reactive template.
	 */
	static RepositoryQuery of(CollectionQueryMethod method, ReactiveSingleTableOperations operations) {
		return new ReactiveCollectionRepositoryQuery(method, operations);
	}

	@Override
	public Object execute(Object[] parameters) {
		CollectionQueryMethod method = method();
		return Mono.defer(() -> {
			ReactiveSingleTableQuery<Object> query = this.operations.queryCollection(method.index(), types())
				.partition(method.partition(parameters));
			Integer limit = method.limit(parameters);
			return ((limit != null) ? query.limit(limit) : query).collection(method.cursor(parameters));
		});
	}

}
