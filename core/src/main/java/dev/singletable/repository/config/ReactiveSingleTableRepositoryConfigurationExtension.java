package dev.singletable.repository.config;

import java.util.List;

import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.query.ReactiveSingleTableRepositoryAotProcessor;
import dev.singletable.repository.reactive.ReactiveReadOnlySingleTableRepository;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import dev.singletable.repository.reactive.ReactiveVersionedRepository;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactoryBean;

/**
 * Reactive repository configuration for singletable: takes only reactive repositories (those extending a reactive
 * or Kotlin coroutine repository interface, or with methods returning reactive types or {@code suspend} functions when
 * they extend neither kind), leaving the blocking ones to
 * {@link SingleTableRepositoryConfigurationExtension}, so both may scan the same packages. In strict mode (several
 * Spring Data modules on the classpath) a repository is ours when it extends one of our reactive repository
 * interfaces or manages a {@link SingleTableEntity @SingleTableEntity} type.
 */
public class ReactiveSingleTableRepositoryConfigurationExtension extends RepositoryKindExtension {

	/** The attribute naming the reactive template bean. */
	static final String TEMPLATE_REF_ATTRIBUTE = "reactiveSingleTableTemplateRef";

	/**
	 * Creates the configuration of the reactive repositories.
	 */
	public ReactiveSingleTableRepositoryConfigurationExtension() {
		super("Reactive SingleTable", "singletable-reactive", ReactiveSingleTableRepositoryFactoryBean.class,
				List.of(ReactiveSingleTableRepository.class, ReactiveVersionedRepository.class,
						ReactiveReadOnlySingleTableRepository.class),
				true);
	}

	/** Generates each repository's AOT fragment at {@code process-aot}. */
	@Override
	public Class<? extends BeanRegistrationAotProcessor> getRepositoryAotProcessor() {
		return ReactiveSingleTableRepositoryAotProcessor.class;
	}

	@Override
	public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
		builder.addPropertyReference("reactiveSingleTableOperations",
				config.getAttributes().getString(TEMPLATE_REF_ATTRIBUTE));
	}

}
