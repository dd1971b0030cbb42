package dev.singletable.repository.query;

import org.springframework.aot.hint.TypeReference;
import org.springframework.data.repository.aot.generate.RepositoryContributor;
import org.springframework.data.repository.config.AotRepositoryContext;

/**
 * The ahead-of-time processing of singletable's reactive repositories, as {@link SingleTableRepositoryAotProcessor}
 * does the blocking ones': each repository's {@code …Impl__AotRepository} runs its derived, {@code @IndexQuery} and
 * {@code @CollectionQuery} methods returning a {@code Flux} or a {@code Mono} on the reactive template from code
 * generated at build time.
 */
public class ReactiveSingleTableRepositoryAotProcessor extends SingleTableRepositoryAotProcessor {

	@Override
	TypeReference baseClass() {
		return TypeReference.of("dev.singletable.repository.support.SimpleReactiveSingleTableRepository");
	}

	@Override
	RepositoryContributor contributor(AotRepositoryContext context) {
		return new ReactiveSingleTableRepositoryContributor(context);
	}

}
