package dev.singletable.repository.config;

import java.lang.annotation.Annotation;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.support.BeanDefinitionBuilder;
import org.springframework.data.repository.config.AnnotationRepositoryConfigurationSource;
import org.springframework.data.repository.config.RepositoryConfigurationExtensionSupport;
import org.springframework.data.repository.core.RepositoryMetadata;

import dev.singletable.core.mapping.SingleTableEntity;
import dev.singletable.repository.reactive.ReactiveReadOnlySingleTableRepository;
import dev.singletable.repository.reactive.ReactiveSingleTableRepository;
import dev.singletable.repository.reactive.ReactiveVersionedRepository;
import dev.singletable.repository.support.ReactiveSingleTableRepositoryFactoryBean;

/**
 * Reactive repository configuration for singletable: takes only reactive repositories (those extending a reactive
 * repository interface, or with methods returning reactive types when they extend neither kind), leaving the
 * blocking ones to
 * {@link SingleTableRepositoryConfigurationExtension}, so both may scan the same packages. In strict mode (several
 * Spring Data modules on the classpath) a repository is ours when it extends one of our reactive repository
 * interfaces or manages a {@link SingleTableEntity @SingleTableEntity} type.
 */
public class ReactiveSingleTableRepositoryConfigurationExtension extends RepositoryConfigurationExtensionSupport {

	/** The attribute naming the reactive template bean. */
	static final String TEMPLATE_REF_ATTRIBUTE = "reactiveSingleTableTemplateRef";

	@Override
	public String getModuleName() {
		return "Reactive SingleTable";
	}

	@Override
	protected String getModulePrefix() {
		return "singletable-reactive";
	}

	@Override
	public String getRepositoryFactoryBeanClassName() {
		return ReactiveSingleTableRepositoryFactoryBean.class.getName();
	}

	@Override
	protected Collection<Class<? extends Annotation>> getIdentifyingAnnotations() {
		return List.of(SingleTableEntity.class);
	}

	@Override
	protected Collection<Class<?>> getIdentifyingTypes() {
		return List.of(ReactiveSingleTableRepository.class, ReactiveVersionedRepository.class,
				ReactiveReadOnlySingleTableRepository.class);
	}

	@Override
	public void postProcess(BeanDefinitionBuilder builder, AnnotationRepositoryConfigurationSource config) {
		builder.addPropertyReference("reactiveSingleTableOperations",
				config.getAttributes().getString(TEMPLATE_REF_ATTRIBUTE));
	}

	/** Only reactive repositories: the blocking ones are {@link SingleTableRepositoryConfigurationExtension}'s. */
	@Override
	protected boolean useRepositoryConfiguration(RepositoryMetadata metadata) {
		return RepositoryKinds.isReactive(metadata);
	}

}
