package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.BaseStream;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.springframework.core.KotlinDetector;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.data.domain.Slice;
import org.springframework.data.domain.Window;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query method of a reactive repository: it returns a {@link Mono} (one result, a count, whether results exist, a
 * {@code Window}, {@code Slice} or {@code Page}) or a {@link Flux} (the results), or in Kotlin a {@code Flow} (the
 * results) or its result from a {@code suspend} function ({@code T?}, a {@code List<T>}, a count, whether results
 * exist, a {@code Window}, {@code Slice} or {@code Page}, {@code Unit} for a delete), and takes plain arguments. Spring
 * Data adapts the {@code Flow} and the {@code suspend} function around the {@code Mono} or {@code Flux} the query
 * returns: a {@code suspend} function's query is a {@code Mono}, or a {@code Flux} it collects when it returns a
 * {@code List}. A method returning anything else, or taking a {@code Publisher} or {@code Flow} argument, fails when
 * the repository is created.
 */
final class ReactiveSingleTableQueryMethod extends SingleTableQueryMethod {

	/** Kotlin's {@code Flow}, named so that a repository without Kotlin links no class of it. */
	static final String FLOW = "kotlinx.coroutines.flow.Flow";

	/** What a refusal of a return type lists: every return type a reactive query method may have. */
	private static final String RETURN_TYPES = "It returns Flux<T> (the results, also with a Pageable or Sort), "
			+ "Mono<T> (at most one result), Mono<Long> (countBy), Mono<Boolean> (existsBy), Mono<Window<T>>, "
			+ "Mono<Slice<T>> or Mono<Page<T>>, or for deleteBy Mono<Void>, Mono<Long> or Flux<T>; in Kotlin, "
			+ "fun ...: Flow<T> (the results) or suspend fun ...: T? (at most one result), List<T> (the results), Long "
			+ "(countBy), Boolean (existsBy), Window<T>, Slice<T> or Page<T>, or for deleteBy Unit, Long or List<T>; T "
			+ "may be a projection.";

	private final @Nullable Boolean multi;

	ReactiveSingleTableQueryMethod(Method method, RepositoryMetadata metadata, ProjectionFactory factory) {
		super(method, metadata, factory);
		this.multi = KotlinDetector.isSuspendingFunction(method) ? suspendReturnsMany(method, metadata)
				: returnsMany(method.getReturnType());
		for (Class<?> parameter : method.getParameterTypes()) {
			if (Publisher.class.isAssignableFrom(parameter) || isFlow(parameter)) {
				throw new UnsupportedQueryMethodException("Cannot create " + describe() + ": its arguments are "
						+ "values, not a " + parameter.getSimpleName() + "; resolve it first (flatMap, or in Kotlin "
						+ "collect it or call a suspend function) and pass the value.",
						UnsupportedQueryMethodException.Reason.PARAMETERS);
			}
		}
	}

	/** Whether a method that is no {@code suspend} function returns the results, refusing what it cannot return. */
	private boolean returnsMany(Class<?> returned) {
		if (Mono.class.isAssignableFrom(returned)) {
			return false;
		}
		if (Flux.class.isAssignableFrom(returned) || isFlow(returned)) {
			return true;
		}
		throw new UnsupportedQueryMethodException("Cannot create " + describe() + ": a reactive repository's "
				+ "query method returns a Mono or a Flux, not " + returned.getSimpleName() + ", or in Kotlin a Flow "
				+ "or its result from a suspend fun. " + RETURN_TYPES + " To get a List, collect the Flux "
				+ "(collectList()), make the method a Kotlin suspend fun returning List<T>, or declare it in a blocking "
				+ "repository (SingleTableRepository).", UnsupportedQueryMethodException.Reason.RETURN_TYPE);
	}

	/**
	 * Whether a {@code suspend} function returns the results (a {@code List}), refusing what Spring Data cannot
	 * give it from the query's {@code Mono} or {@code Flux}.
	 */
	private boolean suspendReturnsMany(Method method, RepositoryMetadata metadata) {
		Class<?> result = metadata.getReturnType(method).getType();
		String declared = "suspend fun " + method.getName() + "(..): " + result.getSimpleName();
		if (Publisher.class.isAssignableFrom(result) || isFlow(result)
				|| ReactiveAdapterRegistry.getSharedInstance().getAdapter(result) != null) {
			throw new UnsupportedQueryMethodException("Cannot create " + describe() + ": a suspend function returns "
					+ "its result itself, not a " + result.getSimpleName() + " (" + declared + "). Declare "
					+ "fun ...: Flow<T>, without suspend, for a stream of results, or return the result from the suspend "
					+ "function. " + RETURN_TYPES, UnsupportedQueryMethodException.Reason.RETURN_TYPE);
		}
		if (Collection.class.isAssignableFrom(result)) {
			if (!result.isAssignableFrom(ArrayList.class)) {
				throw new UnsupportedQueryMethodException("Cannot create " + describe() + ": a suspend function "
						+ "returns the results as a List<T>, not a " + result.getSimpleName() + " (" + declared + "). "
						+ RETURN_TYPES, UnsupportedQueryMethodException.Reason.RETURN_TYPE);
			}
			return true;
		}
		boolean container = Slice.class.isAssignableFrom(result) || Window.class.isAssignableFrom(result);
		if (result.isArray() || result == Optional.class || BaseStream.class.isAssignableFrom(result)
				|| (Iterable.class.isAssignableFrom(result) && !container)) {
			throw new UnsupportedQueryMethodException("Cannot create " + describe() + ": a suspend function returns "
					+ "at most one result as T?, or the results as a List<T>, not a " + result.getSimpleName() + " ("
					+ declared + "). " + RETURN_TYPES, UnsupportedQueryMethodException.Reason.RETURN_TYPE);
		}
		return false;
	}

	/** Whether a type is Kotlin's {@code Flow}, without linking it. */
	private static boolean isFlow(Class<?> type) {
		if (FLOW.equals(type.getName())) {
			return true;
		}
		for (Class<?> extended : type.getInterfaces()) {
			if (isFlow(extended)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Always {@literal true}, so that Spring Data accepts a {@code Flux} with a {@code Pageable} (the page's results);
	 * a reactive method never returns a Java {@code Stream} ({@link #returnsJavaStream()}).
	 */
	@Override
	public boolean isStreamQuery() {
		return true;
	}

	@Override
	boolean returnsJavaStream() {
		return false;
	}

	/**
	 * A {@code Flux} or {@code Flow} of results, or a {@code suspend} function's {@code List}; a {@code Window},
	 * {@code Slice} or {@code Page} is not.
	 */
	@Override
	public boolean isCollectionQuery() {
		if (this.multi == null) {
			return super.isCollectionQuery();
		}
		return this.multi && !isPageQuery() && !isSliceQuery() && !isScrollQuery();
	}

}
