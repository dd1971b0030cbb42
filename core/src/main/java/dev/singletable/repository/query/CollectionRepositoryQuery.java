package dev.singletable.repository.query;

import org.springframework.data.repository.query.QueryMethod;
import org.springframework.data.repository.query.RepositoryQuery;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.query.SingleTableQuery;

/**
 * Runs a {@link dev.singletable.repository.CollectionQuery @CollectionQuery} method: the page of the item collection
 * its arguments name, on the blocking template ({@link ReactiveCollectionRepositoryQuery} on the reactive one, apart
 * so that a blocking repository links no class of Reactor).
 */
abstract class CollectionRepositoryQuery implements RepositoryQuery {

	private final CollectionQueryMethod method;

	CollectionRepositoryQuery(CollectionQueryMethod method) {
		this.method = method;
	}

	@Override
	public QueryMethod getQueryMethod() {
		return this.method;
	}

	CollectionQueryMethod method() {
		return this.method;
	}

	Class<?>[] types() {
		return this.method.types().toArray(Class<?>[]::new);
	}

	/**
	 * Returns the query of a method on the blocking template.
	 */
	static RepositoryQuery blocking(CollectionQueryMethod method, SingleTableOperations operations) {
		return new CollectionRepositoryQuery(method) {

			@Override
			public Object execute(Object[] parameters) {
				SingleTableQuery<Object> query = operations.queryCollection(method.index(), types())
					.partition(method.partition(parameters));
				Integer limit = method.limit(parameters);
				return ((limit != null) ? query.limit(limit) : query).collection(method.cursor(parameters));
			}

		};
	}

}
