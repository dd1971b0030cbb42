package dev.singletable.repository.query;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryMethod;

import dev.singletable.repository.AllowFiltering;
import dev.singletable.repository.IndexQuery;

/**
 * A repository query method with the singletable annotations it may carry.
 */
class SingleTableQueryMethod extends QueryMethod {

	private final Method method;

	private final RepositoryMetadata metadata;

	private final ProjectionFactory projectionFactory;

	/**
	 * Creates a query method.
	 * @param method the method
	 * @param metadata the repository metadata
	 * @param factory the projection factory
	 */
	public SingleTableQueryMethod(Method method, RepositoryMetadata metadata, ProjectionFactory factory) {
		super(method, metadata, factory);
		this.method = method;
		this.metadata = metadata;
		this.projectionFactory = factory;
	}

	/**
	 * Returns the factory of the method's interface projections.
	 * @return the projection factory
	 */
	ProjectionFactory getProjectionFactory() {
		return this.projectionFactory;
	}

	/**
	 * Whether the method allows predicates no key covers.
	 * @return {@literal true} when annotated with {@link AllowFiltering}
	 */
	public boolean isFilteringAllowed() {
		return AnnotatedElementUtils.hasAnnotation(this.method, AllowFiltering.class);
	}

	/**
	 * Returns the {@link IndexQuery} declaration, if any.
	 * @return the annotation or {@literal null}
	 */
	public @Nullable IndexQuery getIndexQuery() {
		return AnnotatedElementUtils.findMergedAnnotation(this.method, IndexQuery.class);
	}

	/**
	 * Returns the method as {@code Repository.method} for messages.
	 * @return the description
	 */
	public String describe() {
		return this.metadata.getRepositoryInterface().getSimpleName() + "." + this.method.getName();
	}

	/**
	 * Whether the method returns a {@link java.util.stream.Stream} (a reactive method never does).
	 * @return {@literal true} for a {@code Stream}
	 */
	boolean returnsJavaStream() {
		return isStreamQuery();
	}

	/**
	 * Whether the method returns nothing: {@code void}, {@code Mono<Void>}, or {@code Unit} from a Kotlin
	 * {@code suspend} function.
	 * @return {@literal true} when it returns nothing
	 */
	boolean returnsNothing() {
		Class<?> type = getReturnedObjectType();
		return type == void.class || type == Void.class || "kotlin.Unit".equals(type.getName());
	}

	/**
	 * Returns the Java method.
	 * @return the method
	 */
	Method getMethod() {
		return this.method;
	}

}
