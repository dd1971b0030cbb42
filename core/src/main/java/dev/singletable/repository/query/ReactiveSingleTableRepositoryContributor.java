package dev.singletable.repository.query;

import java.lang.reflect.Method;

import org.springframework.data.repository.config.AotRepositoryContext;

import dev.singletable.core.reactive.ReactiveSingleTableOperations;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Generates the AOT fragment of a reactive repository, as {@link SingleTableRepositoryContributor} does a blocking
 * one's: its derived, {@code @IndexQuery} and {@code @CollectionQuery} methods returning a {@link Flux} or a
 * {@link Mono} run on the reactive template through a {@link ReactiveSingleTableAotRepositoryFragmentSupport}. Kotlin
 * {@code suspend} functions and {@code Flow}s, which Spring Data adapts around the query, stay reflective.
 */
class ReactiveSingleTableRepositoryContributor extends SingleTableRepositoryContributor {

	ReactiveSingleTableRepositoryContributor(AotRepositoryContext context) {
		super(generatingMethods(context));
	}

	@Override
	boolean reactive() {
		return true;
	}

	@Override
	boolean generates(Class<?> returned) {
		return returned == Flux.class || returned == Mono.class;
	}

	@Override
	SingleTableQueryMethod queryMethod(Method method) {
		return new ReactiveSingleTableQueryMethod(method, getRepositoryInformation(), getProjectionFactory());
	}

	@Override
	String templateAttribute() {
		return "reactiveSingleTableTemplateRef";
	}

	@Override
	Class<?> fragmentSupport() {
		return ReactiveSingleTableAotRepositoryFragmentSupport.class;
	}

	@Override
	Class<?> operations() {
		return ReactiveSingleTableOperations.class;
	}

}
