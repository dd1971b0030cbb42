package dev.singletable.repository.config;

import java.lang.annotation.Annotation;

import org.springframework.data.repository.config.RepositoryBeanDefinitionRegistrarSupport;
import org.springframework.data.repository.config.RepositoryConfigurationExtension;

/**
 * Registers the repositories {@link EnableSingleTableRepositories @EnableSingleTableRepositories} asks for.
 */
class SingleTableRepositoriesRegistrar extends RepositoryBeanDefinitionRegistrarSupport {

	@Override
	protected Class<? extends Annotation> getAnnotation() {
		return EnableSingleTableRepositories.class;
	}

	@Override
	protected RepositoryConfigurationExtension getExtension() {
		return new SingleTableRepositoryConfigurationExtension();
	}

}
