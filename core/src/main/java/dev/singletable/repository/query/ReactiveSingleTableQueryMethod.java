package dev.singletable.repository.query;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query method of a reactive repository: it returns a {@link Mono} (one result, a count, whether results exist, a
 * {@code Window}, {@code Slice} or {@code Page}) or a {@link Flux} (the results), and takes plain arguments. A
 * method returning anything else, or taking a {@code Publisher} argument, fails when the repository is created.
 */
final class ReactiveSingleTableQueryMethod extends SingleTableQueryMethod {

	private final @Nullable Boolean multi;

	ReactiveSingleTableQueryMethod(Method method, RepositoryMetadata metadata, ProjectionFactory factory) {
		super(method, metadata, factory);
		Class<?> returned = method.getReturnType();
		if (!Mono.class.isAssignableFrom(returned) && !Flux.class.isAssignableFrom(returned)) {
			throw new UnsupportedQueryMethodException("Cannot create " + describe() + ": a reactive repository's "
					+ "query method returns a Mono or a Flux, not " + returned.getSimpleName() + ". It returns Flux<T> "
					+ "(the results, also with a Pageable or Sort), Mono<T> (at most one result), Mono<Long> (countBy), "
					+ "Mono<Boolean> (existsBy), Mono<Window<T>>, Mono<Slice<T>> or Mono<Page<T>>, or for deleteBy "
					+ "Mono<Void>, Mono<Long> or Flux<T>; T may be a projection. To get a List, collect the Flux "
					+ "(collectList()) or declare the method in a blocking repository (SingleTableRepository).",
					UnsupportedQueryMethodException.Reason.RETURN_TYPE);
		}
		for (Class<?> parameter : method.getParameterTypes()) {
			if (org.reactivestreams.Publisher.class.isAssignableFrom(parameter)) {
				throw new UnsupportedQueryMethodException("Cannot create " + describe() + ": its arguments are "
						+ "values, not a " + parameter.getSimpleName() + "; resolve it first (flatMap) and pass the value.",
						UnsupportedQueryMethodException.Reason.PARAMETERS);
			}
		}
		this.multi = Flux.class.isAssignableFrom(returned);
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

	/** A {@code Flux} of results; a {@code Mono} of a {@code Window}, {@code Slice} or {@code Page} is not. */
	@Override
	public boolean isCollectionQuery() {
		if (this.multi == null) {
			return super.isCollectionQuery();
		}
		return this.multi && !isPageQuery() && !isSliceQuery() && !isScrollQuery();
	}

}
