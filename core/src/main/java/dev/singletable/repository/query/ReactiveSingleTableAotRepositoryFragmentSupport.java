package dev.singletable.repository.query;

import org.springframework.data.repository.core.support.RepositoryFactoryBeanSupport.FragmentCreationContext;

import dev.singletable.core.reactive.ReactiveSingleTableOperations;

/**
 * The superclass of the reactive repository fragments {@code process-aot} generates ({@code …Impl__AotRepository}):
 * as {@link SingleTableAotRepositoryFragmentSupport} for the blocking ones, each derived, {@code @IndexQuery} and
 * {@code @CollectionQuery} method returning a {@code Flux} or a {@code Mono} is generated code stating its plan or
 * declaration, run on the reactive template as the reflective repository runs it (Kotlin {@code suspend} functions
 * and {@code Flow}s stay reflective). Not for applications' own code.
 */
public abstract class ReactiveSingleTableAotRepositoryFragmentSupport extends SingleTableAotRepositoryFragmentSupport {

	/**
	 * Creates the fragment.
	 * @param operations the reactive template the repository runs on
	 * @param context the repository's metadata and projection factory
	 */
	protected ReactiveSingleTableAotRepositoryFragmentSupport(ReactiveSingleTableOperations operations,
			FragmentCreationContext context) {
		super(new ReactiveAotQueryTarget(operations), context);
	}

}
