package dev.singletable.repository.query;

import org.jspecify.annotations.Nullable;


import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.data.repository.aot.generate.RepositoryContributor;
import org.springframework.data.repository.config.AotRepositoryContext;
import org.springframework.data.repository.config.RepositoryRegistrationAotProcessor;

/**
 * The ahead-of-time processing of singletable's blocking repositories ({@link ReactiveSingleTableRepositoryAotProcessor}
 * of the reactive ones): besides Spring Data's hints, generates each repository's AOT fragment
 * ({@code …Impl__AotRepository}), whose derived query methods state at build time the plan the application would
 * otherwise make from their names when it starts, and whose {@code @IndexQuery} and {@code @CollectionQuery} methods
 * their declarations. On unless {@code spring.aot.repositories.enabled=false} (or
 * {@code spring.aot.singletable.repositories.enabled=false}).
 */
public class SingleTableRepositoryAotProcessor extends RepositoryRegistrationAotProcessor {

	/**
	 * Besides Spring Data's hints, the repository interface's public methods: the generated fragment looks its
	 * query methods up by name and parameter types when it is created.
	 */
	@Override
	protected void registerRepositoryCompositionHints(AotRepositoryContext context, GenerationContext generation) {
		super.registerRepositoryCompositionHints(context, generation);
		generation.getRuntimeHints()
			.reflection()
			.registerType(context.getRepositoryInformation().getRepositoryInterface(),
					MemberCategory.INVOKE_PUBLIC_METHODS);
	}

	@Override
	protected @Nullable RepositoryContributor contributeAotRepository(AotRepositoryContext context) {
		if (!context.isGeneratedRepositoriesEnabled("singletable")) {
			return null;
		}
		return contributor(context);
	}

	/**
	 * Returns what generates a repository's fragment.
	 * @param context the repository's AOT context
	 * @return the contributor
	 */
	RepositoryContributor contributor(AotRepositoryContext context) {
		return new SingleTableRepositoryContributor(context);
	}

}
