package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
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
		Class<?> returned = method.getReturnType();
		ReactiveAdapter adapter = ReactiveAdapterRegistry.getSharedInstance().getAdapter(returned);
		if (adapter != null && !CompletionStage.class.isAssignableFrom(returned)) {
			throw new UnsupportedQueryMethodException("Cannot create " + metadata.getRepositoryInterface().getSimpleName()
					+ "." + method.getName() + ": a blocking "
					+ "repository's query method returns its results, not a " + returned.getSimpleName() + ". It "
					+ "returns T or Optional<T> (at most one result), List<T> (or another Collection, Iterable or "
					+ "Stream<T>), Page<T>, Slice<T> or Window<T>, long (countBy), boolean (existsBy), or for deleteBy "
					+ "void, long or List<T>; T may be a projection. For a " + returned.getSimpleName() + ", declare "
					+ "the method in a reactive repository (ReactiveSingleTableRepository, "
					+ "@EnableReactiveSingleTableRepositories).", UnsupportedQueryMethodException.Reason.RETURN_TYPE);
		}
		return new SingleTableRepositoryQuery(new SingleTableQueryMethod(method, metadata, factory), this.operations);
	}

}
