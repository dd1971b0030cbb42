package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.util.concurrent.CompletionStage;

import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapter;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.NamedQueries;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryLookupStrategy;
import org.springframework.data.repository.query.RepositoryQuery;

import dev.singletable.core.SingleTableOperations;
import dev.singletable.core.convert.SingleTableConverter;

/**
 * Resolves query methods: {@link dev.singletable.repository.IndexQuery @IndexQuery} methods pass raw key
 * values, {@link dev.singletable.repository.CollectionQuery @CollectionQuery} methods read an item collection; all
 * others are derived from their names. A method returning a reactive type, or a Kotlin {@code suspend} function, is
 * refused: it belongs in a reactive (or coroutine) repository.
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
		refuseSuspending(method, metadata);
		CollectionQueryMethod collection = CollectionQueryMethod.of(method, metadata, factory, false,
				this.operations.getConverter());
		if (collection != null) {
			return CollectionRepositoryQuery.blocking(collection, this.operations);
		}
		return new SingleTableRepositoryQuery(new SingleTableQueryMethod(method, metadata, factory), this.operations);
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
		refuseSuspending(method, metadata);
		if (CollectionQueryMethod.of(method, metadata, factory, false, converter) == null) {
			AbstractSingleTableQuery.check(new SingleTableQueryMethod(method, metadata, factory), converter);
		}
	}

	/** Refuses a Kotlin {@code suspend} function, which only a coroutine (reactive) repository can run. */
	private static void refuseSuspending(Method method, RepositoryMetadata metadata) {
		if (KotlinDetector.isSuspendingFunction(method)) {
			throw new UnsupportedQueryMethodException("Cannot create " + metadata.getRepositoryInterface().getSimpleName()
					+ "." + method.getName() + ": a blocking repository's query method is no Kotlin suspend function; "
					+ "it returns its results as it is called (T?, List<T>, Page<T>, Slice<T>, Window<T>, Long, Boolean). "
					+ "For suspend functions and Flow<T>, declare the method in a coroutine repository "
					+ "(CoroutineCrudRepository, or singletable-kotlin's CoroutineSingleTableRepository), which runs "
					+ "on the reactive template (@EnableReactiveSingleTableRepositories).",
					UnsupportedQueryMethodException.Reason.RETURN_TYPE);
		}
	}

}
