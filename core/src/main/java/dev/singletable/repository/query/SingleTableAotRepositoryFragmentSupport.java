package dev.singletable.repository.query;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport.FragmentCreationContext;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

import dev.singletable.core.SingleTableOperations;

/**
 * The superclass of the blocking repository fragments {@code process-aot} generates ({@code …Impl__AotRepository},
 * as Spring Data 4 does for JPA and MongoDB; {@link ReactiveSingleTableAotRepositoryFragmentSupport} for the reactive
 * ones): each derived query method of the repository is generated code that states the plan
 * {@link SingleTableQueryCreator} made for it at build time, and each {@code @IndexQuery} and
 * {@code @CollectionQuery} method its declaration, so the application neither parses method names nor chooses
 * indexes when it starts, and Spring Data's query lookup creates none of them. The generated methods behave as the
 * reflective repository's: same queries, same results, same exceptions. Not for applications' own code.
 */
public abstract class SingleTableAotRepositoryFragmentSupport {

	private final AotQueryTarget target;

	private final FragmentCreationContext context;

	/**
	 * Creates the fragment.
	 * @param operations the template the repository runs on
	 * @param context the repository's metadata and projection factory
	 */
	protected SingleTableAotRepositoryFragmentSupport(SingleTableOperations operations,
			FragmentCreationContext context) {
		this(AotQueryTarget.blocking(operations), context);
	}

	SingleTableAotRepositoryFragmentSupport(AotQueryTarget target, FragmentCreationContext context) {
		Assert.notNull(context, "FragmentCreationContext must not be null");
		this.target = target;
		this.context = context;
	}

	/**
	 * Starts the plan of a derived query method of the repository.
	 * @param name the method's name
	 * @param parameterTypes its parameter types
	 * @return the plan's builder
	 */
	protected AotQuery.Builder derived(String name, Class<?>... parameterTypes) {
		return method(name, parameterTypes);
	}

	/**
	 * Starts the declaration of an {@code @IndexQuery} or {@code @CollectionQuery} method of the repository.
	 * @param name the method's name
	 * @param parameterTypes its parameter types
	 * @return the declaration's builder
	 */
	protected AotQuery.Builder declared(String name, Class<?>... parameterTypes) {
		return method(name, parameterTypes);
	}

	private AotQuery.Builder method(String name, Class<?>... parameterTypes) {
		Class<?> repository = this.context.getRepositoryMetadata().getRepositoryInterface();
		Method method = ReflectionUtils.findMethod(repository, name, parameterTypes);
		if (method == null) {
			throw new IllegalStateException("No method " + name + " on " + repository.getName()
					+ ": the repository changed since process-aot generated its fragment; build the application again");
		}
		return new AotQuery.Builder(method, this.context.getRepositoryMetadata(), this.context.getProjectionFactory(),
				this.target);
	}

	/**
	 * Runs a query method with the arguments of a call.
	 * @param query the method's query
	 * @param arguments the arguments
	 * @return what the method returns
	 */
	protected @Nullable Object execute(AotQuery query, Object... arguments) {
		return query.execute(arguments);
	}

}
