package dev.singletable.repository.query;

import java.lang.reflect.Method;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.RepositoryQuery;

import dev.singletable.core.SingleTableOperations;

/**
 * Resolves query methods: {@link dev.singletable.repository.IndexQuery @IndexQuery} methods pass raw key
 * values; all others are derived from their names.
 */
public class SingleTableQueryLookupStrategy implements QueryLookupStrategy {

	private final SingleTableOperations operations;

	/**
	 * Creates a lookup strategy.
	 * @param operations the template queries run on
	 */
	public SingleTableQueryLookupStrategy(SingleTableOperations operations) {
		this.operations = operations;
	}

	@Override
	public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			NamedQueries namedQueries) {
		return new SingleTableRepositoryQuery(new SingleTableQueryMethod(method, metadata, factory), this.operations);
	}

}
