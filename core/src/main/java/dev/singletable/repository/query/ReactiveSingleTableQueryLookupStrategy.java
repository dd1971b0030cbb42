package dev.singletable.repository.query;

import java.lang.reflect.Method;

import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.RepositoryQuery;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.reactive.ReactiveSingleTableOperations;

/**
 * Resolves the query methods of reactive repositories as {@link SingleTableQueryLookupStrategy} resolves the
 * blocking ones — planned by the same code, so a method the blocking repositories refuse is refused here with the
 * same {@link UnsupportedQueryMethodException} — and runs them on the reactive template.
 */
public class ReactiveSingleTableQueryLookupStrategy implements QueryLookupStrategy {

	private final ReactiveSingleTableOperations operations;

	/**
	 * Creates a lookup strategy.
	 * @param operations the reactive template queries run on
	 */
	public ReactiveSingleTableQueryLookupStrategy(ReactiveSingleTableOperations operations) {
		this.operations = operations;
	}

	@Override
	public RepositoryQuery resolveQuery(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			NamedQueries namedQueries) {
		CollectionQueryMethod collection = CollectionQueryMethod.of(method, metadata, factory, true,
				this.operations.getConverter());
		if (collection != null) {
			return ReactiveCollectionRepositoryQuery.of(collection, this.operations);
		}
		return new ReactiveSingleTableRepositoryQuery(new ReactiveSingleTableQueryMethod(method, metadata, factory),
				this.operations);
	}

	/**
	 * Plans a query method as {@link #resolveQuery} does, without a template: an underivable method fails here with
	 * the {@link UnsupportedQueryMethodException} the repository's creation would throw, so that an application
	 * can refuse it before it connects to anything (the embedded servers wait for this check).
	 * @param method the query method
	 * @param metadata the repository metadata
	 * @param factory the projection factory
	 * @param converter the converter of the template the repository will use
	 * @throws UnsupportedQueryMethodException when the method cannot be mapped onto an index
	 */
	public static void check(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			SingleTableConverter converter) {
		if (CollectionQueryMethod.of(method, metadata, factory, true, converter) == null) {
			AbstractSingleTableQuery.check(new ReactiveSingleTableQueryMethod(method, metadata, factory), converter);
		}
	}

}
