package dev.singletable.repository.query;

import java.lang.reflect.Method;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;


import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.data.repository.aot.generate.RepositoryContributor;
import org.springframework.data.repository.config.AotRepositoryContext;
import org.springframework.data.repository.config.RepositoryRegistrationAotProcessor;
import org.springframework.data.repository.core.RepositoryInformation;

import dev.singletable.repository.CollectionQuery;

/**
 * The ahead-of-time processing of singletable's blocking repositories ({@link ReactiveSingleTableRepositoryAotProcessor}
 * of the reactive ones): besides Spring Data's hints, generates each repository's AOT fragment
 * ({@code …Impl__AotRepository}), whose derived query methods state at build time the plan the application would
 * otherwise make from their names when it starts, and whose {@code @IndexQuery} and {@code @CollectionQuery} methods
 * their declarations. On unless {@code spring.aot.repositories.enabled=false} (or
 * {@code spring.aot.singletable.repositories.enabled=false}).
 */
public class SingleTableRepositoryAotProcessor extends RepositoryRegistrationAotProcessor {

	/** What mapping an entity reflects on: its constructors, its fields and its methods (computed index keys). */
	private static final MemberCategory[] MAPPING = { MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
			MemberCategory.INVOKE_DECLARED_METHODS, MemberCategory.ACCESS_DECLARED_FIELDS };

	/**
	 * Besides Spring Data's hints, what the repository reflects on at run time: the repository interface's public
	 * methods, which the generated fragment looks its query methods up by; the base class, which the factory creates
	 * through its constructor and whose methods the repository invokes; and for mapping and the stored JSON the
	 * domain type and the types of each {@code @CollectionQuery}, which a repository reads without their being its
	 * domain type.
	 */
	@Override
	protected void registerRepositoryCompositionHints(AotRepositoryContext context, GenerationContext generation) {
		super.registerRepositoryCompositionHints(context, generation);
		ReflectionHints reflection = generation.getRuntimeHints().reflection();
		RepositoryInformation information = context.getRepositoryInformation();
		reflection.registerType(information.getRepositoryInterface(), MemberCategory.INVOKE_PUBLIC_METHODS);
		// the configured base class, else (unresolved before the factory runs) singletable's
		for (TypeReference base : List.of(TypeReference.of(information.getRepositoryBaseClass()), baseClass())) {
			reflection.registerType(base, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
					MemberCategory.INVOKE_PUBLIC_METHODS);
		}
		Set<Class<?>> mapped = new LinkedHashSet<>();
		mapped.add(information.getDomainType());
		for (Method method : information.getRepositoryInterface().getMethods()) {
			CollectionQuery collection = AnnotatedElementUtils.findMergedAnnotation(method, CollectionQuery.class);
			if (collection != null) {
				mapped.addAll(List.of(collection.types()));
			}
		}
		BindingReflectionHintsRegistrar json = new BindingReflectionHintsRegistrar();
		for (Class<?> type : mapped) {
			reflection.registerType(type, MAPPING);
			json.registerReflectionHints(reflection, type);
		}
	}

	@Override
	protected @Nullable RepositoryContributor contributeAotRepository(AotRepositoryContext context) {
		if (!context.isGeneratedRepositoriesEnabled("singletable")) {
			return null;
		}
		return contributor(context);
	}

	/** The base class of the repositories, named (the support package depends on this one). */
	TypeReference baseClass() {
		return TypeReference.of("dev.singletable.repository.support.SimpleSingleTableRepository");
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
