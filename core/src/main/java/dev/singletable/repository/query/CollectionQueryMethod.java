package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.core.KotlinDetector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.data.domain.Limit;
import org.springframework.data.projection.ProjectionFactory;
import org.springframework.data.repository.core.RepositoryMetadata;
import org.springframework.data.repository.query.QueryMethod;

import dev.singletable.core.convert.SingleTableConverter;
import dev.singletable.core.spi.QueryDefinition;
import dev.singletable.core.query.ItemCollection;
import dev.singletable.repository.CollectionQuery;

/**
 * A {@link CollectionQuery @CollectionQuery} method, checked when the repository is created (or planned before):
 * its types share the index's partition template, it returns an {@link ItemCollection} (in a {@code Mono} for a
 * reactive repository, or from a Kotlin {@code suspend} function), and its parameters are the partition value, then
 * any of a cursor (a {@code String}) and a {@code Limit}. Binds a call's arguments to what the page reads.
 */
final class CollectionQueryMethod extends QueryMethod {

	/** Reactor's {@code Mono}, named so that a blocking repository's method links no class of Reactor. */
	private static final String MONO = "reactor.core.publisher.Mono";

	private final String description;

	private final String index;

	private final List<Class<?>> types;

	private final int cursorIndex;

	private final int limitIndex;

	private CollectionQueryMethod(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			String index, Class<?>[] types, boolean reactive, SingleTableConverter converter) {
		super(method, metadata, factory);
		this.description = metadata.getRepositoryInterface().getSimpleName() + "." + method.getName();
		this.index = index;
		this.types = List.of(types);
		try {
			QueryDefinition.requireSharedPartitions(index, converter, types);
		}
		catch (InvalidDataAccessApiUsageException ex) {
			throw new UnsupportedCollectionQueryException("Cannot create " + this.description + ": " + ex.getMessage(),
					UnsupportedQueryMethodException.Reason.NOT_COVERED);
		}
		// a Kotlin suspend function returns the collection itself: Spring Data awaits the Mono its query returns
		boolean suspending = reactive && KotlinDetector.isSuspendingFunction(method);
		boolean returnsCollection = reactive
				? metadata.getReturnedDomainClass(method) == ItemCollection.class
						&& (suspending ? metadata.getReturnType(method).getType() == ItemCollection.class
								: MONO.equals(method.getReturnType().getName()))
				: method.getReturnType() == ItemCollection.class;
		if (!returnsCollection) {
			String allowed = reactive ? "Mono<ItemCollection> (in Kotlin, suspend fun ...: ItemCollection)"
					: "ItemCollection";
			String declared = suspending ? "suspend fun ...: " + metadata.getReturnType(method).getType().getSimpleName()
					: method.getGenericReturnType().getTypeName();
			throw new UnsupportedCollectionQueryException("Cannot create " + this.description + ": a @CollectionQuery "
					+ "method returns " + allowed + ", not " + declared, UnsupportedQueryMethodException.Reason.RETURN_TYPE);
		}
		Class<?>[] declared = method.getParameterTypes();
		// a suspend function's last parameter is the Continuation Kotlin passes, no argument of the query
		Class<?>[] parameters = suspending ? Arrays.copyOf(declared, declared.length - 1) : declared;
		int cursor = -1;
		int limit = -1;
		for (int i = 1; i < parameters.length; i++) {
			if (parameters[i] == String.class && cursor < 0) {
				cursor = i;
			}
			else if (parameters[i] == Limit.class && limit < 0) {
				limit = i;
			}
			else {
				throw parameters(method, parameters);
			}
		}
		if (parameters.length == 0) {
			throw parameters(method, parameters);
		}
		this.cursorIndex = cursor;
		this.limitIndex = limit;
	}

	/**
	 * Returns the method as a collection query, or {@literal null} when it is not annotated.
	 * @throws UnsupportedQueryMethodException when it is annotated but cannot be one
	 */
	static @Nullable CollectionQueryMethod of(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			boolean reactive, SingleTableConverter converter) {
		CollectionQuery declaration = AnnotatedElementUtils.findMergedAnnotation(method, CollectionQuery.class);
		return (declaration != null) ? new CollectionQueryMethod(method, metadata, factory, declaration.index(),
				declaration.types(), reactive, converter) : null;
	}

	/**
	 * Returns the method as a collection query of the index and types an AOT repository states (what its
	 * {@link CollectionQuery @CollectionQuery} declared at build time), checked as {@link #of} checks it.
	 * @throws UnsupportedQueryMethodException when it cannot be one
	 */
	static CollectionQueryMethod declared(Method method, RepositoryMetadata metadata, ProjectionFactory factory,
			String index, Class<?>[] types, boolean reactive, SingleTableConverter converter) {
		return new CollectionQueryMethod(method, metadata, factory, index, types, reactive, converter);
	}

	private UnsupportedQueryMethodException parameters(Method method, Class<?>[] parameters) {
		return new UnsupportedCollectionQueryException("Cannot create " + this.description + ": a @CollectionQuery "
				+ "method "
				+ "takes the partition value, then any of a cursor (a String) and a Limit, "
				+ "but takes " + Arrays.stream(parameters).map(Class::getSimpleName).toList(),
				UnsupportedQueryMethodException.Reason.PARAMETERS);
	}

	String index() {
		return this.index;
	}

	List<Class<?>> types() {
		return this.types;
	}

	/** The partition value of a call. */
	Object partition(Object[] arguments) {
		Object partition = arguments[0];
		if (partition == null) {
			throw new IllegalArgumentException(this.description + " needs a partition value, not null");
		}
		return partition;
	}

	/** The cursor of a call: {@literal null} for the first page. */
	@Nullable String cursor(Object[] arguments) {
		if (this.cursorIndex >= 0) {
			return (String) arguments[this.cursorIndex];
		}
		return null;
	}

	/** The page size of a call, {@literal null} for the default. */
	@Nullable Integer limit(Object[] arguments) {
		return (this.limitIndex >= 0 && arguments[this.limitIndex] instanceof Limit limit && limit.isLimited())
				? limit.max() : null;
	}

}
